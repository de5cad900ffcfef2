import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Encrypted credentials and the built-in content library (the `library` publish target). */
export class Publishing1795600000000 implements MigrationInterface {
  name = 'Publishing1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // AES-256-GCM: a random 12-byte IV and the 16-byte tag per row; `key_version` names the key
    // (a fingerprint of it, never the key) so old keys can still decrypt after a rotation.
    await q.query(`
      CREATE TABLE credentials (
        id uuid PRIMARY KEY,
        type varchar(32) NOT NULL,
        name varchar(200) NOT NULL,
        key_version varchar(64) NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        ciphertext bytea NOT NULL,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT credentials_iv_length CHECK (octet_length(iv) = 12),
        CONSTRAINT credentials_tag_length CHECK (octet_length(auth_tag) = 16)
      )`);
    await q.query(`CREATE INDEX credentials_created ON credentials (created_at DESC)`);

    await q.query(`
      CREATE TABLE library_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(200) NOT NULL,
        idempotency_key text NOT NULL,
        title text NOT NULL,
        markdown text NOT NULL,
        html text NOT NULL,
        images jsonb NOT NULL DEFAULT '[]',
        asset_ids uuid[] NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        provenance jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'published',
        workflow_id uuid,
        run_id uuid,
        published_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz,
        CONSTRAINT library_items_status_known CHECK (status IN ('published', 'unpublished'))
      )`);
    await q.query(`CREATE UNIQUE INDEX library_items_slug_key ON library_items (slug)`);
    await q.query(
      `CREATE UNIQUE INDEX library_items_idempotency_key ON library_items (idempotency_key)`,
    );
    await q.query(`CREATE INDEX library_items_published ON library_items (published_at DESC)`);
    await q.query(`CREATE INDEX library_items_assets ON library_items USING gin (asset_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE library_items`);
    await q.query(`DROP TABLE credentials`);
  }
}
