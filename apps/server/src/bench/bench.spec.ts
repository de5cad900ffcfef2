import { startMockOpenAI, type MockOpenAI } from '@flowpress/nodes/testing';
import { startTestApp, type TestApp } from '../../test/harness.js';
import { benchTarget, markdownTable, SMOKE_COUNTS } from './run-bench.js';
import { percentile, summarize } from './stats.js';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(summarize([3, 1, 2])).toMatchObject({ count: 3, p50: 2, mean: 2 });
  });
});

// A smoke run with tiny counts against an in-process server, so the bench cannot rot.
describe('bench smoke', () => {
  let t: TestApp;
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    t = await startTestApp({ database: 'pglite', env: { OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: 'bench' } });
  });
  afterAll(async () => {
    await t?.close();
    await mock?.close();
  });

  it('runs both workloads end to end and prints a table', async () => {
    const result = await benchTarget(
      { baseUrl: t.url, rss: async () => process.memoryUsage().rss },
      'smoke',
      t.admin,
      SMOKE_COUNTS,
    );
    expect(result.sequential.p50).toBeGreaterThan(0);
    expect(result.concurrent.runsPerSecond).toBeGreaterThan(0);
    expect(result.chain.length).toBe(SMOKE_COUNTS.chainLength);
    expect(markdownTable([result], SMOKE_COUNTS)).toContain('| smoke |');
  });
});
