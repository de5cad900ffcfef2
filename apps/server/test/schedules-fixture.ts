import type { RunView, ScheduleFireView, ScheduleView, WorkflowGraph } from '@flowpress/shared';
import type { Client } from './harness.js';

/** An input with a required `topic`, then a template: runs offline in milliseconds. */
export const topicGraph = (field = 'topic'): WorkflowGraph => ({
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: field, type: 'text', required: true }] },
    },
    {
      id: 'out',
      type: 'template',
      position: { x: 250, y: 0 },
      data: { template: `About {{brief.${field}}}` },
    },
  ],
  edges: [{ id: 'e1', source: 'brief', target: 'out' }],
});

/** The same, with a review that parks every run at `waiting_review`. */
export const reviewedGraph: WorkflowGraph = {
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
      type: 'template',
      position: { x: 200, y: 0 },
      data: { template: 'Draft on {{brief.topic}}' },
    },
    { id: 'check', type: 'review', position: { x: 400, y: 0 }, data: { instructions: 'Check it' } },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'check' },
  ],
};

export async function createWorkflow(
  client: Client,
  graph: WorkflowGraph,
  name = 'Scheduled',
): Promise<string> {
  return (
    (await client.post('/api/workflows').send({ name, graph }).expect(201)).body as { id: string }
  ).id;
}

/** Polls (no fixed sleeps) until `check` holds for the schedule's fires; throws with what it saw. */
export async function waitForFires(
  client: Client,
  scheduleId: string,
  check: (fires: ScheduleFireView[]) => boolean,
  what: string,
  attempts = 300,
): Promise<ScheduleFireView[]> {
  let fires: ScheduleFireView[] = [];
  for (let i = 0; i < attempts; i++) {
    fires = (await client.get(`/api/schedules/${scheduleId}/fires?limit=200`).expect(200))
      .body as ScheduleFireView[];
    if (check(fires)) return fires;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: fires were ${JSON.stringify(fires.map((f) => [f.outcome, f.reason]))}`);
}

export async function scheduleRuns(client: Client, scheduleId: string): Promise<RunView[]> {
  return (await client.get(`/api/runs?scheduleId=${scheduleId}&limit=200`).expect(200))
    .body as RunView[];
}

export async function getSchedule(client: Client, id: string): Promise<ScheduleView> {
  return (await client.get(`/api/schedules/${id}`).expect(200)).body as ScheduleView;
}
