/**
 * Ranking: Postgres full text always (`websearch_to_tsquery` in the knowledge base's language,
 * `ts_rank` over the weighted vector, `ts_headline` snippets); cosine similarity over embeddings
 * when there are any; the two lists fused by reciprocal rank (k = 60). A question rarely has all
 * its words in one passage, so the full-text match is relaxed to any word, and passages holding
 * every word rank first (a query with a phrase or a `-word` stays strict).
 */
import type { RetrievedPassage, RetrievalMethod } from '@flowpress/nodes';
import type { Sql } from '../engine/run-store.js';

export const RRF_K = 60;
/** Each method contributes this many candidates to the fusion. */
const CANDIDATES = 50;

interface ChunkRow {
  id: string;
  content: string;
  title: string;
  document_id: string;
  chunk_index: number;
  start_offset: number;
  end_offset: number;
  headings: string[];
  highlight?: string | null;
  rank: number;
}

const CHUNK_COLUMNS = `c.id, c.content, c.title, c.document_id, c.chunk_index, c.start_offset, c.end_offset, c.headings`;

export async function fullTextCandidates(
  sql: Sql,
  knowledgeBaseId: string,
  query: string,
  limit = CANDIDATES,
): Promise<ChunkRow[]> {
  return (await sql.query(
    `WITH kb AS (SELECT language FROM knowledge_bases WHERE id = $1),
          strict AS (SELECT websearch_to_tsquery(kb.language, $2) AS q FROM kb),
          relaxed AS (
            SELECT CASE WHEN numnode(strict.q) = 0 OR strict.q::text ~ '[!<]' THEN strict.q
                        ELSE replace(strict.q::text, ' & ', ' | ')::tsquery END AS q
            FROM strict)
     SELECT ${CHUNK_COLUMNS},
            (c.search @@ strict.q)::int + ts_rank(c.search, relaxed.q, 32) AS rank,
            ts_headline(c.language, c.content, relaxed.q,
              'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MinWords=8, MaxWords=28, FragmentDelimiter=" … "') AS highlight
       FROM chunks c, strict, relaxed
      WHERE c.knowledge_base_id = $1 AND numnode(relaxed.q) > 0 AND c.search @@ relaxed.q
      ORDER BY rank DESC, c.document_id, c.chunk_index
      LIMIT $3`,
    [knowledgeBaseId, query, limit],
  )) as ChunkRow[];
}

export async function vectorCandidates(
  sql: Sql,
  knowledgeBaseId: string,
  model: string,
  vector: number[],
  limit = CANDIDATES,
): Promise<ChunkRow[]> {
  return (await sql.query(
    `SELECT ${CHUNK_COLUMNS}, 1 - (e.embedding <=> $3::vector) AS rank
       FROM chunk_embeddings e JOIN chunks c ON c.id = e.chunk_id
      WHERE e.knowledge_base_id = $1 AND e.model = $2
      ORDER BY e.embedding <=> $3::vector
      LIMIT $4`,
    [knowledgeBaseId, model, `[${vector.join(',')}]`, limit],
  )) as ChunkRow[];
}

/**
 * Reciprocal-rank fusion. The score is normalised so that a passage ranked first by every method
 * that ran scores 1: full text alone gives 1, 1/(61/62)…; with two methods a passage only one
 * found scores at most 0.5.
 */
export function fuse(
  lists: { method: Exclude<RetrievalMethod, 'hybrid'>; rows: ChunkRow[] }[],
  topK: number,
  minScore = 0,
): RetrievedPassage[] {
  const ran = lists.length;
  if (ran === 0) return [];
  const best = ran / (RRF_K + 1);
  const byId = new Map<
    string,
    { row: ChunkRow; score: number; methods: Set<string>; highlight?: string }
  >();
  for (const { method, rows } of lists) {
    rows.forEach((row, i) => {
      const entry = byId.get(row.id) ?? { row, score: 0, methods: new Set<string>() };
      entry.score += 1 / (RRF_K + i + 1);
      entry.methods.add(method);
      // Heading marks inside a passage are markup, not words: keep them out of the snippet.
      if (row.highlight)
        entry.highlight = row.highlight
          .replace(/(^|\s)#{1,6}(?=\s)/g, '$1')
          .replace(/\s{2,}/g, ' ');
      byId.set(row.id, entry);
    });
  }
  return [...byId.values()]
    .map((e) => ({ ...e, score: e.score / best }))
    .filter((e) => e.score >= minScore)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.row.document_id.localeCompare(b.row.document_id) ||
        a.row.chunk_index - b.row.chunk_index,
    )
    .slice(0, topK)
    .map(({ row, score, methods, highlight }) => ({
      content: row.content,
      title: row.title,
      score: Math.round(score * 1e4) / 1e4,
      documentId: row.document_id,
      chunkIndex: row.chunk_index,
      position: { start: row.start_offset, end: row.end_offset, headings: row.headings },
      method: methods.size > 1 ? 'hybrid' : (methods.values().next().value as RetrievalMethod),
      ...(highlight ? { highlight } : {}),
    }));
}
