import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN } from './support/admin';

/**
 * Browser tests against the real server (`apps/server/dist/bundle/main.js`, what `pnpm start` runs, built by `pnpm build`), with a
 * fresh embedded database per test run and Debian's Chromium (no browser downloads).
 */
const PORT = Number(process.env.E2E_PORT ?? 3199);
/** Point the tests at a server you already run (its admin must match ADMIN); no server is started then. */
const EXTERNAL = process.env.E2E_BASE_URL;
// Set once in the main process; workers inherit it, so they all see the same directory.
process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'flowpress-e2e-'));

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL: EXTERNAL ?? `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: EXTERNAL
    ? undefined
    : {
        // The real server, with an OpenAI-compatible mock so model output streams at a watchable pace.
        command: 'node support/start-server.mjs',
        url: `http://127.0.0.1:${PORT}/api/health`,
        timeout: 90_000,
        reuseExistingServer: false,
        stdout: 'ignore',
        stderr: 'pipe',
        env: {
          PORT: String(PORT),
          HOST: '127.0.0.1',
          FLOWPRESS_DATA_DIR: process.env.E2E_DATA_DIR,
          FLOWPRESS_ADMIN_EMAIL: ADMIN.email,
          FLOWPRESS_ADMIN_PASSWORD: ADMIN.password,
          FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
          NODE_ENV: 'test',
        },
      },
});
