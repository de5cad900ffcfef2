/**
 * Issue #9 item 2: a `matches` condition whose pattern comes from the run's inputs must not
 * freeze the server. `^(a|a)*$` on a long input used to block the event loop (V8 backtracks
 * exponentially); with RE2 and the worker thread, health keeps answering while the run goes on,
 * the run ends, and the node's timeout stops a long match.
 */
import type { RunView, WorkflowGraph } from '@flowpress/shared';
import { startTestApp, type Client, type TestApp } from './harness.js';
import { createWorkflow } from './publishing-fixture.js';

const graph = (settings?: { timeoutMs: number; maxAttempts: number }): WorkflowGraph => ({
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: {
        fields: [
          { name: 'pattern', type: 'text', required: true },
          { name: 'text', type: 'text', required: true },
        ],
      },
    },
    {
      id: 'gate',
      type: 'condition',
      position: { x: 200, y: 0 },
      data: { when: 'matches', value: '{{brief.pattern}}', input: '{{brief.text}}' },
      ...(settings ? { settings } : {}),
    },
    {
      id: 'yes',
      type: 'template',
      position: { x: 400, y: 0 },
      data: { template: 'matched' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'gate' },
    { id: 'e2', source: 'gate', sourceHandle: 'true', target: 'yes' },
  ],
});

// Db-agnostic event-loop behaviour: PGlite only, to spare the shared cores.
describe('a catastrophic pattern does not freeze the server', () => {
  let t: TestApp;
  let editor: Client;

  beforeAll(async () => {
    t = await startTestApp({ database: 'embedded' });
    editor = await t.as('editor');
  }, 60_000);
  afterAll(() => t?.close());

  /**
   * Starts a run and asks /api/health until it ends. Every health call must answer 200 within a
   * bounded wait (a frozen event loop would not answer at all); returns the run and how many
   * answers came while it was running.
   */
  async function runWatchingHealth(
    workflowId: string,
    inputs: Record<string, unknown>,
  ): Promise<{ run: RunView; healthyWhileRunning: number }> {
    const started = await editor
      .post(`/api/workflows/${workflowId}/runs`)
      .send({ inputs })
      .expect(201);
    const runId = (started.body as { id: string }).id;
    let healthyWhileRunning = 0;
    for (let i = 0; i < 2_000; i++) {
      const health = await t.request.get('/api/health').timeout(5_000);
      expect(health.status).toBe(200);
      const run = (await editor.get(`/api/runs/${runId}`).expect(200)).body as RunView;
      if (!['queued', 'running'].includes(run.status)) return { run, healthyWhileRunning };
      if (run.status === 'running') healthyWhileRunning += 1;
    }
    throw new Error(`run ${runId} did not end`);
  }

  it.each([
    ['^(a|a)*$', `${'a'.repeat(30_000)}!`, 'false'],
    ['^(a{1,})+$', `${'a'.repeat(30_000)}!`, 'false'],
    ['^(a|aa)+$', 'a'.repeat(30_000), 'true'],
  ])(
    '%s on a 30k input: the run ends on the right branch',
    async (pattern, text, branch) => {
      const id = await createWorkflow(editor, `Pattern ${pattern}`, graph());
      const { run } = await runWatchingHealth(id, { pattern, text });
      expect(run.status).toBe('succeeded');
      const gate = run.nodes.find((n) => n.nodeId === 'gate');
      expect(Object.keys(gate?.output ?? {})).toEqual([branch]);
    },
    60_000,
  );

  it('a large program on a long input runs off the event loop while health answers', async () => {
    const id = await createWorkflow(editor, 'Large program', graph());
    const { run, healthyWhileRunning } = await runWatchingHealth(id, {
      pattern: '(?:a?){300}a{300}',
      text: `${'ab'.repeat(49_000)}${'a'.repeat(300)}`,
    });
    expect(run.status).toBe('succeeded');
    expect(healthyWhileRunning).toBeGreaterThan(0);
    expect(run.nodes.find((n) => n.nodeId === 'yes')?.status).toBe('succeeded');
  }, 60_000);

  it("the node's timeout stops a long match", async () => {
    const id = await createWorkflow(
      editor,
      'Stopped match',
      graph({ timeoutMs: 200, maxAttempts: 1 }),
    );
    const { run } = await runWatchingHealth(id, {
      pattern: '(?:a?){300}a{300}',
      text: 'ab'.repeat(50_000),
    });
    expect(run.status).toBe('failed');
    expect(run.nodes.find((n) => n.nodeId === 'gate')?.error?.message).toMatch(/^Timed out/);
  }, 60_000);
});
