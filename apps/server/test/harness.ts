/**
 * Starts the real server (exactly what main.ts starts, through `createApp`) on 127.0.0.1:0 for
 * integration tests, on a fresh data dir with the embedded native Postgres (the default), with
 * embedded PGlite, or on a throwaway database on the machine's Postgres. Reusable by every
 * feature's tests:
 *
 *   const databases = await testDatabases();           // ['embedded', 'postgres'] when reachable
 *   describe.each(databases)('workflows on %s', (database) => {
 *     let t: TestApp;
 *     beforeAll(async () => { t = await startTestApp({ database }); });
 *     afterAll(() => t.close());
 *     it('…', async () => {
 *       const editor = await t.as('editor');
 *       await editor.post('/api/workflows').send({...}).expect(201);
 *     });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@flowpress/shared';
import pg from 'pg';
import supertest from 'supertest';
import { createApp } from '../src/app.factory.js';
import { loadConfig, type AppConfig, type Env } from '../src/config/config.js';
import {
  databaseUser,
  findNativeBinaries,
  initdb,
  nativeUnavailableReason,
  type NativeBinaries,
} from '../src/database/native-postgres.js';

/**
 * 'embedded': the embedded native Postgres (the default; FLOWPRESS_EMBEDDED_DB=postgres, so a
 * failed start fails the test instead of falling back); 'pglite': the WASM one, where the vector
 * extension lives; 'postgres': a throwaway database on the machine's Postgres (DATABASE_URL).
 */
export type TestDatabase = 'embedded' | 'pglite' | 'postgres';

/** The machine's Postgres (a superuser that may create databases). */
export const POSTGRES_ADMIN_URL =
  process.env['TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface StartTestAppOptions {
  database?: TestDatabase;
  /** Extra environment, e.g. `{ REDIS_URL: … }`. Data dir, database and admin are set for you. */
  env?: Env;
  /** Nest logger levels; default errors only. */
  logger?: LoggerService | LogLevel[] | false;
  /** Start on existing data (used by `restart()`). */
  reuse?: { dataDir: string; databaseUrl: string | null; adminPassword: string };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** Requests with a fixed `Authorization: Bearer …`. */
export type Client = Record<Method, (path: string) => supertest.Test>;

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** supertest against `url`; keeps no cookies between requests. */
  request: ReturnType<typeof supertest>;
  dataDir: string;
  /** The throwaway database (postgres variant) or null (embedded, pglite). */
  databaseUrl: string | null;
  admin: { email: string; password: string };
  /** A login token for a user of that role (created on first use; cached). */
  loginAs(role: Role): Promise<string>;
  /** A client authenticated as a user of that role. */
  as(role: Role): Promise<Client>;
  withToken(token: string): Client;
  /** Closes this app, keeping its data, and starts a new one on the same data dir / database. */
  restart(options?: Pick<StartTestAppOptions, 'env' | 'logger'>): Promise<TestApp>;
  /** Closes the app and deletes its data (temp dir, throwaway database). */
  close(): Promise<void>;
}

export const TEST_ADMIN_EMAIL = 'admin@flowpress.test';
export const rolePassword = (role: Role): string => `password-for-${role}-1234`;
export const roleEmail = (role: Role): string => `${role}@flowpress.test`;

let databasesCache: Promise<TestDatabase[]> | undefined;

/**
 * The databases to run integration suites on: the embedded native Postgres (when a build exists
 * for this platform); the machine's Postgres when it answers (else skipped with a message).
 * PGlite-specific behaviour (vector search) is tested by the specs that name 'pglite'.
 * `TEST_DATABASES=embedded` narrows the list; `TEST_DATABASES=pglite,postgres` is the old one.
 */
export function testDatabases(): Promise<TestDatabase[]> {
  databasesCache ??= (async () => {
    const wanted = (process.env['TEST_DATABASES'] ?? 'embedded,postgres')
      .split(',')
      .map((s) => s.trim());
    const list: TestDatabase[] = [];
    if (wanted.includes('embedded')) {
      const reason = nativeUnavailableReason();
      if (reason) console.warn(`Skipping the embedded variant: ${reason}`);
      else list.push('embedded');
    }
    if (wanted.includes('pglite')) list.push('pglite');
    if (wanted.includes('postgres')) {
      if (await postgresReachable()) list.push('postgres');
      else
        console.warn(
          `Skipping the postgres variant: no Postgres answers at ${redact(POSTGRES_ADMIN_URL)} (set TEST_POSTGRES_URL)`,
        );
    }
    return list;
  })();
  return databasesCache;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: POSTGRES_ADMIN_URL,
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database on the machine's Postgres; drop it with `dropThrowawayDatabase`. */
export async function createThrowawayDatabase(): Promise<string> {
  const name = `flowpress_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropThrowawayDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!/^flowpress_t_[0-9a-f]+$/.test(name)) throw new Error(`refusing to drop ${name}`);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

let templateCache: Promise<string | null> | undefined;

/**
 * A fresh cluster made once per machine user and binary version, under the temp dir: copying it
 * (cp -a keeps the database user's ownership) is several times cheaper than initdb, which the
 * suite would otherwise run for every app it starts. Made in a private temp dir, then renamed
 * into place, so concurrent test processes never see half a cluster.
 */
function clusterTemplate(bin: NativeBinaries): Promise<string | null> {
  templateCache ??= (async () => {
    const version = path.basename(path.dirname(path.dirname(path.dirname(bin.postgres))));
    const final = path.join(
      os.tmpdir(),
      `flowpress-test-pg-template-${version}-${process.getuid?.() ?? 0}`,
    );
    if (existsSync(path.join(final, 'pg', 'PG_VERSION'))) return final;
    const work = mkdtempSync(path.join(os.tmpdir(), 'flowpress-test-pg-new-'));
    try {
      const user = databaseUser();
      // As root initdb runs as the database user, who must pass through `work`.
      if (user) {
        chownSync(work, 0, user.gid);
        chmodSync(work, 0o710);
      }
      const pgDir = path.join(work, 'pg');
      spawnSync('install', [
        '-d',
        '-m',
        '0700',
        ...(user ? ['-o', String(user.uid), '-g', String(user.gid)] : []),
        pgDir,
      ]);
      await initdb(bin, pgDir, user);
      renameSync(work, final);
    } catch {
      // No template (or another process renamed its own into place first): harmless, each
      // server then runs initdb itself, or uses the other process's template found below.
      rmSync(work, { recursive: true, force: true });
    }
    return existsSync(path.join(final, 'pg', 'PG_VERSION')) ? final : null;
  })();
  return templateCache;
}

/** Puts a copy of the template cluster into `<dataDir>/pg`; without one the server runs initdb. */
export async function seedNativeCluster(dataDir: string): Promise<void> {
  const bin = findNativeBinaries();
  if ('unavailable' in bin) return;
  const template = await clusterTemplate(bin);
  if (!template) return;
  const copy = spawnSync('cp', ['-a', path.join(template, 'pg'), path.join(dataDir, 'pg')]);
  if (copy.status !== 0) rmSync(path.join(dataDir, 'pg'), { recursive: true, force: true });
}

export async function startTestApp(options: StartTestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? 'embedded';
  const dataDir = options.reuse?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'flowpress-test-'));
  let databaseUrl = options.reuse ? options.reuse.databaseUrl : null;
  if (!options.reuse && database === 'postgres') databaseUrl = await createThrowawayDatabase();
  if (!options.reuse && database === 'embedded') await seedNativeCluster(dataDir);
  const adminPassword = options.reuse?.adminPassword ?? randomBytes(12).toString('base64url');

  const cleanup = async () => {
    if (databaseUrl) await dropThrowawayDatabase(databaseUrl).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };

  let app: NestFastifyApplication;
  let config: AppConfig;
  try {
    config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      FLOWPRESS_DATA_DIR: dataDir,
      FLOWPRESS_ADMIN_EMAIL: TEST_ADMIN_EMAIL,
      FLOWPRESS_ADMIN_PASSWORD: adminPassword,
      FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'true',
      ...(databaseUrl
        ? { DATABASE_URL: databaseUrl, FLOWPRESS_SECRET_KEY: 'test-secret-key-0123456789abcdef' }
        : { FLOWPRESS_EMBEDDED_DB: database === 'pglite' ? 'pglite' : 'postgres' }),
      ...options.env,
    });
    app = await createApp(config, { logger: options.logger ?? ['error'] });
    await app.listen(0, '127.0.0.1');
  } catch (err) {
    if (!options.reuse) await cleanup();
    throw err;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const request = supertest(url);
  const tokens = new Map<Role, Promise<string>>();
  let closed = false;
  /** After `restart()`, the new app owns the data: closing this one must not delete it. */
  let handedOver = false;

  const withToken = (token: string): Client => {
    const call = (method: Method) => (p: string) =>
      request[method](p).set('Authorization', `Bearer ${token}`);
    return {
      get: call('get'),
      post: call('post'),
      put: call('put'),
      patch: call('patch'),
      delete: call('delete'),
    };
  };

  const login = async (email: string, password: string): Promise<string> => {
    const res = await request.post('/api/auth/login').send({ email, password });
    if (res.status !== 200)
      throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body as { token: string }).token;
  };

  const loginAs = (role: Role): Promise<string> => {
    let token = tokens.get(role);
    if (!token) {
      token = (async () => {
        if (role === 'admin') return login(TEST_ADMIN_EMAIL, adminPassword);
        const admin = withToken(await loginAs('admin'));
        const res = await admin
          .post('/api/users')
          .send({ email: roleEmail(role), password: rolePassword(role), role });
        if (res.status !== 201 && res.status !== 409) {
          throw new Error(
            `creating the ${role} user failed: ${res.status} ${JSON.stringify(res.body)}`,
          );
        }
        return login(roleEmail(role), rolePassword(role));
      })();
      token.catch(() => tokens.delete(role));
      tokens.set(role, token);
    }
    return token;
  };

  const stop = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };

  return {
    app,
    config,
    database,
    url,
    request,
    dataDir,
    databaseUrl,
    admin: { email: TEST_ADMIN_EMAIL, password: adminPassword },
    loginAs,
    as: async (role) => withToken(await loginAs(role)),
    withToken,
    async restart(restartOptions = {}) {
      await stop();
      handedOver = true;
      return startTestApp({
        database,
        env: restartOptions.env ?? options.env,
        logger: restartOptions.logger ?? options.logger,
        reuse: { dataDir, databaseUrl, adminPassword },
      });
    },
    async close() {
      await stop();
      if (!handedOver) await cleanup();
    },
  };
}
