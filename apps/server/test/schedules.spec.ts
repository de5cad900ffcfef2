import { DataSource } from 'typeorm';
import type {
  CalendarFire,
  RunView,
  ScheduleFireView,
  SchedulePreview,
  ScheduleView,
} from '@flowpress/shared';
import { SchedulerHost } from '../src/schedules/scheduler.host.js';
import { startTestApp, testDatabases, type Client, type TestApp } from './harness.js';
import {
  createWorkflow,
  getSchedule,
  reviewedGraph,
  scheduleRuns,
  topicGraph,
  waitForFires,
} from './schedules-fixture.js';

const databases = await testDatabases();

describe.each(databases)('schedules on %s', (database) => {
  let t: TestApp;
  let editor: Client;
  let viewer: Client;
  let workflowId: string;

  beforeAll(async () => {
    t = await startTestApp({ database });
    editor = await t.as('editor');
    viewer = await t.as('viewer');
    workflowId = await createWorkflow(editor, topicGraph());
  }, 180_000);
  afterAll(() => t?.close(), 60_000);

  const create = (body: Record<string, unknown>, client = editor) =>
    client.post(`/api/workflows/${workflowId}/schedules`).send(body);

  it('answers with nextRunAt, the next 5 fires in the zone and a description', async () => {
    const res = await create({
      cron: '0 8 * * 1-5',
      timezone: 'Europe/Berlin',
      inputs: { topic: 'news' },
      name: 'Newsletter',
    }).expect(201);
    const s = res.body as ScheduleView;
    expect(s.description).toBe('At 08:00, Monday through Friday');
    expect(s.nextFires).toHaveLength(5);
    expect(s.nextRunAt).toBe(s.nextFires[0]!.at);
    for (const f of s.nextFires) {
      expect(f.local).toMatch(/ 08:00:00 GMT\+[12]$/);
      expect([1, 2, 3, 4, 5]).toContain(new Date(f.at).getUTCDay());
    }
    expect(s).toMatchObject({
      enabled: true,
      overlap: 'skip',
      missed: 'skip',
      lastFire: null,
      failing: false,
      inputsProblem: null,
    });
    const listed = (await viewer.get('/api/schedules').expect(200)).body as ScheduleView[];
    expect(listed.map((x) => x.id)).toContain(s.id);
  });

  it('refuses a bad cron or zone with a 400 that says what is wrong, and stores nothing', async () => {
    const before = ((await editor.get('/api/schedules').expect(200)).body as ScheduleView[]).length;
    const minute = await create({ cron: '61 * * * *', timezone: 'UTC' }).expect(400);
    expect(minute.body.message).toContain('cron: Invalid value for minute: 61');
    const fields = await create({ cron: '* * *', timezone: 'UTC' }).expect(400);
    expect(fields.body.message).toContain('has 3');
    const zone = await create({ cron: '0 8 * * *', timezone: 'Mars/Olympus' }).expect(400);
    expect(zone.body.issues).toEqual([
      {
        path: 'timezone',
        message: expect.stringContaining('"Mars/Olympus" is not an IANA time zone'),
      },
    ]);
    const preview = await editor
      .post('/api/schedules/preview')
      .send({ cron: '0 25 * * *', timezone: 'UTC' })
      .expect(400);
    expect(preview.body.message).toContain('hour');
    const inputs = await create({ cron: '0 8 * * *', timezone: 'UTC', inputs: {} }).expect(400);
    expect(inputs.body.issues[0].path).toContain('topic');
    expect(((await editor.get('/api/schedules').expect(200)).body as ScheduleView[]).length).toBe(
      before,
    );
  });

  it('previews DST in Europe/Berlin: a 02:30 that does not exist fires at 03:00, a repeated one once', async () => {
    const spring = (
      await editor
        .post('/api/schedules/preview')
        .send({
          cron: '30 2 * * *',
          timezone: 'Europe/Berlin',
          from: '2027-03-26T12:00:00Z',
          count: 3,
        })
        .expect(200)
    ).body as SchedulePreview;
    expect(spring.fires).toEqual([
      { at: '2027-03-27T01:30:00.000Z', local: '2027-03-27 02:30:00 GMT+1' },
      { at: '2027-03-28T01:00:00.000Z', local: '2027-03-28 03:00:00 GMT+2' },
      { at: '2027-03-29T00:30:00.000Z', local: '2027-03-29 02:30:00 GMT+2' },
    ]);
    const autumn = (
      await editor
        .post('/api/schedules/preview')
        .send({
          cron: '30 2 * * *',
          timezone: 'Europe/Berlin',
          from: '2027-10-30T12:00:00Z',
          count: 2,
        })
        .expect(200)
    ).body as SchedulePreview;
    expect(autumn.fires).toEqual([
      { at: '2027-10-31T00:30:00.000Z', local: '2027-10-31 02:30:00 GMT+2' },
      { at: '2027-11-01T01:30:00.000Z', local: '2027-11-01 02:30:00 GMT+1' },
    ]);
  });

  it('previews DST in America/New_York the same way', async () => {
    const spring = (
      await editor
        .post('/api/schedules/preview')
        .send({
          cron: '30 2 * * *',
          timezone: 'America/New_York',
          from: '2027-03-13T12:00:00Z',
          count: 2,
        })
        .expect(200)
    ).body as SchedulePreview;
    expect(spring.fires.map((f) => f.local)).toEqual([
      '2027-03-14 03:00:00 EDT',
      '2027-03-15 02:30:00 EDT',
    ]);
    const autumn = (
      await editor
        .post('/api/schedules/preview')
        .send({
          cron: '30 1 * * *',
          timezone: 'America/New_York',
          from: '2027-11-06T12:00:00Z',
          count: 2,
        })
        .expect(200)
    ).body as SchedulePreview;
    expect(autumn.fires).toEqual([
      { at: '2027-11-07T05:30:00.000Z', local: '2027-11-07 01:30:00 EDT' },
      { at: '2027-11-08T06:30:00.000Z', local: '2027-11-08 01:30:00 EST' },
    ]);
  });

  it('lets editors create, change and delete, and viewers only read', async () => {
    await create({ cron: '0 8 * * *', inputs: { topic: 'x' } }, viewer).expect(403);
    const s = (await create({ cron: '0 8 * * *', inputs: { topic: 'x' } }).expect(201))
      .body as ScheduleView;
    await viewer.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(403);
    await viewer.delete(`/api/schedules/${s.id}`).expect(403);
    await viewer.post(`/api/schedules/${s.id}/run`).expect(403);
    expect((await viewer.get(`/api/schedules/${s.id}`).expect(200)).body.enabled).toBe(true);
    const off = (await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200))
      .body as ScheduleView;
    expect(off).toMatchObject({ enabled: false, nextRunAt: null, nextFires: [] });
    await editor.delete(`/api/schedules/${s.id}`).expect(204);
    await editor.get(`/api/schedules/${s.id}`).expect(404);
  });

  it('fires a seconds-level schedule on the embedded default and stops when disabled', async () => {
    const s = (await create({ cron: '* * * * * *', inputs: { topic: 'tick' } }).expect(201))
      .body as ScheduleView;
    await waitForFires(
      editor,
      s.id,
      (f) => f.filter((x) => x.outcome === 'started').length >= 2,
      'two fires started',
    );
    const off = (await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200))
      .body as ScheduleView;
    expect(off.nextRunAt).toBeNull();
    const firesAtDisable = (await editor.get(`/api/schedules/${s.id}/fires`).expect(200)).body
      .length as number;
    // A fire claimed just before the PATCH may still land; after it, none may. Wait past two ticks.
    const settleUntil = Date.now() + 2500;
    while (Date.now() < settleUntil) await new Promise((r) => setTimeout(r, 100));
    const fires = (await editor.get(`/api/schedules/${s.id}/fires?limit=200`).expect(200)).body as {
      fireAt: string;
      runId: string | null;
    }[];
    expect(fires.length).toBeLessThanOrEqual(firesAtDisable + 1);
    const runs = await scheduleRuns(editor, s.id);
    const started = fires.filter((f) => f.runId);
    expect(runs.map((r) => r.id).sort()).toEqual(started.map((f) => f.runId).sort());
    for (const run of runs) {
      expect(run).toMatchObject({
        trigger: 'schedule',
        scheduleId: s.id,
        inputs: { topic: 'tick' },
      });
      expect(fires.map((f) => f.fireAt)).toContain(run.fireAt);
    }
    const byTrigger = (await editor.get(`/api/runs?trigger=schedule&limit=200`).expect(200))
      .body as RunView[];
    expect(byTrigger.every((r) => r.trigger === 'schedule')).toBe(true);
    expect(byTrigger.map((r) => r.id)).toEqual(expect.arrayContaining(runs.map((r) => r.id)));
    const view = await getSchedule(editor, s.id);
    expect(view.lastFire?.outcome).toBe('started');
  });

  it('skips a fire while the previous run waits for review (overlap skip), and records why', async () => {
    const reviewed = await createWorkflow(editor, reviewedGraph, 'Reviewed');
    const s = (
      await editor
        .post(`/api/workflows/${reviewed}/schedules`)
        .send({ cron: '* * * * * *', inputs: { topic: 'parked' } })
        .expect(201)
    ).body as ScheduleView;
    const fires = await waitForFires(
      editor,
      s.id,
      (f) => f.some((x) => x.outcome === 'skipped'),
      'a skipped fire',
    );
    await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200);
    const runs = await scheduleRuns(editor, s.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('waiting_review');
    const skipped = fires.find((x) => x.outcome === 'skipped')!;
    expect(skipped.reason).toBe(
      `The previous run ${runs[0]!.id} is still waiting for review (overlap policy skip)`,
    );
    expect(skipped.runId).toBeNull();
  });

  it('queues one fire behind a run parked at review (overlap queue) and starts it when the run ends', async () => {
    const reviewer = await t.as('reviewer');
    const reviewed = await createWorkflow(editor, reviewedGraph, 'Reviewed, queued');
    const s = (
      await editor
        .post(`/api/workflows/${reviewed}/schedules`)
        .send({ cron: '* * * * * *', inputs: { topic: 'queued' }, overlap: 'queue' })
        .expect(201)
    ).body as ScheduleView;
    const fires = await waitForFires(
      editor,
      s.id,
      (f) => f.some((x) => x.outcome === 'queued') && f.some((x) => x.outcome === 'skipped'),
      'a queued and a skipped fire',
    );
    await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200);
    const [first] = await scheduleRuns(editor, s.id);
    expect(first!.status).toBe('waiting_review');
    expect(fires.find((x) => x.outcome === 'queued')!.reason).toBe(
      `Waits for the previous run ${first!.id} (waiting for review)`,
    );
    expect(fires.find((x) => x.outcome === 'skipped')!.reason).toContain(
      'a fire is already queued behind it',
    );
    const review = (
      (await reviewer.get(`/api/reviews?status=pending&runId=${first!.id}`).expect(200)).body as {
        id: string;
      }[]
    )[0]!;
    await reviewer
      .post(`/api/reviews/${review.id}/decision`)
      .send({ action: 'approve' })
      .expect(200);
    const queuedId = fires.find((x) => x.outcome === 'queued')!.id;
    const after = await waitForFires(
      editor,
      s.id,
      (f) => f.find((x) => x.id === queuedId)?.outcome === 'started',
      'the queued fire started',
    );
    const started = after.find((x) => x.id === queuedId)!;
    const runs = await scheduleRuns(editor, s.id);
    expect(runs.map((r) => r.id)).toContain(started.runId);
    expect(runs.find((r) => r.id === started.runId)!.fireAt).toBe(started.fireAt);
  });

  it('marks a schedule whose inputs a later workflow version no longer accepts, and its fires fail with the reason', async () => {
    const w = await createWorkflow(editor, topicGraph(), 'Will change');
    const s = (
      await editor
        .post(`/api/workflows/${w}/schedules`)
        .send({ cron: '* * * * * *', inputs: { topic: 'old' }, enabled: false })
        .expect(201)
    ).body as ScheduleView;
    expect(s.inputsProblem).toBeNull();
    await editor
      .put(`/api/workflows/${w}`)
      .send({ graph: topicGraph('subject') })
      .expect(200);
    const marked = await getSchedule(editor, s.id);
    expect(marked.inputsProblem).toContain(
      'Version 2 of the workflow does not accept these inputs',
    );
    expect(marked.inputsProblem).toContain('subject');
    await editor.patch(`/api/schedules/${s.id}`).send({ enabled: true }).expect(400);
    // Turning it off (or keeping it off) is always allowed.
    await editor.patch(`/api/schedules/${s.id}`).send({ name: 'broken' }).expect(200);
    // Saving it again with inputs that fit clears the mark.
    const fixed = (
      await editor
        .patch(`/api/schedules/${s.id}`)
        .send({ inputs: { subject: 'new' } })
        .expect(200)
    ).body as ScheduleView;
    expect(fixed.inputsProblem).toBeNull();
  });

  it('records a fire that could not start, and marks a schedule whose last three fires failed', async () => {
    const w = await createWorkflow(editor, topicGraph(), 'Will be deleted');
    const s = (
      await editor
        .post(`/api/workflows/${w}/schedules`)
        .send({ cron: '* * * * * *', inputs: { topic: 'gone' } })
        .expect(201)
    ).body as ScheduleView;
    await editor
      .delete(`/api/workflows/${w}`)
      .expect((r) => expect([200, 204]).toContain(r.status));
    const fires = await waitForFires(
      editor,
      s.id,
      (f) => f.filter((x) => x.outcome === 'failed').length >= 3,
      'three failed fires',
    );
    expect(fires[0]!.reason).toBe('The workflow was deleted: delete this schedule');
    expect(fires[0]!.runId).toBeNull();
    const view = await getSchedule(editor, s.id);
    expect(view).toMatchObject({ failing: true, inputsProblem: 'The workflow was deleted' });
    await editor.patch(`/api/schedules/${s.id}`).send({ enabled: true, name: 'x' }).expect(404);
    await editor.patch(`/api/schedules/${s.id}`).send({ enabled: false }).expect(200);
    await editor.delete(`/api/schedules/${s.id}`).expect(204);
  });

  it('"Run now" makes a run with the schedule inputs, linked to the schedule', async () => {
    const s = (
      await create({ cron: '0 8 * * *', inputs: { topic: 'now' }, enabled: false }).expect(201)
    ).body as ScheduleView;
    const run = (await editor.post(`/api/schedules/${s.id}/run`).expect(201)).body as {
      id: string;
    };
    const runs = await scheduleRuns(editor, s.id);
    expect(runs.map((r) => r.id)).toEqual([run.id]);
    expect(runs[0]).toMatchObject({ trigger: 'manual', inputs: { topic: 'now' }, fireAt: null });
  });

  it('puts planned and past fires on the calendar, and a moved one-shot moves there', async () => {
    const from = new Date();
    const to = new Date(from.getTime() + 3 * 86_400_000);
    const runAt = new Date(from.getTime() + 86_400_000);
    const once = (
      await create({
        runAt: runAt.toISOString(),
        inputs: { topic: 'launch' },
        name: 'Launch post',
      }).expect(201)
    ).body as ScheduleView;
    expect(once.description).toMatch(/^Once, at /);
    const daily = (
      await create({ cron: '0 9 * * *', timezone: 'UTC', inputs: { topic: 'daily' } }).expect(201)
    ).body as ScheduleView;
    const query = `/api/schedules/calendar?from=${from.toISOString()}&to=${to.toISOString()}`;
    const items = (await viewer.get(query).expect(200)).body as CalendarFire[];
    expect(items.filter((i) => i.scheduleId === once.id)).toEqual([
      expect.objectContaining({
        at: runAt.toISOString(),
        oneShot: true,
        outcome: 'planned',
        scheduleName: 'Launch post',
      }),
    ]);
    expect(items.filter((i) => i.scheduleId === daily.id).length).toBe(3);
    const moved = new Date(runAt.getTime() + 86_400_000);
    await editor
      .patch(`/api/schedules/${once.id}`)
      .send({ runAt: moved.toISOString() })
      .expect(200);
    const after = (await viewer.get(query).expect(200)).body as CalendarFire[];
    expect(after.filter((i) => i.scheduleId === once.id).map((i) => i.at)).toEqual([
      moved.toISOString(),
    ]);
    await viewer
      .get(`/api/schedules/calendar?from=${to.toISOString()}&to=${from.toISOString()}`)
      .expect(400);
    await editor.delete(`/api/schedules/${once.id}`).expect(204);
    await editor.delete(`/api/schedules/${daily.id}`).expect(204);
  });

  it('settles a fire left claimed by a process that died before (or after) creating its run', async () => {
    const s = (
      await create({ cron: '0 8 * * *', inputs: { topic: 'x' }, enabled: false }).expect(201)
    ).body as ScheduleView;
    const db = t.app.get(DataSource);
    const made = (await editor.post(`/api/schedules/${s.id}/run`).expect(201)).body as {
      id: string;
    };
    // Fire 1: the run exists (the process died before linking it). Fire 2: it never got made.
    await db.query(`UPDATE runs SET schedule_fire_at = '2030-01-01T08:00:00Z' WHERE id = $1`, [
      made.id,
    ]);
    await db.query(
      `INSERT INTO schedule_fires (schedule_id, fire_at, outcome, updated_at)
       VALUES ($1, '2030-01-01T08:00:00Z', 'claimed', now() - interval '5 minutes'),
              ($1, '2030-01-02T08:00:00Z', 'claimed', now() - interval '5 minutes'),
              ($1, '2030-01-03T08:00:00Z', 'claimed', now())`,
      [s.id],
    );
    const settled = await t.app.get(SchedulerHost).scheduler.store.settleStaleClaims(60_000);
    expect(settled).toBe(2);
    const fires = (await editor.get(`/api/schedules/${s.id}/fires`).expect(200))
      .body as ScheduleFireView[];
    const byDay = Object.fromEntries(fires.map((f) => [f.fireAt.slice(0, 10), f]));
    expect(byDay['2030-01-01']).toMatchObject({ outcome: 'started', runId: made.id });
    expect(byDay['2030-01-02']).toMatchObject({
      outcome: 'failed',
      runId: null,
      reason: 'The server stopped after claiming this fire and before creating its run',
    });
    expect(byDay['2030-01-03']!.outcome).toBe('claimed'); // recent: its process may still be working
    await editor.delete(`/api/schedules/${s.id}`).expect(204);
  });

  it('reports the scheduler in health: enabled schedules, no overdue fire', async () => {
    const before = (await t.request.get('/api/health').expect(200)).body.scheduler;
    expect(before).toEqual({ enabledSchedules: expect.any(Number), oldestOverdueAt: null });
    const s = (await create({ cron: '0 8 * * *', inputs: { topic: 'x' } }).expect(201))
      .body as ScheduleView;
    const after = (await t.request.get('/api/health').expect(200)).body.scheduler;
    expect(after.enabledSchedules).toBe(before.enabledSchedules + 1);
    await editor.delete(`/api/schedules/${s.id}`).expect(204);
  });
});
