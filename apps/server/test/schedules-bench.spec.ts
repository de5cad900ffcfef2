import { startTestApp, type TestApp } from './harness.js';
import {
  cpuMsOf,
  scheduleMarkdown,
  scheduleWorkload,
  SMOKE_SCHEDULE_COUNTS,
} from '../src/bench/schedule-workload.js';

// The scheduler workload of `pnpm bench` with tiny counts against an in-process server, so it
// cannot rot. It asserts what happened (every fire made a run), never how fast.
describe('scheduler bench smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'embedded' });
  }, 180_000);
  afterAll(() => t?.close(), 60_000);

  it('creates idle schedules, fires a burst in one second and prints a table', async () => {
    const result = await scheduleWorkload(
      { baseUrl: t.url, rss: async () => process.memoryUsage().rss },
      () => cpuMsOf(process.pid),
      'smoke',
      t.admin,
      SMOKE_SCHEDULE_COUNTS,
    );
    expect(result).toMatchObject({ idleSchedules: 5, simultaneous: 3 });
    expect(result.fireLag.max).toBeGreaterThanOrEqual(0);
    expect(result.idleCpuMsPerMin).not.toBeNull();
    expect(scheduleMarkdown([result])).toContain('| smoke | 5 |');
  }, 120_000);
});
