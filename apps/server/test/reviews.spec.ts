import type { RunView, WorkflowGraph } from '@flowpress/shared';
import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';

const graph = (maxRevisions = 2): WorkflowGraph => ({
  version: 1,
  nodes: [
    { id: 'brief', type: 'input', position: { x: 0, y: 0 }, data: { fields: [{ name: 'topic', type: 'text', required: true }] } },
    { id: 'draft', type: 'prompt', position: { x: 200, y: 0 }, data: { template: 'Draft about {{brief.topic}}. Feedback: {{feedback}}' } },
    { id: 'check', type: 'review', position: { x: 400, y: 0 }, data: { instructions: 'Check {{brief.topic}}', maxRevisions } },
    { id: 'final', type: 'template', position: { x: 600, y: 0 }, data: { template: 'FINAL: {{check.text}}' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'check' },
    { id: 'e3', source: 'check', target: 'final' },
  ],
});

interface Review {
  id: string;
  runId: string;
  status: string;
  round: number;
  content: { text?: string };
  instructions: string | null;
}

const databases = await testDatabases();

describe.each(databases)('reviews on %s', (database) => {
  let t: TestApp;
  let mock: MockOpenAI;
  let editor: Client;
  let reviewer: Client;
  let workflowId: string;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    t = await startTestApp({ database, env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'test' } });
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    workflowId = (await editor.post('/api/workflows').send({ name: 'Reviewed', graph: graph() }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  async function startWaiting(topic: string): Promise<{ run: RunView; review: Review }> {
    const res = await editor.post(`/api/workflows/${workflowId}/runs?wait=true`).send({ inputs: { topic } }).expect(200);
    const run = res.body as RunView;
    expect(run.status).toBe('waiting_review');
    const list = (await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200)).body as Review[];
    expect(list).toHaveLength(1);
    return { run, review: list[0]! };
  }

  async function settle(runId: string): Promise<RunView> {
    for (let i = 0; i < 200; i++) {
      const run = (await editor.get(`/api/runs/${runId}`).expect(200)).body as RunView;
      if (!['queued', 'running'].includes(run.status)) return run;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('run did not settle');
  }

  it('parks the run and holds what the reviewer must see', async () => {
    const { run, review } = await startWaiting('granola');
    expect(run.nodes.find((n) => n.nodeId === 'check')!.status).toBe('waiting_review');
    expect(run.nodes.find((n) => n.nodeId === 'final')!.status).toBe('pending');
    expect(review.content.text).toBe(run.nodes.find((n) => n.nodeId === 'draft')!.output?.['text']);
    expect(review.instructions).toBe('Check granola');
    expect(review.round).toBe(1);
  });

  it('approve resumes the run and the draft flows downstream', async () => {
    const { run, review } = await startWaiting('kombucha');
    const decided = await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'approve' }).expect(200);
    expect(decided.body.status).toBe('approved');
    const done = await settle(run.id);
    expect(done.status).toBe('succeeded');
    expect(done.nodes.find((n) => n.nodeId === 'final')!.output?.['text']).toBe(`FINAL: ${review.content.text}`);
    expect(done.nodes.find((n) => n.nodeId === 'draft')!.attempts).toBe(1);
  });

  it('approve with edits sends the edit downstream and keeps the original on record', async () => {
    const { run, review } = await startWaiting('matcha');
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'approve', edits: { text: 'Edited by a human' }, comment: 'tightened' }).expect(200);
    const done = await settle(run.id);
    expect(done.nodes.find((n) => n.nodeId === 'final')!.output?.['text']).toBe('FINAL: Edited by a human');
    const record = (await reviewer.get(`/api/reviews/${review.id}`).expect(200)).body;
    expect(record.content.text).toBe(review.content.text);
    expect(record.decision).toMatchObject({ action: 'approve', edits: { text: 'Edited by a human' }, comment: 'tightened' });
  });

  it('reject fails the run with the reason and skips downstream', async () => {
    const { run, review } = await startWaiting('energy drinks');
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'reject', comment: 'off brand' }).expect(200);
    const done = await settle(run.id);
    expect(done.status).toBe('failed');
    expect(done.error?.message).toMatch(/off brand/);
    expect(done.nodes.find((n) => n.nodeId === 'final')!.status).toBe('skipped');
  });

  it('request_changes re-runs the draft with the comment, opens a new round, and enforces maxRevisions', async () => {
    const { run, review } = await startWaiting('espresso');
    const before = mock.requests.length;
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'request_changes', comment: 'Mention the crema' }).expect(200);
    const parked = await settle(run.id);
    expect(parked.status).toBe('waiting_review');
    const sent = JSON.stringify(mock.requests.slice(before).map((r) => r.body));
    expect(sent).toContain('Mention the crema');
    const round2 = ((await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200)).body as Review[])[0]!;
    expect(round2.round).toBe(2);
    await reviewer.post(`/api/reviews/${round2.id}/decision`).send({ action: 'request_changes', comment: 'Shorter' }).expect(200);
    await settle(run.id);
    const round3 = ((await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200)).body as Review[])[0]!;
    expect(round3.round).toBe(3);
    // maxRevisions is 2: the third round may only be approved or rejected.
    const refused = await reviewer.post(`/api/reviews/${round3.id}/decision`).send({ action: 'request_changes', comment: 'again' }).expect(409);
    expect(refused.body.message).toMatch(/approve or reject/);
    await reviewer.post(`/api/reviews/${round3.id}/decision`).send({ action: 'approve' }).expect(200);
    const done = await settle(run.id);
    expect(done.status).toBe('succeeded');
  });

  it('refuses a second decision (409), a viewer (403), and edits without approve (400)', async () => {
    const { review } = await startWaiting('chai');
    const viewer = await t.as('viewer');
    await viewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'approve' }).expect(403);
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'reject', edits: { text: 'x' } }).expect(400);
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'request_changes' }).expect(400);
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'approve' }).expect(200);
    await reviewer.post(`/api/reviews/${review.id}/decision`).send({ action: 'approve' }).expect(409);
    await reviewer.post('/api/reviews/00000000-0000-4000-8000-000000000000/decision').send({ action: 'approve' }).expect(404);
  });

  it('exports decisions as JSON lines with prompt, draft and final text', async () => {
    const res = await editor.get(`/api/reviews/export?format=jsonl&workflowId=${workflowId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/x-ndjson/);
    const lines = res.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const edited = lines.find((l) => l['final'] === 'Edited by a human')!;
    expect(edited).toMatchObject({ action: 'approve', edited: true });
    expect(JSON.stringify(edited['prompts'])).toContain('Draft about matcha');
    expect(lines.some((l) => l['action'] === 'request_changes' && l['comment'] === 'Mention the crema')).toBe(true);
  });

  it('keeps 50 waiting runs across a restart and resumes each on approval', async () => {
    const runs = await Promise.all(
      Array.from({ length: 50 }, (_, i) => editor.post(`/api/workflows/${workflowId}/runs?wait=true`).send({ inputs: { topic: `bulk ${i}` } }).expect(200)),
    );
    const ids = runs.map((r) => (r.body as RunView).id);
    expect(runs.every((r) => r.body.status === 'waiting_review')).toBe(true);
    t = await t.restart();
    editor = await t.as('editor');
    reviewer = await t.as('reviewer');
    const pending = (await reviewer.get('/api/reviews?status=pending&limit=500').expect(200)).body as Review[];
    const mine = pending.filter((r) => ids.includes(r.runId));
    expect(mine).toHaveLength(50);
    await Promise.all(mine.map((r) => reviewer.post(`/api/reviews/${r.id}/decision`).send({ action: 'approve' }).expect(200)));
    const done = await Promise.all(ids.map((id) => settle(id)));
    expect(done.every((r) => r.status === 'succeeded')).toBe(true);
  }, 120_000);
});
