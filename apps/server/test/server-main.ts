import type { ChildProcess } from 'node:child_process';
import path from 'node:path';

/**
 * The server the process-level tests spawn: the bundle `pnpm start` runs (scripts/bundle.mjs),
 * so kill -9, shutdown and queue mode are tested on what users run. Built by `pnpm build`.
 */
export const SERVER_MAIN = path.resolve(import.meta.dirname, '../dist/bundle/main.js');

/**
 * Waits until a spawned server answers `/api/health`; fails at once if it exits first.
 * `output()` (e.g. its stderr so far) goes into the error, to show why it did not start.
 */
export async function waitHealthy(
  url: string,
  child: ChildProcess,
  output: () => string = () => '',
): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}: ${output()}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start: ${output()}`);
}
