import { startTestApp, type TestApp } from '../../test/harness.js';
import { knowledgeBench, knowledgeTable } from './knowledge-workload.js';

// A smoke run with tiny sizes against an in-process server, so the knowledge bench cannot rot.
describe('knowledge bench smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ database: 'pglite' });
  });
  afterAll(() => t?.close());

  it('ingests the generated markdown, searches it and prints a table', async () => {
    const result = await knowledgeBench(
      { baseUrl: t.url, rss: async () => null },
      'smoke',
      t.admin,
      true,
    );
    expect(result.files).toBe(2);
    expect(result.chunks).toBeGreaterThan(100);
    expect(result.searches).toBe(10);
    expect(result.searchP95).toBeGreaterThanOrEqual(result.searchP50);
    expect(knowledgeTable([result])).toContain('| smoke |');
  });
});
