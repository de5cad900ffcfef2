import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules and their fires. `schedule_fires (schedule_id, fire_at)` is unique: every process
 * claims a fire by inserting that row before it creates the run, so however many schedulers
 * share the database (embedded or queue mode), one tick makes at most one run.
 * Runs keep their existing `trigger` text (manual | api | schedule) and gain the schedule and
 * fire time that made them, as columns so they can be filtered and indexed.
 */
export class Schedules1796100000000 implements MigrationInterface {
  name = 'Schedules1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id uuid NOT NULL,
        name text,
        cron text,
        run_at timestamptz,
        timezone text NOT NULL DEFAULT 'UTC',
        inputs jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        start_at timestamptz,
        end_at timestamptz,
        overlap text NOT NULL DEFAULT 'skip',
        missed text NOT NULL DEFAULT 'skip',
        next_run_at timestamptz,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT schedules_cron_or_run_at CHECK ((cron IS NULL) <> (run_at IS NULL))
      )`);
    await q.query(
      `CREATE INDEX schedules_due ON schedules (next_run_at) WHERE enabled AND next_run_at IS NOT NULL`,
    );
    await q.query(`CREATE INDEX schedules_workflow ON schedules (workflow_id)`);
    await q.query(`
      CREATE TABLE schedule_fires (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
        fire_at timestamptz NOT NULL,
        outcome text NOT NULL,
        reason text,
        run_id uuid,
        claimed_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT schedule_fires_once UNIQUE (schedule_id, fire_at)
      )`);
    await q.query(
      `CREATE INDEX schedule_fires_pending ON schedule_fires (outcome) WHERE outcome IN ('claimed', 'queued')`,
    );
    await q.query(
      `ALTER TABLE runs ADD COLUMN schedule_id uuid, ADD COLUMN schedule_fire_at timestamptz`,
    );
    await q.query(
      `CREATE INDEX runs_schedule ON runs (schedule_id, created_at DESC) WHERE schedule_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX runs_trigger ON runs (trigger, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX runs_trigger`);
    await q.query(`DROP INDEX runs_schedule`);
    await q.query(`ALTER TABLE runs DROP COLUMN schedule_fire_at, DROP COLUMN schedule_id`);
    await q.query(`DROP TABLE schedule_fires`);
    await q.query(`DROP TABLE schedules`);
  }
}
