import type { ScheduleView } from '@flowpress/shared';
import { SchedulerHost } from '../src/schedules/scheduler.host.js';
import { startTestApp, testDatabases, type TestApp } from './harness.js';
import {
  createWorkflow,
  getSchedule,
  scheduleRuns,
  topicGraph,
  waitForFires,
} from './schedules-fixture.js';

const databases = await testDatabases();

const sleepUntil = async (at: number) => {
  while (Date.now() < at) await new Promise((r) => setTimeout(r, Math.min(100, at - Date.now())));
};

describe.each(databases)('missed fires across a restart on %s', (database) => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  afterAll(async () => {
    // `second` owns the data after the restart; `first` only when the test stopped before it.
    if (second) await second.close();
    else await first?.close();
  }, 60_000);

  it('skip records the fire as missed; run_once runs it once (one-shot and per-second cron)', async () => {
    first = await startTestApp({ database });
    let editor = await first.as('editor');
    const workflowId = await createWorkflow(editor, topicGraph());
    const create = async (body: Record<string, unknown>) =>
      (
        await editor
          .post(`/api/workflows/${workflowId}/schedules`)
          .send({ inputs: { topic: 'late' }, ...body })
          .expect(201)
      ).body as ScheduleView;
    const runAt = new Date(Date.now() + 8000);
    const skip = await create({ runAt: runAt.toISOString(), missed: 'skip' });
    const once = await create({ runAt: runAt.toISOString(), missed: 'run_once' });
    const ticking = await create({ cron: '* * * * * *', missed: 'run_once' });
    await waitForFires(
      editor,
      ticking.id,
      (f) => f.some((x) => x.outcome === 'started'),
      'the ticking schedule fired',
    );

    await first.app.close();
    const downAt = Date.now();
    if (downAt >= runAt.getTime())
      throw new Error(
        'the server took too long to stop: the one-shot fire was not in the downtime',
      );
    // The server stays down past the one-shot fire and several ticks.
    await sleepUntil(runAt.getTime() + 2500);

    second = await startTestApp({
      database,
      reuse: {
        dataDir: first.dataDir,
        databaseUrl: first.databaseUrl,
        adminPassword: first.admin.password,
      },
    });
    editor = await second.as('editor');

    const skipFires = await waitForFires(
      editor,
      skip.id,
      (f) => f.length > 0,
      'the skip one-shot was looked at',
    );
    expect(skipFires).toHaveLength(1);
    expect(skipFires[0]).toMatchObject({
      fireAt: runAt.toISOString(),
      outcome: 'missed',
      runId: null,
    });
    expect(skipFires[0]!.reason).toContain('The server was not running at 1 fire time(s)');
    expect(skipFires[0]!.reason).toContain('missed-fire policy skip');
    expect(await scheduleRuns(editor, skip.id)).toHaveLength(0);
    expect((await getSchedule(editor, skip.id)).nextRunAt).toBeNull();

    const onceFires = await waitForFires(
      editor,
      once.id,
      (f) => f.some((x) => x.outcome === 'started'),
      'run_once started its fire',
    );
    expect(onceFires).toHaveLength(1);
    const onceRuns = await scheduleRuns(editor, once.id);
    expect(onceRuns).toHaveLength(1);
    expect(onceRuns[0]).toMatchObject({
      trigger: 'schedule',
      fireAt: runAt.toISOString(),
      id: onceFires[0]!.runId,
    });

    // The per-second cron missed several ticks while down: one run for them, one record of the rest.
    const tickFires = await waitForFires(
      editor,
      ticking.id,
      (f) => f.some((x) => x.reason?.includes('run_once ran the last one')),
      'the missed ticks were recorded',
    );
    await editor.patch(`/api/schedules/${ticking.id}`).send({ enabled: false }).expect(200);
    const upAt = second.app.get(SchedulerHost).scheduler.startedAt.getTime();
    const downtime = tickFires.filter(
      (f) => new Date(f.fireAt).getTime() > downAt && new Date(f.fireAt).getTime() < upAt,
    );
    const ranForDowntime = downtime.filter((f) => f.outcome === 'started');
    expect(ranForDowntime).toHaveLength(1);
    expect(downtime.filter((f) => f.outcome === 'missed')).toHaveLength(1);
  }, 240_000);
});
