/**
 * Shared by the publishing and library suites: the brief → draft (+ hero image) → review →
 * publish workflow, and driving a run of it through review to its end over HTTP.
 */
import type { RunView, WorkflowGraph } from '@flowpress/shared';
import type { ChatRequestBody } from '@flowpress/nodes/testing';
import type { Client } from './harness.js';

/** The mock model's answer: a markdown article whose title names the topic. */
export function articleReply(request: ChatRequestBody): string {
  const last = request.messages[request.messages.length - 1];
  const text = typeof last?.content === 'string' ? last.content : '';
  const topic = /about (.+?)\./.exec(text)?.[1] ?? 'things';
  return `# All about ${topic}\n\nA **short** piece on ${topic}.\n\n- first point\n- second point\n`;
}

export function publishGraph(
  publish: Record<string, unknown>,
  options: { image?: boolean } = {},
): WorkflowGraph {
  const image = options.image ?? true;
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'draft',
        type: 'prompt',
        position: { x: 200, y: 0 },
        data: { system: 'You write for ACME.', template: 'Write about {{brief.topic}}.' },
      },
      ...(image
        ? [
            {
              id: 'hero',
              type: 'image',
              position: { x: 200, y: 200 },
              data: { prompt: 'Hero: {{brief.topic}}', size: '64x64' },
            },
          ]
        : []),
      {
        id: 'check',
        type: 'review',
        position: { x: 400, y: 0 },
        data: { instructions: 'Check it' },
      },
      { id: 'ship', type: 'publish', position: { x: 600, y: 0 }, data: publish },
    ],
    edges: [
      { id: 'e1', source: 'brief', target: 'draft' },
      { id: 'e2', source: 'draft', target: 'check' },
      ...(image
        ? [
            { id: 'e3', source: 'brief', target: 'hero' },
            { id: 'e4', source: 'hero', target: 'check' },
            {
              id: 'e6',
              source: 'check',
              sourceHandle: 'images',
              target: 'ship',
              targetHandle: 'content',
            },
          ]
        : []),
      { id: 'e5', source: 'check', target: 'ship' },
    ],
  };
}

/** A workflow with only an input and a publish node (no model, no review). */
export function directGraph(publish: Record<string, unknown>): WorkflowGraph {
  return {
    version: 1,
    nodes: [
      {
        id: 'brief',
        type: 'input',
        position: { x: 0, y: 0 },
        data: { fields: [{ name: 'topic', type: 'text', required: true }] },
      },
      {
        id: 'ship',
        type: 'publish',
        position: { x: 200, y: 0 },
        data: { content: '# Note on {{brief.topic}}\n\nPlain text.', ...publish },
      },
    ],
    edges: [{ id: 'e1', source: 'brief', target: 'ship' }],
  };
}

export async function createWorkflow(
  editor: Client,
  name: string,
  graph: WorkflowGraph,
): Promise<string> {
  const res = await editor.post('/api/workflows').send({ name, graph });
  if (res.status !== 201)
    throw new Error(`creating ${name}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

export async function settle(editor: Client, runId: string): Promise<RunView> {
  for (let i = 0; i < 600; i++) {
    const run = (await editor.get(`/api/runs/${runId}`).expect(200)).body as RunView;
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${runId} did not settle`);
}

/**
 * Runs the workflow to its review, approves it (with `edits` if given) and waits for the end.
 */
export async function runThroughReview(
  editor: Client,
  reviewer: Client,
  workflowId: string,
  topic: string,
  edits?: Record<string, unknown>,
): Promise<RunView> {
  const started = await editor
    .post(`/api/workflows/${workflowId}/runs?wait=true`)
    .send({ inputs: { topic } });
  const run = started.body as RunView;
  if (run.status !== 'waiting_review')
    throw new Error(
      `expected a review, got ${run.status}: ${JSON.stringify(run.error ?? run.nodes)}`,
    );
  const reviews = (await reviewer.get(`/api/reviews?status=pending&runId=${run.id}`).expect(200))
    .body as { id: string }[];
  await reviewer
    .post(`/api/reviews/${reviews[0]!.id}/decision`)
    .send({ action: 'approve', comment: 'Looks good', ...(edits ? { edits } : {}) })
    .expect(200);
  return settle(editor, run.id);
}

/** Runs a workflow without review to its end. */
export async function runDirect(
  editor: Client,
  workflowId: string,
  topic: string,
): Promise<RunView> {
  const res = await editor
    .post(`/api/workflows/${workflowId}/runs?wait=true`)
    .send({ inputs: { topic } });
  return settle(editor, (res.body as RunView).id);
}

export interface Receipt {
  target: string;
  externalId: string;
  url: string;
  publishedAt: string;
}

export function receiptOf(run: RunView): Receipt {
  const ship = run.nodes.find((n) => n.nodeId === 'ship');
  const receipt = ship?.output?.['receipt'] as Receipt | undefined;
  if (!receipt) throw new Error(`no receipt: run ${run.status}, ship ${JSON.stringify(ship)}`);
  return receipt;
}

export function shipError(run: RunView): string {
  return run.nodes.find((n) => n.nodeId === 'ship')?.error?.message ?? '';
}
