import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NodeError, type ProvenanceRef } from '@flowpress/nodes';
import {
  buildProvenance,
  type GraphNodeLike,
  type Provenance,
  type ReviewRowLike,
  type RunNodeRow,
} from './provenance.js';

interface RunRow {
  id: string;
  trigger: string;
  created_at: Date;
  started_at: Date | null;
  workflow_id: string;
  workflow_version: number;
  name: string;
  graph: { nodes?: GraphNodeLike[] };
}

/** Reads a run's record (pinned version, checkpoints, reviews) into its provenance. */
@Injectable()
export class ProvenanceService {
  constructor(private readonly db: DataSource) {}

  async forRun(ref: ProvenanceRef): Promise<Provenance> {
    const runs = await this.db.query<RunRow[]>(
      `SELECT r.id, r.trigger, r.created_at, r.started_at, r.workflow_id, r.workflow_version, v.name, v.graph
         FROM runs r JOIN workflow_versions v ON v.workflow_id = r.workflow_id AND v.version = r.workflow_version
        WHERE r.id = $1`,
      [ref.runId],
    );
    const run = runs[0];
    if (!run) throw new NodeError(`run ${ref.runId} not found while recording provenance`);
    const runNodes = await this.db.query<RunNodeRow[]>(
      `SELECT node_id, type, output, usage FROM run_nodes WHERE run_id = $1 ORDER BY node_id`,
      [ref.runId],
    );
    const reviews = await this.db.query<ReviewRowLike[]>(
      `SELECT node_id, round, status, decision, decided_at FROM reviews
        WHERE run_id = $1 AND status <> 'pending' ORDER BY created_at`,
      [ref.runId],
    );
    const graphNodes = Array.isArray(run.graph.nodes) ? run.graph.nodes : [];
    const order = new Map(graphNodes.map((n, i) => [n.id, i]));
    runNodes.sort((a, b) => (order.get(a.node_id) ?? 0) - (order.get(b.node_id) ?? 0));
    return buildProvenance({
      sourceUrls: await this.sourceUrls(runNodes),
      workflow: { id: run.workflow_id, name: run.name, version: run.workflow_version },
      run,
      nodeId: ref.nodeId,
      graphNodes,
      runNodes,
      reviews,
    });
  }

  /** Where the cited documents came from, for those imported from a web address. */
  private async sourceUrls(runNodes: RunNodeRow[]): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const row of runNodes) {
      for (const port of ['documents', 'sources']) {
        const list = row.output?.[port];
        if (!Array.isArray(list)) continue;
        for (const p of list) {
          const id = (p as { documentId?: unknown } | null)?.documentId;
          if (typeof id === 'string' && UUID.test(id)) ids.add(id);
        }
      }
    }
    if (!ids.size) return new Map();
    const rows = await this.db.query<{ id: string; source: string }[]>(
      `SELECT id, source FROM documents WHERE id = ANY($1::uuid[]) AND source ~* '^https?://'`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r.source]));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
