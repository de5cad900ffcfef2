import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Users, API keys, workflows and their immutable versions. Hand-written; Postgres 15+ and PGlite. */
export class Initial1763900000000 implements MigrationInterface {
  name = 'Initial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "users" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" varchar(320) NOT NULL,
        "name" varchar(120),
        "password_hash" text NOT NULL,
        "role" varchar(16) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "users_email_lowercase" CHECK ("email" = lower("email")),
        CONSTRAINT "users_role_known" CHECK ("role" IN ('admin', 'editor', 'reviewer', 'viewer'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "users_email_key" ON "users" ("email")`);

    await q.query(`
      CREATE TABLE "api_keys" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
        "name" varchar(120) NOT NULL,
        "prefix" varchar(32) NOT NULL,
        "key_hash" char(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "last_used_at" timestamptz,
        "revoked_at" timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "api_keys_user_id_idx" ON "api_keys" ("user_id")`);

    await q.query(`
      CREATE TABLE "workflows" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL,
        "description" text,
        "current_version" integer NOT NULL,
        "graph" jsonb NOT NULL,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "deleted_at" timestamptz
      )`);
    await q.query(
      `CREATE INDEX "workflows_live_updated_idx" ON "workflows" ("updated_at" DESC) WHERE "deleted_at" IS NULL`,
    );

    await q.query(`
      CREATE TABLE "workflow_versions" (
        "workflow_id" uuid NOT NULL REFERENCES "workflows" ("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "graph" jsonb NOT NULL,
        "name" varchar(200) NOT NULL,
        "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("workflow_id", "version"),
        CONSTRAINT "workflow_versions_positive" CHECK ("version" > 0)
      )`);
    // Runs pin a version: once written, a version's content never changes.
    await q.query(`
      CREATE FUNCTION "workflow_versions_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."graph" IS DISTINCT FROM OLD."graph" OR NEW."name" IS DISTINCT FROM OLD."name"
           OR NEW."version" IS DISTINCT FROM OLD."version" OR NEW."workflow_id" IS DISTINCT FROM OLD."workflow_id" THEN
          RAISE EXCEPTION 'workflow versions are immutable';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER "workflow_versions_immutable" BEFORE UPDATE ON "workflow_versions"
      FOR EACH ROW EXECUTE FUNCTION "workflow_versions_immutable"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "workflow_versions"`);
    await q.query(`DROP FUNCTION "workflow_versions_immutable"()`);
    await q.query(`DROP TABLE "workflows"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "users"`);
  }
}
