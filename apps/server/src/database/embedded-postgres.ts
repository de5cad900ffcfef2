import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Postgres in WASM (PGlite) in `<dataDir>/db`, served on a random loopback port by
 * pglite-socket so the rest of the server talks to it with the normal `pg` driver, exactly as
 * it talks to a real Postgres.
 */
export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** Stops the socket server, then closes PGlite (flushes to disk). Safe to call twice. */
  close(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  /** At least the pool size of every client, else "Connection terminated unexpectedly". */
  maxConnections: number;
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dir = path.join(options.dataDir, 'db');
  mkdirSync(dir, { recursive: true });
  const releaseLock = acquireLock(path.join(options.dataDir, 'db.lock'));
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(dir, {
      extensions: { pgcrypto, vector },
      // PGlite's defaults size buffers for a server; an embedded app needs far less, and WASM
      // memory never shrinks once grown (measured: ~290 → ~160 MiB RSS on reopen).
      postgresqlconf: ['shared_buffers=16MB', 'wal_buffers=1MB'],
    });
    server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: options.maxConnections,
    });
    await server.start();
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    releaseLock();
    throw err;
  }
  const conn = server.getServerConn();
  const port = Number(conn.slice(conn.lastIndexOf(':') + 1));
  let closing: Promise<void> | undefined;
  const runningServer = server;
  const runningDb = db;
  return {
    host: '127.0.0.1',
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    close() {
      closing ??= (async () => {
        try {
          await runningServer.stop();
          await runningDb.close();
        } finally {
          releaseLock();
        }
      })();
      return closing;
    },
  };
}

/**
 * Two processes on one PGlite data dir would corrupt it: refuse with a message a person can act
 * on. A lock left by a dead process is taken over.
 */
function acquireLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createLockFile(file)) {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    }
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid === process.pid) {
      throw new Error(
        `The embedded database in ${path.dirname(file)} is already open in this process.`,
      );
    }
    if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
      throw new Error(
        `The embedded database in ${path.dirname(file)} is in use by another Flowpress process (pid ${pid}). ` +
          'Stop it, or point FLOWPRESS_DATA_DIR elsewhere.',
      );
    }
    rmSync(file, { force: true }); // left by a process that is gone
  }
  throw new Error(`Could not lock ${file}`);
}

/** True when this call created the lock file; false when it already exists. */
function createLockFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
