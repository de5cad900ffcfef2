import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Runs with per-node checkpoints, review rounds and generated assets. */
export class Runs1795500000000 implements MigrationInterface {
  name = 'Runs1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id uuid NOT NULL,
        workflow_version integer NOT NULL,
        status text NOT NULL,
        trigger text NOT NULL DEFAULT 'api',
        inputs jsonb NOT NULL DEFAULT '{}',
        vars jsonb NOT NULL DEFAULT '{}',
        error jsonb,
        usage jsonb,
        last_seq integer NOT NULL DEFAULT 0,
        lease_owner text,
        lease_until timestamptz,
        cancel_requested boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX runs_workflow_created ON runs (workflow_id, created_at DESC)`);
    await q.query(`CREATE INDEX runs_status ON runs (status) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX runs_created ON runs (created_at DESC)`);
    await q.query(`
      CREATE TABLE run_nodes (
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        node_id text NOT NULL,
        type text NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        output jsonb,
        error jsonb,
        attempts integer NOT NULL DEFAULT 0,
        usage jsonb,
        round integer NOT NULL DEFAULT 0,
        started_at timestamptz,
        finished_at timestamptz,
        PRIMARY KEY (run_id, node_id)
      )`);
    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL,
        node_id text NOT NULL,
        round integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'pending',
        content jsonb NOT NULL,
        instructions text,
        assignee text,
        max_revisions integer NOT NULL DEFAULT 3,
        due_at timestamptz,
        decision jsonb,
        decided_by uuid,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reviews_status_created ON reviews (status, created_at)`);
    await q.query(`CREATE INDEX reviews_run ON reviews (run_id)`);
    await q.query(`
      CREATE TABLE assets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid,
        node_id text,
        mime_type text NOT NULL,
        size integer NOT NULL,
        data bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assets`);
    await q.query(`DROP TABLE reviews`);
    await q.query(`DROP TABLE run_nodes`);
    await q.query(`DROP TABLE runs`);
  }
}
