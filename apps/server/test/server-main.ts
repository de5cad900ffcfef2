import path from 'node:path';

/**
 * The server the process-level tests spawn: the bundle `pnpm start` runs (scripts/bundle.mjs),
 * so kill -9, shutdown and queue mode are tested on what users run. Built by `pnpm build`.
 */
export const SERVER_MAIN = path.resolve(import.meta.dirname, '../dist/bundle/main.js');
