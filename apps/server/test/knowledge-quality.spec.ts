import { DataSource } from 'typeorm';
import type { KnowledgeBaseView } from '@flowpress/shared';
import { startTestApp, type TestApp } from './harness.js';
import { KnowledgeService } from '../src/knowledge/knowledge.service.js';
import { fullTextCandidates, fuse } from '../src/knowledge/search.js';
import { poolSql } from '../src/engine/sql.js';
import { CORPUS, QUESTIONS } from './knowledge/corpus.js';

/**
 * Retrieval quality on the fixture corpus (BENCHMARKS.md): recall@4 and MRR for full text alone
 * and for hybrid with the offline embeddings. The floors are what the current ranking reaches,
 * so a change that makes search worse fails here.
 */
// Equal scores are ordered by document id (a random uuid), so MRR moves by ~0.01 between runs.
const FLOORS = { fulltext: { recall: 0.95, mrr: 0.84 }, hybrid: { recall: 0.96, mrr: 0.81 } };

function score(ranked: string[][]): { recall: number; mrr: number } {
  let hits = 0;
  let reciprocal = 0;
  ranked.forEach((docs, i) => {
    const rank = docs.indexOf(QUESTIONS[i]!.expect);
    if (rank >= 0 && rank < 4) hits++;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
  });
  return { recall: hits / ranked.length, mrr: reciprocal / ranked.length };
}

describe('retrieval quality on the fixture corpus', () => {
  let t: TestApp;
  let kb: KnowledgeBaseView;
  let idOf: Map<string, string>;

  beforeAll(async () => {
    // Hybrid needs the `vector` extension: PGlite ships it, the native embedded Postgres does not.
    t = await startTestApp({ database: 'pglite', env: { FLOWPRESS_EMBEDDING_MODEL: 'offline' } });
    const editor = await t.as('editor');
    kb = (await editor.post('/api/knowledge-bases').send({ name: 'Fjellstad' }).expect(201))
      .body as KnowledgeBaseView;
    idOf = new Map();
    for (const doc of CORPUS) {
      const res = await editor
        .post(`/api/knowledge-bases/${kb.id}/documents`)
        .send({ title: doc.title, text: doc.text })
        .expect(201);
      idOf.set((res.body as { id: string }).id, doc.id);
    }
    await t.app.get(KnowledgeService).embeddingIdle();
  }, 120_000);
  afterAll(() => t?.close());

  it('has a corpus of at least 40 documents and 60 questions, each answerable', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(QUESTIONS.length).toBeGreaterThanOrEqual(60);
    const ids = new Set(CORPUS.map((d) => d.id));
    expect(QUESTIONS.filter((q) => !ids.has(q.expect))).toEqual([]);
  });

  it('keeps recall@4 and MRR at or above the recorded floors', async () => {
    const sql = poolSql(t.app.get(DataSource));
    const service = t.app.get(KnowledgeService);
    const fulltext: string[][] = [];
    const hybrid: string[][] = [];
    for (const { q } of QUESTIONS) {
      const ft = fuse([{ method: 'fulltext', rows: await fullTextCandidates(sql, kb.id, q) }], 10);
      fulltext.push(ft.map((p) => idOf.get(p.documentId)!));
      const both = await service.search({ knowledgeBaseId: kb.id, query: q, topK: 10 });
      expect(both.methods).toEqual(['fulltext', 'vector']);
      hybrid.push(both.passages.map((p) => idOf.get(p.documentId)!));
    }
    const results = { fulltext: score(fulltext), hybrid: score(hybrid) };
    const missed = QUESTIONS.filter(
      (_, i) => !fulltext[i]!.slice(0, 4).includes(QUESTIONS[i]!.expect),
    ).map((x) => x.q);
    console.log(
      `retrieval quality: ${JSON.stringify(results)}; full text missed: ${JSON.stringify(missed)}`,
    );
    expect(results.fulltext.recall).toBeGreaterThanOrEqual(FLOORS.fulltext.recall);
    expect(results.fulltext.mrr).toBeGreaterThanOrEqual(FLOORS.fulltext.mrr);
    expect(results.hybrid.recall).toBeGreaterThanOrEqual(FLOORS.hybrid.recall);
    expect(results.hybrid.mrr).toBeGreaterThanOrEqual(FLOORS.hybrid.mrr);
  });
});
