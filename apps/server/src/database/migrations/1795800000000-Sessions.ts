import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login sessions: every login token names its session (`sid`), so logout (or an admin) can end
 * it server-side before the token expires, and a short-lived token can be refreshed within it.
 */
export class Sessions1795800000000 implements MigrationInterface {
  name = 'Sessions1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
