/**
 * Queue mode end to end: built `api` and `worker` processes on one Postgres database and a Redis
 * of the test's own. Needs `pnpm build` first and the machine's Postgres (skipped without it).
 */
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { RunEvent, RunSubscribeAck, RunView, WorkflowGraph } from '@flowpress/shared';
import { FakeWebhookReceiver, startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { testDatabases } from './harness.js';
import { startCluster, until, type Cluster, type ServerProcess } from './queue-cluster.js';

const pipeline: WorkflowGraph = {
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
      data: { template: 'Write about {{brief.topic}}' },
    },
    {
      id: 'final',
      type: 'template',
      position: { x: 400, y: 0 },
      data: { template: '# {{brief.topic}}\n\n{{draft.text}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'draft' },
    { id: 'e2', source: 'draft', target: 'final' },
  ],
};

const publishing = (url: string, credentialId: string): WorkflowGraph => ({
  version: 1,
  nodes: [
    {
      id: 'brief',
      type: 'input',
      position: { x: 0, y: 0 },
      data: { fields: [{ name: 'topic', type: 'text', required: true }] },
    },
    {
      id: 'outline',
      type: 'prompt',
      position: { x: 200, y: 0 },
      data: { template: 'Outline {{brief.topic}}' },
    },
    {
      id: 'draft',
      type: 'prompt',
      position: { x: 400, y: 0 },
      data: { template: 'Draft from {{outline.text}}' },
    },
    {
      id: 'ship',
      type: 'publish',
      position: { x: 600, y: 0 },
      data: { target: 'webhook', url, credentialId, content: '{{draft.text}}' },
    },
  ],
  edges: [
    { id: 'e1', source: 'brief', target: 'outline' },
    { id: 'e2', source: 'outline', target: 'draft' },
    { id: 'e3', source: 'draft', target: 'ship' },
  ],
});

function connect(base: string, headers: Record<string, string>): Promise<Socket> {
  const token = headers['authorization']!.replace('Bearer ', '');
  return new Promise((resolve, reject) => {
    const socket = io(base, { auth: { token }, transports: ['websocket'], reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Every event a socket receives, by run. */
function collect(socket: Socket): Map<string, RunEvent[]> {
  const byRun = new Map<string, RunEvent[]>();
  socket.on('run:event', (event: RunEvent) => {
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  });
  return byRun;
}

const ended = (events: RunEvent[] | undefined) =>
  Boolean(events?.some((e) => e.type === 'run.succeeded' || e.type === 'run.failed'));
const gapless = (events: RunEvent[]) =>
  events.every((e, i) => i === 0 || e.seq === events[i - 1]!.seq + 1);

const databases = await testDatabases();
const describeWithPostgres = databases.includes('postgres') ? describe : describe.skip;

describeWithPostgres('queue mode: api and worker processes on Postgres and Redis', () => {
  let mock: MockOpenAI;
  let hook: FakeWebhookReceiver;
  let cluster: Cluster;
  let api: ServerProcess;
  let workers: ServerProcess[];
  let headers: Record<string, string>;
  let workflowId: string;

  const post = async <T>(
    proc: ServerProcess,
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ) => {
    const res = await fetch(`${proc.base}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const getRun = async (proc: ServerProcess, id: string) =>
    (await (await fetch(`${proc.base}/api/runs/${id}`, { headers })).json()) as RunView;
  const chatsAbout = (text: string) =>
    mock.requests.filter(
      (r) => r.path.endsWith('/chat/completions') && JSON.stringify(r.body).includes(text),
    ).length;

  beforeAll(async () => {
    mock = await startMockOpenAI();
    hook = await new FakeWebhookReceiver({ secret: 'queue-hook-secret' }).start();
    cluster = await startCluster({
      env: {
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: 'test',
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
      },
    });
    // The API first: it migrates the database and seeds the admin before the workers connect.
    api = await cluster.start('api');
    workers = [await cluster.start('worker'), await cluster.start('worker')];
    headers = await cluster.login(api);
    workflowId = (
      await post<{ id: string }>(api, '/api/workflows', { name: 'Queue', graph: pipeline })
    ).body.id;
  }, 300_000);

  afterAll(async () => {
    await cluster?.close();
    await hook?.stop();
    await mock?.close();
  });

  it('runs 100 runs across two workers, each prompt once, every event on the API socket in order', async () => {
    const socket = await connect(api.base, headers);
    const events = collect(socket);
    const acks = new Map<string, RunSubscribeAck>();
    // Ended: the socket saw the run's last event, or the run had ended before it subscribed.
    const endedFor = (id: string) => acks.get(id)?.status === 'succeeded' || ended(events.get(id));
    try {
      const ids: string[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const created = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            post<{ id: string }>(api, `/api/workflows/${workflowId}/runs`, {
              inputs: { topic: `topic-${batch * 10 + i}-end` },
            }),
          ),
        );
        for (const { status, body } of created) {
          expect(status).toBe(201);
          ids.push(body.id);
          acks.set(
            body.id,
            (await socket.emitWithAck('run:subscribe', { runId: body.id })) as RunSubscribeAck,
          );
        }
      }
      await until(
        'every run to end on the socket',
        async () => (ids.every(endedFor) ? true : undefined),
        90_000,
      ).catch(async (error: unknown) => {
        // Say which runs did not end on the socket, how far their events got and what the
        // database says, so a failure points at the stage that stalled.
        const open = ids.filter((id) => !endedFor(id));
        const detail = await Promise.all(
          open.slice(0, 5).map(async (id) => {
            const run = await getRun(api, id);
            const seen = (events.get(id) ?? []).map((e) => `${e.seq}:${e.type}`).join(' ');
            return `${id}: ${run.status} (socket connected: ${socket.connected}) saw [${seen}]`;
          }),
        );
        throw new Error(
          `${String(error)}: ${open.length} of ${ids.length} open\n${detail.join('\n')}`,
        );
      });
      for (const [index, id] of ids.entries()) {
        const received = events.get(id) ?? [];
        const ack = acks.get(id)!;
        expect(ack.ok).toBe(true);
        // Whatever came before the ack is in lastSeq; from there on nothing is missing.
        const seqs = received.map((e) => `${e.seq}:${e.type}`);
        if (received.length) {
          // One comparison, so a failure prints the ack and every seq the socket saw.
          const from = { id, seqs, ack, joinsAck: received[0]!.seq <= (ack.lastSeq ?? 0) + 1 };
          expect(from).toEqual({ ...from, joinsAck: true });
          expect({ id, seqs, gapless: gapless(received) }).toEqual({ id, seqs, gapless: true });
        }
        // A run that ended before its subscribe is known from the ack alone (CONTRACT §3);
        // any other run's last event on the socket is its success.
        const outcome = ack.status === 'succeeded' ? 'run.succeeded' : received.at(-1)?.type;
        expect({ id, seqs, outcome }).toEqual({ id, seqs, outcome: 'run.succeeded' });
        expect(chatsAbout(`topic-${index}-end`)).toBe(1);
      }
      const [one, two] = await Promise.all(workers.map((w) => w.health()));
      expect(one!.worker!.passes).toBeGreaterThan(0);
      expect(two!.worker!.passes).toBeGreaterThan(0);
      const apiHealth = await api.health();
      expect(apiHealth).toMatchObject({
        role: 'api',
        queue: 'bullmq',
        queueStats: { workersSeen: 2 },
      });
      expect(apiHealth.worker).toBeUndefined();
      expect(apiHealth.queueStats!.redisRttMs).toEqual(expect.any(Number));
    } finally {
      socket.close();
    }
  }, 150_000);

  it('delivers on a second API instance the events of a run started on the first; ?wait=true answers there', async () => {
    const api2 = await cluster.start('api');
    const socket = await connect(api2.base, headers);
    const events = collect(socket);
    try {
      const { body } = await post<{ id: string }>(api, `/api/workflows/${workflowId}/runs`, {
        inputs: { topic: 'two apis' },
      });
      const ack = (await socket.emitWithAck('run:subscribe', {
        runId: body.id,
      })) as RunSubscribeAck;
      expect(ack.ok).toBe(true);
      await until('the run to end on API-2', async () =>
        ended(events.get(body.id)) ? true : undefined,
      );
      expect(gapless(events.get(body.id)!)).toBe(true);

      const waited = await post<RunView>(
        api2,
        `/api/workflows/${workflowId}/runs?wait=true&timeoutMs=30000`,
        { inputs: { topic: 'waited' } },
      );
      expect(waited.status).toBe(200);
      expect(waited.body.status).toBe('succeeded');
    } finally {
      socket.close();
    }
  }, 90_000);

  it('finishes a streaming run on the other worker after kill -9, without re-running completed nodes or publishing twice', async () => {
    const credential = await post<{ id: string }>(api, '/api/credentials', {
      type: 'webhook',
      name: 'Hook',
      data: { secret: 'queue-hook-secret', baseUrl: new URL(hook.url).origin },
    });
    expect(credential.status).toBe(201);
    const wf = await post<{ id: string }>(api, '/api/workflows', {
      name: 'Crash',
      graph: publishing(hook.url, credential.body.id),
    });
    mock.script({ reply: 'An outline about crashes' }, { hang: true });
    const { body } = await post<{ id: string }>(api, `/api/workflows/${wf.body.id}/runs`, {
      inputs: { topic: 'crashes' },
    });
    await until('the draft call', async () =>
      chatsAbout('An outline about crashes') === 1 ? true : undefined,
    );

    const db = new pg.Client({ connectionString: cluster.env['DATABASE_URL'] });
    await db.connect();
    let owner: string;
    try {
      owner = (
        await db.query<{ lease_owner: string }>('SELECT lease_owner FROM runs WHERE id = $1', [
          body.id,
        ])
      ).rows[0]!.lease_owner;
    } finally {
      await db.end();
    }
    const pid = Number(owner.split(':')[1]);
    const holder = workers.find((w) => w.child.pid === pid)!;
    expect(holder).toBeDefined();
    holder.child.kill('SIGKILL');
    await holder.exited();

    const run = await until(
      'the run to finish elsewhere',
      async () => {
        const now = await getRun(api, body.id);
        return now.status === 'succeeded' || now.status === 'failed' ? now : undefined;
      },
      60_000,
    );
    expect(run.status).toBe('succeeded');
    const byId = Object.fromEntries(run.nodes.map((n) => [n.nodeId, n]));
    expect(byId['outline']!.attempts).toBe(1);
    expect(chatsAbout('Outline crashes')).toBe(1);
    expect(chatsAbout('An outline about crashes')).toBe(2); // the killed call and the resumed one
    expect(hook.accepted).toHaveLength(1);
    workers = workers.filter((w) => w !== holder);
  }, 90_000);

  it('drains a worker on SIGTERM: it exits cleanly and its run finishes', async () => {
    const [worker] = workers;
    const { body } = await post<{ id: string }>(api, `/api/workflows/${workflowId}/runs`, {
      inputs: { topic: 'draining' },
    });
    worker!.child.kill('SIGTERM');
    const code = await until(
      'the worker to exit',
      async () => (worker!.child.exitCode !== null ? worker!.child.exitCode : undefined),
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; its log:\n${worker!.stderr.join('').slice(-4000)}`);
    });
    expect(code).toBe(0);
    // Whatever the drain left (nothing, or a released run) the next worker finishes.
    await cluster.start('worker');
    const run = await until(
      'the run to finish',
      async () => {
        const now = await getRun(api, body.id);
        return now.status === 'succeeded' ? now : undefined;
      },
      60_000,
    );
    expect(chatsAbout('Write about draining')).toBeLessThanOrEqual(2);
    expect(run.status).toBe('succeeded');
  }, 120_000);
});
