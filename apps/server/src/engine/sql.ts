import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Sql } from './run-store.js';

/** A unit of work on one connection: the callback's statements commit together or not at all. */
export type Transact = <T>(fn: (sql: Sql) => Promise<T>) => Promise<T>;

function poolOf(db: DataSource): Pool {
  return (db.driver as unknown as { master: Pool }).master;
}

/**
 * A query config for `pg`: named when the caller names it, so the connection parses and plans
 * the text once and afterwards only binds and executes it (the engine's hot statements are
 * constant texts; `pg` keeps the names it prepared per connection).
 */
function config(text: string, params: unknown[] | undefined, name: string | undefined) {
  return name ? { name, text, values: params ?? [] } : { text, values: params ?? [] };
}

/** The engine's SQL goes straight to the pg pool behind TypeORM: fewer layers on the hot path. */
export function poolSql(db: DataSource): Sql {
  const pool = poolOf(db);
  return {
    query: async (text, params, name) => (await pool.query(config(text, params, name))).rows,
  };
}

/** Runs `fn` in one transaction on one pooled connection; rolls back when it throws. */
export async function inTransaction<T>(db: DataSource, fn: (sql: Sql) => Promise<T>): Promise<T> {
  const client = await poolOf(db).connect();
  try {
    await client.query('BEGIN');
    const result = await fn({
      query: async (text, params, name) => (await client.query(config(text, params, name))).rows,
    });
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // The rollback failing too (a dead connection) must not hide the error that caused it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export const transactOn =
  (db: DataSource): Transact =>
  (fn) =>
    inTransaction(db, fn);
