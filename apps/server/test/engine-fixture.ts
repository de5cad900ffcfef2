/**
 * An engine on a real database without Nest or HTTP: embedded PGlite (or a throwaway database on
 * the machine's Postgres), the real migrations, the real node runtime, providers pointed at the
 * project's OpenAI mock. For engine behaviour tests; HTTP and sockets are tested through the app.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type RunEvent, type RunView, type WorkflowGraph } from '@flowpress/shared';
import { validateRunInputs, type NodeServices, type StoredAsset } from '@flowpress/nodes';
import { createProviders } from '@flowpress/nodes/runtime';
import { MIGRATIONS } from '../src/database/migrations/index.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/database/embedded-postgres.js';
import { findNativeBinaries, startNativePostgres } from '../src/database/native-postgres.js';
import { EngineCore } from '../src/engine/engine-core.js';
import { nodeRuntime } from '../src/engine/node-runtime.js';
import { poolSql, transactOn } from '../src/engine/sql.js';
import type { EngineOptions } from '../src/engine/run-execution.js';
import { LocalEventBus } from '../src/realtime/event-bus.js';
import { InProcessRunQueue } from '../src/queue/run-queue.js';
import {
  createThrowawayDatabase,
  dropThrowawayDatabase,
  seedNativeCluster,
  type TestDatabase,
} from './harness.js';

export interface EngineFixture {
  engine: EngineCore;
  bus: LocalEventBus;
  queue: InProcessRunQueue;
  db: DataSource;
  events: RunEvent[];
  /** Stores a workflow version directly (the HTTP layer validates; tests build graphs by hand). */
  addWorkflow(graph: WorkflowGraph): Promise<string>;
  /** Creates and enqueues a run, resolving with its final state once it stops. */
  run(
    workflowId: string,
    inputs?: Record<string, unknown>,
    options?: { onStart?: (runId: string) => void },
  ): Promise<RunView>;
  eventsOf(runId: string): RunEvent[];
  close(): Promise<void>;
}

export async function startEngine(
  database: TestDatabase,
  provider: { baseURL?: string },
  options: Partial<EngineOptions> = {},
): Promise<EngineFixture> {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let url: string;
  if (database === 'pglite') {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-engine-'));
    embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 12 });
    url = embedded.url;
  } else if (database === 'embedded') {
    const bin = findNativeBinaries();
    if ('unavailable' in bin) throw new Error(bin.unavailable);
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-engine-'));
    await seedNativeCluster(dataDir);
    embedded = await startNativePostgres(bin, { dataDir, maxConnections: 12, log: () => undefined });
    url = embedded.url;
  } else {
    url = await createThrowawayDatabase();
    dropDatabase = () => dropThrowawayDatabase(url);
  }
  const db = new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsRun: true,
    uuidExtension: 'pgcrypto',
    extra: { max: database === 'pglite' ? 1 : 8 },
  });
  await db.initialize();
  await db.runMigrations();

  const assets = new Map<string, Buffer>();
  const providers = createProviders(
    provider.baseURL ? { baseURL: provider.baseURL, apiKey: 'test' } : {},
  );
  const services: NodeServices = {
    llm: providers.llm,
    images: providers.images,
    assets: {
      async put(data: Buffer): Promise<StoredAsset> {
        const id = randomBytes(8).toString('hex');
        assets.set(id, data);
        return { assetId: id, url: `/api/assets/${id}` };
      },
    },
  };
  const bus = new LocalEventBus();
  const queue = new InProcessRunQueue(8);
  const engine = new EngineCore({
    sql: poolSql(db),
    transact: transactOn(db),
    runtime: nodeRuntime,
    bus,
    queue,
    services,
    validateRunInputs,
    options: { retryBaseMs: 20, retryMaxMs: 200, ...options },
  });
  const events: RunEvent[] = [];
  bus.onRunEvent((e) => events.push(e));
  await engine.orchestrator.start();

  return {
    engine,
    bus,
    queue,
    db,
    events,
    async addWorkflow(graph) {
      const rows = await db.query<{ id: string }[]>(
        `INSERT INTO workflows (name, current_version, graph) VALUES ('test', 1, $1::jsonb) RETURNING id`,
        [JSON.stringify(graph)],
      );
      const id = rows[0]!.id;
      await db.query(
        `INSERT INTO workflow_versions (workflow_id, version, graph, name) VALUES ($1, 1, $2::jsonb, 'test')`,
        [id, JSON.stringify(graph)],
      );
      return id;
    },
    async run(workflowId, inputs = {}, opts = {}) {
      const created = await engine.submit(workflowId, inputs, { trigger: 'api', createdBy: null });
      opts.onStart?.(created.id);
      // Bounded: a run that never stops fails the test instead of hanging it.
      const { run, done } = await engine.waitForEnd(created.id, 60_000);
      if (!done)
        throw new Error(`run ${created.id} did not stop within 60 s (status ${run.status})`);
      return run;
    },
    eventsOf(runId) {
      return events.filter((e) => e.runId === runId);
    },
    async close() {
      await queue.close();
      await engine.orchestrator.stop(0);
      await db.destroy();
      await embedded?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase?.();
    },
  };
}
