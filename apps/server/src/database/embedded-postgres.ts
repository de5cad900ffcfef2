import {
  chmodSync,
  chownSync,
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { makePrivate, privateDir } from './private-files.js';

/**
 * Postgres in WASM (PGlite) in `<dataDir>/db`, served by pglite-socket so the rest of the server
 * talks to it with the normal `pg` driver, exactly as it talks to a real Postgres.
 *
 * pglite-socket has no authentication at all, so it must not listen on TCP (any local user could
 * connect). It listens on a Unix socket instead, mode 0600 inside a 0700 directory owned by this
 * process's user: the kernel refuses everyone else. `pg` reaches it with `host: <directory>`.
 */
export interface EmbeddedPostgres {
  /** The directory holding the Unix socket (pg's `host`). */
  readonly host: string;
  /** The socket's name is `.s.PGSQL.<port>` (pg's `port`); nothing listens on TCP. */
  readonly port: number;
  /** The socket file itself. */
  readonly socketPath: string;
  /** For `pg` / TypeORM: the socket directory as the (URL-encoded) host. */
  readonly url: string;
  /** The native variant's watchdog process (its child is the postmaster); none for PGlite. */
  readonly pid?: number | undefined;
  /** Stops the database (PGlite: socket server, then flush; native: fast shutdown). Safe to call twice. */
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
  privateDir(options.dataDir);
  const dir = privateDir(path.join(options.dataDir, 'db'));
  const releaseLock = acquireLock(path.join(options.dataDir, 'db.lock'));
  const socketDir = socketDirectory(options.dataDir);
  const socketPath = path.join(socketDir.dir, `.s.PGSQL.${SOCKET_PORT}`);
  // We hold the lock: a socket file still there was left by a process that died.
  rmSync(socketPath, { force: true });
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    // Loaded only when PGlite is the engine: the native default never pays for its modules.
    const [{ PGlite }, { pgcrypto }, { vector }, { PGLiteSocketServer }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pgcrypto'),
      import('@electric-sql/pglite-pgvector'),
      import('@electric-sql/pglite-socket'),
    ]);
    db = await PGlite.create(dir, {
      extensions: { pgcrypto, vector },
      // PGlite's defaults size buffers for a server; an embedded app needs far less, and WASM
      // memory never shrinks once grown (measured: ~290 → ~160 MiB RSS on reopen).
      postgresqlconf: ['shared_buffers=16MB', 'wal_buffers=1MB'],
    });
    // Files PGlite created before the process umask was tightened (older versions): 0600 now.
    makePrivate(dir);
    server = new PGLiteSocketServer({
      db,
      path: socketPath,
      maxConnections: options.maxConnections,
    });
    await server.start();
    chmodSync(socketPath, 0o600);
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    socketDir.remove();
    releaseLock();
    throw err;
  }
  let closing: Promise<void> | undefined;
  const runningServer = server;
  const runningDb = db;
  return {
    host: socketDir.dir,
    port: SOCKET_PORT,
    socketPath,
    url: `postgres://postgres@${encodeURIComponent(socketDir.dir)}:${SOCKET_PORT}/postgres`,
    close() {
      closing ??= (async () => {
        try {
          await runningServer.stop();
          await runningDb.close();
        } finally {
          rmSync(socketPath, { force: true });
          socketDir.remove();
          releaseLock();
        }
      })();
      return closing;
    },
  };
}

/** Only names the socket file; no TCP port is opened. */
export const SOCKET_PORT = 5432;
/** sun_path holds 108 bytes on Linux (104 on macOS); leave room for the terminator. */
const MAX_SOCKET_PATH = 100;

/**
 * `<dataDir>/run` (0700), or — when the data dir's path is too long for a Unix socket — a
 * private temporary directory (0700) removed again at close.
 */
export function socketDirectory(
  dataDir: string,
  owner?: { uid: number; gid: number },
): { dir: string; remove: () => void } {
  const inDataDir = path.join(dataDir, 'run');
  if (path.join(inDataDir, `.s.PGSQL.${SOCKET_PORT}`).length <= MAX_SOCKET_PATH) {
    privateDir(inDataDir);
    // The native Postgres (as root: a dedicated user) creates its socket here.
    if (owner) chownSync(inDataDir, owner.uid, owner.gid);
    return { dir: inDataDir, remove: () => undefined };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-db-'));
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Two processes on one embedded data dir (PGlite or native) would corrupt it: refuse with a message a person can act
 * on. A lock left by a dead process is taken over.
 */
export function acquireLock(file: string): () => void {
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
    fd = openSync(file, 'wx', 0o600);
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
