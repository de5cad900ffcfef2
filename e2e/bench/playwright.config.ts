import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/**
 * The canvas benchmark (`pnpm --dir e2e bench:canvas`): the same server and Chromium as the
 * browser tests, but its own test folder so it never runs with `pnpm --dir e2e test`.
 */
export default defineConfig({
  ...base,
  testDir: import.meta.dirname,
  testMatch: '*.bench.ts',
  timeout: 240_000,
  reporter: 'list',
  // Tracing snapshots the DOM at every mouse move: it would measure itself, not the canvas.
  use: { ...base.use, trace: 'off', screenshot: 'off', video: 'off' },
  outputDir: path.join(import.meta.dirname, '../test-results/bench-artifacts'),
  webServer:
    base.webServer && !Array.isArray(base.webServer)
      ? { ...base.webServer, cwd: path.resolve(import.meta.dirname, '..') }
      : base.webServer,
});
