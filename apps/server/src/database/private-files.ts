import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The data dir holds the database, the secret key and assets: only this process's user may
 * read or write it (directories 0700, files 0600), whatever the umask.
 */

/** Creates `dir` (and parents) if needed and makes it 0700. Returns `dir`. */
export function privateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Walks `dir` and takes group/other permissions off everything in it (0700 directories, 0600
 * files): fixes data dirs written by an older version or under a loose umask. Symlinks are left
 * alone (chmod would follow them out of the tree).
 */
export function makePrivate(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    const mode = lstatSync(full).mode & 0o777;
    if (entry.isDirectory()) {
      if (mode !== 0o700) chmodSync(full, 0o700);
      makePrivate(full);
    } else if (entry.isFile() && (mode & 0o077) !== 0) {
      chmodSync(full, mode & 0o700);
    }
  }
}

/**
 * Files and directories this process creates from now on get no group/other bits. Process-wide
 * by nature (Node has no per-call umask); the server owns its process. Not possible inside a
 * worker thread, where `makePrivate` at start still fixes the database files.
 */
export function tightenUmask(): void {
  try {
    process.umask(process.umask() | 0o077);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_UNSUPPORTED_OPERATION') throw err;
  }
}
