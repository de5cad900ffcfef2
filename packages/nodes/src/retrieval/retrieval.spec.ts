import { runNode } from '../testing.js';
import { NodeError } from '../contract.js';
import { registry } from '../registry.js';
import { retrievalDefinition } from './definition.js';
import { numberedContext, retrievalExecutor } from './executor.js';
import type { KnowledgeSearch, KnowledgeSearchRequest, RetrievedPassage } from './types.js';

const KB = '6f1c1b7e-2a4d-4c55-9d0e-5b8a1f3c2d10';

const passage = (n: number, over: Partial<RetrievedPassage> = {}): RetrievedPassage => ({
  content: `Passage ${n} about the\nAurora kettle.`,
  title: `Doc ${n}`,
  score: 1 / n,
  documentId: `doc-${n}`,
  chunkIndex: n - 1,
  position: { start: 0, end: 30, headings: ['Kettle'] },
  method: 'fulltext',
  ...over,
});

/** A knowledge search that records what it was asked and answers from a list. */
function recordingSearch(passages: RetrievedPassage[]) {
  const requests: KnowledgeSearchRequest[] = [];
  const knowledge: KnowledgeSearch = {
    async search(request) {
      requests.push(request);
      return { passages: passages.slice(0, request.topK), methods: ['fulltext'] };
    },
  };
  return { knowledge, requests };
}

describe('retrieval step', () => {
  it('is in the catalog with its ports and a knowledge-base picker hint', () => {
    const info = registry.info('retrieval')!;
    expect(info.outputs.map((p) => p.name)).toEqual(['context', 'documents']);
    const props = (info.configSchema as { properties: Record<string, Record<string, unknown>> })
      .properties;
    expect(props['knowledgeBaseId']?.['x-widget']).toBe('knowledge-base');
    expect(registry.parseConfig('retrieval', { knowledgeBaseId: KB, query: 'x' })).toMatchObject({
      ok: true,
      config: { topK: 4, failOnEmpty: false },
    });
    expect(
      registry.checkConfig('retrieval', { knowledgeBaseId: KB, query: 'x', topK: 0 }),
    ).toHaveLength(1);
  });

  it('searches with the rendered query and numbers the passages for the prompt', async () => {
    const { knowledge, requests } = recordingSearch([passage(1), passage(2), passage(3)]);
    const { output } = await runNode(retrievalDefinition, retrievalExecutor, {
      config: { knowledgeBaseId: KB, query: 'aurora kettle', topK: 2, minScore: 0.1 },
      services: { knowledge },
    });
    expect(requests).toEqual([
      expect.objectContaining({
        knowledgeBaseId: KB,
        query: 'aurora kettle',
        topK: 2,
        minScore: 0.1,
      }),
    ]);
    expect(output?.['context']).toBe(
      '[1] Doc 1 — Passage 1 about the Aurora kettle.\n\n[2] Doc 2 — Passage 2 about the Aurora kettle.',
    );
    expect(output?.['documents']).toEqual([passage(1), passage(2)]);
  });

  it('falls back to the text arriving on its input when the query is empty', async () => {
    const { knowledge, requests } = recordingSearch([passage(1)]);
    await runNode(retrievalDefinition, retrievalExecutor, {
      config: { knowledgeBaseId: KB },
      inputs: { in: ['  descaling the kettle '] },
      services: { knowledge },
    });
    expect(requests[0]?.query).toBe('descaling the kettle');
  });

  it('turns an empty result into a warning, or a failure with failOnEmpty', async () => {
    const { knowledge } = recordingSearch([]);
    const { output, logs } = await runNode(retrievalDefinition, retrievalExecutor, {
      config: { knowledgeBaseId: KB, query: 'nothing here' },
      services: { knowledge },
    });
    expect(output).toMatchObject({ context: '', documents: [] });
    expect(logs).toEqual([{ level: 'warn', message: 'No passage matched "nothing here"' }]);

    await expect(
      runNode(retrievalDefinition, retrievalExecutor, {
        config: { knowledgeBaseId: KB, query: 'nothing here', failOnEmpty: true },
        services: { knowledge },
      }),
    ).rejects.toThrow(new NodeError('No passage matched "nothing here"'));
  });

  it('says what is missing: a knowledge base, a query, the search service', async () => {
    const { knowledge } = recordingSearch([]);
    await expect(
      runNode(retrievalDefinition, retrievalExecutor, {
        config: { query: 'x' },
        services: { knowledge },
      }),
    ).rejects.toThrow(/choose the knowledge base/);
    await expect(
      runNode(retrievalDefinition, retrievalExecutor, {
        config: { knowledgeBaseId: KB },
        services: { knowledge },
      }),
    ).rejects.toThrow(/the query is empty/);
    await expect(
      runNode(retrievalDefinition, retrievalExecutor, {
        config: { knowledgeBaseId: KB, query: 'x' },
      }),
    ).rejects.toThrow(/not available/);
  });

  it('keeps each source on one line, without markdown heading marks', () => {
    expect(
      numberedContext([passage(1, { title: 'Care', content: '## Descaling\na\n\n b\tc' })]),
    ).toBe('[1] Care — Descaling a b c');
  });
});
