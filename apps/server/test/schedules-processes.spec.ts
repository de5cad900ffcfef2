import { DataSource } from 'typeorm';
import type { ScheduleView } from '@flowpress/shared';
import { startTestApp, testDatabases, type TestApp } from './harness.js';
import { createWorkflow, scheduleRuns, topicGraph, waitForFires } from './schedules-fixture.js';

// Two server processes on one database needs a real Postgres (embedded PGlite is one process's).
const databases = (await testDatabases()).filter((d) => d === 'postgres');
const suite = databases.length ? describe : describe.skip;

suite('two server processes on the same Postgres', () => {
  let a: TestApp | undefined;
  let b: TestApp | undefined;
  afterAll(async () => {
    await b?.app.close(); // b shares a's database: a's close drops it
    await a?.close();
  }, 60_000);

  it('create exactly one run per fire', async () => {
    a = await startTestApp({ database: 'postgres' });
    const editor = await a.as('editor');
    const workflowId = await createWorkflow(editor, topicGraph());
    const schedules: ScheduleView[] = [];
    for (let i = 0; i < 3; i++) {
      schedules.push(
        (
          await editor
            .post(`/api/workflows/${workflowId}/schedules`)
            .send({ cron: '* * * * * *', inputs: { topic: `t${i}` }, overlap: 'allow' })
            .expect(201)
        ).body as ScheduleView,
      );
    }
    b = await startTestApp({
      database: 'postgres',
      reuse: { dataDir: a.dataDir, databaseUrl: a.databaseUrl, adminPassword: a.admin.password },
    });
    const db = a.app.get(DataSource);
    const bootedAt = new Date();
    // Both schedulers now race for every tick; wait for several ticks after b is up.
    for (const s of schedules) {
      await waitForFires(
        editor,
        s.id,
        (f) =>
          f.filter((x) => new Date(x.fireAt) > bootedAt && x.outcome === 'started').length >= 4,
        'four fires with both processes up',
      );
    }
    // Both processes take part (the race is real, not one process idling). Which one wins a
    // given tick is down to timing, and a warm process can win a streak of them, so keep the
    // schedules firing until the other has won one too (bounded: a process that never claims
    // fails the expectation below).
    const claimants = () =>
      db.query<{ claimed_by: string; n: string }[]>(
        `SELECT claimed_by, count(*) AS n FROM schedule_fires WHERE schedule_id = ANY($1::uuid[]) AND fire_at > $2 GROUP BY claimed_by`,
        [schedules.map((s) => s.id), bootedAt],
      );
    for (let waited = 0; waited < 60_000 && (await claimants()).length < 2; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const s of schedules)
      await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200);

    for (const s of schedules) {
      const runs = await scheduleRuns(editor, s.id);
      const fireTimes = runs.map((r) => r.fireAt);
      expect(new Set(fireTimes).size).toBe(fireTimes.length);
      const fires = await waitForFires(
        editor,
        s.id,
        (f) => f.every((x) => x.outcome !== 'claimed'),
        'no fire left claimed',
      );
      expect(runs.map((r) => r.id).sort()).toEqual(
        fires
          .filter((f) => f.runId)
          .map((f) => f.runId)
          .sort(),
      );
    }
    const perFire = await db.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM runs WHERE schedule_id = ANY($1::uuid[]) GROUP BY schedule_id, schedule_fire_at HAVING count(*) > 1`,
      [schedules.map((s) => s.id)],
    );
    expect(perFire).toEqual([]);
    expect((await claimants()).length).toBe(2);
  }, 240_000);
});
