/**
 * The provenance record every published piece carries: which workflow version made it, with
 * which models and prompts, from which sources, who reviewed it and when. Built from the run's
 * checkpoints and the reviews table, pure functions over the rows so it is easy to test. It holds
 * no clock reading of its own, so every attempt of one publish sends the same record.
 */
import { createHash } from 'node:crypto';
import { registry } from '@flowpress/nodes';

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
  sources: { title: string | null; documentId: string | null; nodeId: string }[];
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
    reviews: reviewsOf(input.reviews),
  };
}
