/**
 * The provenance record every published piece carries: which workflow version made it, with
 * which models and prompts, from which sources, who reviewed it and when. Built from the run's
 * checkpoints and the reviews table, pure functions over the rows so it is easy to test. It holds
 * no clock reading of its own, so every attempt of one publish sends the same record.
 */
import { createHash } from 'node:crypto';
import { registry } from '@flowpress/nodes';
import { passageSnippet, type CitedSource } from '@flowpress/nodes/runtime';

export interface Provenance {
  generator: 'Flowpress';
  /** True when a model (LLM or image) produced any of the content. */
  aiAssisted: boolean;
  workflow: { id: string; name: string; version: number };
  run: {
    id: string;
    trigger: string;
    createdAt: string;
    startedAt: string | null;
  };
  /** The publish node that sent the piece. */
  nodeId: string;
  models: { nodeId: string; provider: string | null; model: string }[];
  /** SHA-256 of each prompt-bearing node's templates in the pinned version. */
  prompts: { nodeId: string; sha256: string }[];
  /** SHA-256 over all of `prompts` (in node order): one value to compare runs by. */
  promptsSha256: string | null;
  /** The documents the piece was grounded in, once each (kept as it was: readers rely on it). */
  sources: { title: string | null; documentId: string | null; nodeId: string }[];
  /**
   * Every passage the draft was written from, numbered as it was cited (`[n]`): the list the
   * reviewer saw (a review step's `sources`), else the retrieval step's `documents`.
   */
  passages: CitedSource[];
  reviews: {
    nodeId: string;
    round: number;
    status: string;
    action: string | null;
    reviewer: string | null;
    comment: string | null;
    edited: boolean;
    decidedAt: string | null;
  }[];
}

export interface GraphNodeLike {
  id: string;
  type: string;
  data?: Record<string, unknown>;
}

export interface RunNodeRow {
  node_id: string;
  type: string;
  output: Record<string, unknown> | null;
  usage: { model?: string; provider?: string } | null;
}

export interface ReviewRowLike {
  node_id: string;
  round: number;
  status: string;
  decision: {
    action?: string;
    comment?: string;
    edits?: Record<string, unknown>;
    decidedByEmail?: string;
  } | null;
  decided_at: Date | string | null;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const iso = (d: Date | string | null): string | null =>
  d === null ? null : new Date(d).toISOString();
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function promptHashes(nodes: GraphNodeLike[]): { nodeId: string; sha256: string }[] {
  return nodes.flatMap((node) => {
    // Each step type names its prompt-bearing fields (what a model was asked) in its definition.
    const fields = registry.definition(node.type)?.promptFields?.(node.data ?? {}) ?? [];
    if (!fields.length) return [];
    const parts = Object.fromEntries(fields.map((f) => [f, node.data?.[f] ?? null]));
    return [{ nodeId: node.id, sha256: sha256(JSON.stringify(parts)) }];
  });
}

export function modelsUsed(rows: RunNodeRow[]): Provenance['models'] {
  return rows.flatMap((row) =>
    row.usage?.model
      ? [{ nodeId: row.node_id, provider: row.usage.provider ?? null, model: row.usage.model }]
      : [],
  );
}

/** Documents a retrieval node found (`documents`) or a review passed on (`sources`), once each. */
export function sourcesCited(rows: RunNodeRow[]): Provenance['sources'] {
  const seen = new Set<string>();
  const out: Provenance['sources'] = [];
  for (const row of rows) {
    for (const port of ['documents', 'sources']) {
      const list = row.output?.[port];
      if (!Array.isArray(list)) continue;
      for (const doc of list) {
        if (!isRecord(doc)) continue;
        const title = typeof doc['title'] === 'string' ? doc['title'] : null;
        const documentId = typeof doc['documentId'] === 'string' ? doc['documentId'] : null;
        const key = `${documentId ?? ''}|${title ?? ''}`;
        if ((!title && !documentId) || seen.has(key)) continue;
        seen.add(key);
        out.push({ title, documentId, nodeId: row.node_id });
      }
    }
  }
  return out;
}

/**
 * The numbered passages: the last review's `sources` (what the reviewer checked the `[n]` against,
 * possibly edited), else the first retrieval step's `documents` (the order its `context` numbered
 * them in). Only one list is numbered: two retrieval steps would each start at [1].
 */
export function numberedPassages(
  rows: RunNodeRow[],
  sourceUrls: ReadonlyMap<string, string> = new Map(),
): CitedSource[] {
  const listIn = (row: RunNodeRow, port: string): Record<string, unknown>[] | null => {
    const list = row.output?.[port];
    if (!Array.isArray(list)) return null;
    const passages = list.filter(
      (p): p is Record<string, unknown> => isRecord(p) && typeof p['content'] === 'string',
    );
    return passages.length ? passages : null;
  };
  let chosen: { row: RunNodeRow; list: Record<string, unknown>[] } | null = null;
  for (const row of rows) {
    const list = listIn(row, 'sources');
    if (list) chosen = { row, list };
  }
  if (!chosen) {
    for (const row of rows) {
      const list = listIn(row, 'documents');
      if (list) {
        chosen = { row, list };
        break;
      }
    }
  }
  if (!chosen) return [];
  const { row, list } = chosen;
  return list.map((p, i) => {
    const documentId = typeof p['documentId'] === 'string' ? p['documentId'] : null;
    const position = isRecord(p['position']) ? p['position'] : null;
    return {
      n: i + 1,
      title: typeof p['title'] === 'string' ? p['title'] : null,
      documentId,
      chunkIndex: typeof p['chunkIndex'] === 'number' ? p['chunkIndex'] : null,
      position:
        position && typeof position['start'] === 'number' && typeof position['end'] === 'number'
          ? {
              start: position['start'],
              end: position['end'],
              headings: Array.isArray(position['headings'])
                ? position['headings'].filter((h): h is string => typeof h === 'string')
                : [],
            }
          : null,
      text: passageSnippet(p['content'] as string),
      sourceUrl: (documentId && sourceUrls.get(documentId)) || null,
      nodeId: row.node_id,
    };
  });
}

export function reviewsOf(rows: ReviewRowLike[]): Provenance['reviews'] {
  return rows.map((r) => ({
    nodeId: r.node_id,
    round: r.round,
    status: r.status,
    action: r.decision?.action ?? null,
    reviewer: r.decision?.decidedByEmail ?? null,
    comment: r.decision?.comment ?? null,
    edited: Boolean(r.decision?.edits && Object.keys(r.decision.edits).length),
    decidedAt: iso(r.decided_at),
  }));
}

export function buildProvenance(input: {
  workflow: Provenance['workflow'];
  run: { id: string; trigger: string; created_at: Date | string; started_at: Date | string | null };
  nodeId: string;
  graphNodes: GraphNodeLike[];
  runNodes: RunNodeRow[];
  reviews: ReviewRowLike[];
  /** documentId → the web address the document was imported from. */
  sourceUrls?: ReadonlyMap<string, string>;
}): Provenance {
  const models = modelsUsed(input.runNodes);
  const prompts = promptHashes(input.graphNodes);
  return {
    generator: 'Flowpress',
    aiAssisted: models.length > 0,
    workflow: input.workflow,
    run: {
      id: input.run.id,
      trigger: input.run.trigger,
      createdAt: iso(input.run.created_at)!,
      startedAt: iso(input.run.started_at),
    },
    nodeId: input.nodeId,
    models,
    prompts,
    promptsSha256: prompts.length
      ? sha256(prompts.map((p) => `${p.nodeId}:${p.sha256}`).join('\n'))
      : null,
    sources: sourcesCited(input.runNodes),
    passages: numberedPassages(input.runNodes, input.sourceUrls),
    reviews: reviewsOf(input.reviews),
  };
}
