import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { privateDir } from '../database/private-files.js';

/**
 * The environment, parsed once (CONTRACT §4). Every module reads the same `AppConfig` object
 * through the `APP_CONFIG` provider; nothing else reads `process.env`.
 */

/** Empty strings count as unset (docker-compose and .env files produce them). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    schema.optional(),
  );

const booleanString = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(v),
    'must be true or false',
  )
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const byteSize = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+(\.\d+)?\s*(b|kb|mb|gb)?$/, 'must be a size like 512kb, 1mb or 1048576')
  .transform((v) => {
    const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/.exec(v);
    const amount = Number(match?.[1] ?? 0);
    return Math.floor(amount * (BYTE_UNITS[match?.[2] ?? 'b'] ?? 1));
  })
  .refine((n) => n >= 1024, 'must be at least 1kb');

const DURATION_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const duration = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+\s*(s|m|h|d)?$/, 'must be a duration like 3600, 45m, 12h or 7d')
  .transform((v) => {
    const match = /^(\d+)\s*(s|m|h|d)?$/.exec(v);
    return Number(match?.[1] ?? 0) * (DURATION_UNITS[match?.[2] ?? 's'] ?? 1);
  })
  .refine((n) => n >= 60, 'must be at least one minute');

const url = (protocols: RegExp, hint: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    }, `must be a URL like ${hint}`);

export const envSchema = z.object({
  PORT: optional(z.coerce.number({ error: 'must be a number' }).int().min(0).max(65535)).default(
    3000,
  ),
  HOST: optional(z.string().trim().min(1)).default('127.0.0.1'),
  DATABASE_URL: optional(url(/^postgres(ql)?:$/, 'postgres://user:password@host:5432/flowpress')),
  FLOWPRESS_DATA_DIR: optional(z.string().trim().min(1)).default('./.flowpress'),
  /** The embedded database when DATABASE_URL is unset; unset → native, PGlite as fallback. */
  FLOWPRESS_EMBEDDED_DB: optional(
    z.enum(['postgres', 'pglite'], { error: 'must be postgres or pglite' }),
  ),
  REDIS_URL: optional(url(/^rediss?:$/, 'redis://localhost:6379')),
  FLOWPRESS_ROLE: optional(
    z.enum(['api', 'worker', 'all'], { error: 'must be api, worker or all' }),
  ).default('all'),
  /** Runs one worker process executes at once (queue mode). */
  FLOWPRESS_WORKER_CONCURRENCY: optional(z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000)).default(16),
  /** How long a worker's hold on a run lasts without renewal; a dead worker's runs resume after it. */
  FLOWPRESS_LEASE_MS: optional(z.coerce.number({ error: 'must be a number' }).int().min(1000).max(600_000)).default(30_000),
  OPENAI_API_KEY: optional(z.string().trim().min(1)),
  OPENAI_BASE_URL: optional(url(/^https?:$/, 'https://api.openai.com/v1')),
  FLOWPRESS_LLM_MODEL: optional(z.string().trim().min(1)),
  FLOWPRESS_IMAGE_MODEL: optional(z.string().trim().min(1)),
  FLOWPRESS_EMBEDDING_MODEL: optional(z.string().trim().min(1)),
  FLOWPRESS_ADMIN_EMAIL: optional(
    z.string().trim().toLowerCase().email('must be an email address'),
  ),
  FLOWPRESS_ADMIN_PASSWORD: optional(z.string().min(8, 'must be at least 8 characters').max(1024)),
  FLOWPRESS_SECRET_KEY: optional(
    z.string().trim().min(16, 'must be at least 16 characters (e.g. `openssl rand -base64 32`)'),
  ),
  /** Old secret keys (comma-separated), still accepted to decrypt credentials after a rotation. */
  FLOWPRESS_SECRET_KEY_PREVIOUS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .refine(
        (keys) => keys.every((k) => k.length >= 16),
        'every key must be at least 16 characters',
      ),
  ),
  FLOWPRESS_ALLOW_PRIVATE_NETWORK: optional(booleanString).default(false),
  FLOWPRESS_LOG_VERBOSE: optional(booleanString).default(false),
  /** Absolute base of public links (library pages, feeds, receipts); default http://HOST:PORT. */
  FLOWPRESS_PUBLIC_URL: optional(url(/^https?:$/, 'https://content.example.com')),
  FLOWPRESS_BODY_LIMIT: optional(byteSize).default(1024 * 1024),
  FLOWPRESS_UPLOAD_LIMIT: optional(byteSize).default(25 * 1024 * 1024),
  FLOWPRESS_JWT_TTL: optional(duration).default(7 * 86_400),
  /** Where the built web app lives; defaults to apps/web/dist beside this server. */
  FLOWPRESS_WEB_DIR: optional(z.string().trim().min(1)),
  /** Lifetime of one access token; the web app refreshes it within the session (FLOWPRESS_JWT_TTL). */
  FLOWPRESS_ACCESS_TOKEN_TTL: optional(duration).default(3600),
  FLOWPRESS_MAX_JSON_DEPTH: optional(
    z.coerce.number({ error: 'must be a number' }).int().min(4).max(10_000),
  ).default(64),
  /** Other origins (besides the server's own) allowed to open sockets and send cookies. */
  FLOWPRESS_ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((o) => o.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      )
      .refine(
        (list) => list.every((o) => /^https?:\/\/[^/\s]+$/i.test(o)),
        'must be origins like https://app.example.com, comma separated',
      ),
  ),
  FLOWPRESS_TRUST_PROXY: optional(z.string().trim()).transform(parseTrustProxy),
  FLOWPRESS_SHUTDOWN_TIMEOUT_MS: optional(
    z.coerce.number({ error: 'must be a number' }).int().min(100).max(600_000),
  ).default(15_000),
  /** Upper bound for one database statement (Postgres statement_timeout and the client side). */
  FLOWPRESS_DB_QUERY_TIMEOUT_MS: optional(
    z.coerce.number({ error: 'must be a number' }).int().min(100).max(3_600_000),
  ).default(30_000),
});

/**
 * Which proxies to trust (Fastify `trustProxy`, the values Express `trust proxy` took): false
 * (default: the socket's address is the client), true, a hop count, or addresses/subnets of the
 * proxies (comma separated, e.g. `loopback, 10.0.0.0/8`).
 */
function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || ['false', '0', 'no', 'off'].includes(v.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
export type Env = Partial<Record<keyof z.input<typeof envSchema>, string>>;

export type ProcessRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute. Holds the embedded database (`db/`), assets and the generated secret key. */
  dataDir: string;
  /** Set → external Postgres; null → the embedded database (see `embeddedDb`). */
  databaseUrl: string | null;
  /**
   * Embedded engine (no DATABASE_URL): 'postgres' (native, `<dataDir>/pg`), 'pglite' (WASM,
   * `<dataDir>/db`, the one with pgvector) or null: native, unless the data dir already holds
   * PGlite data or no native build exists for the platform.
   */
  embeddedDb: 'postgres' | 'pglite' | null;
  /** Set → BullMQ queue, job schedulers, Socket.IO Redis adapter. */
  redisUrl: string | null;
  role: ProcessRole;
  workerConcurrency: number;
  leaseMs: number;
  openai: { apiKey: string | null; baseUrl: string | null };
  models: { llm: string | null; image: string | null; embedding: string | null };
  /** The first admin; `password: null` → generated and printed once at first start. */
  admin: { email: string; password: string | null };
  /** From FLOWPRESS_SECRET_KEY or `<dataDir>/secret.key`. Derive subkeys with `deriveKey`. */
  secretKey: string;
  /** Where the secret key came from (logged at start, never the key itself). */
  secretKeySource: 'env' | 'file' | 'generated';
  /** FLOWPRESS_SECRET_KEY_PREVIOUS: older keys, only for decrypting what they encrypted. */
  previousSecretKeys: string[];
  allowPrivateNetwork: boolean;
  /** Log Nest's start-up detail (every module and route) too. */
  logVerbose: boolean;
  /** FLOWPRESS_PUBLIC_URL without a trailing slash; null → http://HOST:<listening port>. */
  publicUrl: string | null;
  bodyLimitBytes: number;
  /** Largest knowledge-base upload (FLOWPRESS_UPLOAD_LIMIT); larger is 413. */
  uploadLimitBytes: number;
  jwtTtlSeconds: number;
  /** The built web app (index.html inside) to serve at `/`. */
  webDir: string;
  loginRateLimit: {
    maxFailures: number;
    windowMs: number;
    /** Failed logins from one IP (any accounts) and for one account (any IPs) per window. */
    maxFailuresPerIp: number;
    maxFailuresPerAccount: number;
    /** Password hashes computed at once, and how many more logins may wait for one (then 503). */
    hashConcurrency: number;
    hashQueue: number;
  };
  accessTokenTtlSeconds: number;
  maxJsonDepth: number;
  /** Origins besides the server's own that may use cookies and sockets. */
  allowedOrigins: string[];
  /** Fastify `trustProxy` (Express `trust proxy` before). */
  trustProxy: boolean | number | string[];
  shutdownTimeoutMs: number;
  dbQueryTimeoutMs: number;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@flowpress.local';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** apps/server/{src,dist}/config → apps/web/dist. */
const DEFAULT_WEB_DIR = path.resolve(import.meta.dirname, '../../../web/dist');

/**
 * Parses the environment into an `AppConfig`. Throws `ConfigError` (listing every problem) on bad
 * values. When embedded and no FLOWPRESS_SECRET_KEY is set, reads or creates `<dataDir>/secret.key`.
 */
export function loadConfig(
  env: Env | NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.FLOWPRESS_SECRET_KEY) {
    throw new ConfigError([
      'FLOWPRESS_SECRET_KEY: required when DATABASE_URL is set (every instance must share it; e.g. `openssl rand -base64 32`)',
    ]);
  }
  if (e.FLOWPRESS_ROLE !== 'all' && !e.REDIS_URL) {
    throw new ConfigError([
      `FLOWPRESS_ROLE: ${e.FLOWPRESS_ROLE} needs REDIS_URL (api and worker processes meet through the Redis queue; without it use FLOWPRESS_ROLE=all)`,
    ]);
  }
  const dataDir = path.resolve(cwd, e.FLOWPRESS_DATA_DIR);
  const secret = e.FLOWPRESS_SECRET_KEY
    ? { key: e.FLOWPRESS_SECRET_KEY, source: 'env' as const }
    : readOrCreateSecretKey(dataDir);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    embeddedDb: e.FLOWPRESS_EMBEDDED_DB ?? null,
    redisUrl: e.REDIS_URL ?? null,
    role: e.FLOWPRESS_ROLE,
    workerConcurrency: e.FLOWPRESS_WORKER_CONCURRENCY,
    leaseMs: e.FLOWPRESS_LEASE_MS,
    openai: { apiKey: e.OPENAI_API_KEY ?? null, baseUrl: e.OPENAI_BASE_URL ?? null },
    models: {
      llm: e.FLOWPRESS_LLM_MODEL ?? null,
      image: e.FLOWPRESS_IMAGE_MODEL ?? null,
      embedding: e.FLOWPRESS_EMBEDDING_MODEL ?? null,
    },
    admin: {
      email: e.FLOWPRESS_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL,
      password: e.FLOWPRESS_ADMIN_PASSWORD ?? null,
    },
    secretKey: secret.key,
    secretKeySource: secret.source,
    previousSecretKeys: e.FLOWPRESS_SECRET_KEY_PREVIOUS ?? [],
    allowPrivateNetwork: e.FLOWPRESS_ALLOW_PRIVATE_NETWORK,
    logVerbose: e.FLOWPRESS_LOG_VERBOSE,
    publicUrl: e.FLOWPRESS_PUBLIC_URL ? e.FLOWPRESS_PUBLIC_URL.replace(/\/+$/, '') : null,
    bodyLimitBytes: e.FLOWPRESS_BODY_LIMIT,
    uploadLimitBytes: e.FLOWPRESS_UPLOAD_LIMIT,
    jwtTtlSeconds: e.FLOWPRESS_JWT_TTL,
    webDir: e.FLOWPRESS_WEB_DIR ? path.resolve(cwd, e.FLOWPRESS_WEB_DIR) : DEFAULT_WEB_DIR,
    loginRateLimit: {
      maxFailures: 10,
      windowMs: 60_000,
      maxFailuresPerIp: 10,
      maxFailuresPerAccount: 20,
      hashConcurrency: 4,
      hashQueue: 32,
    },
    accessTokenTtlSeconds: Math.min(e.FLOWPRESS_ACCESS_TOKEN_TTL, e.FLOWPRESS_JWT_TTL),
    maxJsonDepth: e.FLOWPRESS_MAX_JSON_DEPTH,
    allowedOrigins: e.FLOWPRESS_ALLOWED_ORIGINS ?? [],
    trustProxy: e.FLOWPRESS_TRUST_PROXY,
    shutdownTimeoutMs: e.FLOWPRESS_SHUTDOWN_TIMEOUT_MS,
    dbQueryTimeoutMs: e.FLOWPRESS_DB_QUERY_TIMEOUT_MS,
  };
}

function readOrCreateSecretKey(dataDir: string): { key: string; source: 'file' | 'generated' } {
  const file = path.join(dataDir, 'secret.key');
  try {
    if (existsSync(file)) {
      const key = readFileSync(file, 'utf8').trim();
      if (key.length < 16)
        throw new ConfigError([
          `${file}: the secret key in this file is too short; restore it or set FLOWPRESS_SECRET_KEY`,
        ]);
      return { key, source: 'file' };
    }
    privateDir(dataDir);
    const key = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process created it first: use theirs.
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateSecretKey(dataDir);
      throw err;
    }
    chmodSync(file, 0o600);
    return { key, source: 'generated' };
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new ConfigError([`FLOWPRESS_DATA_DIR: cannot read or create ${file} (${reason})`]);
  }
}

/**
 * The kind asked for. The embedded default is a native Postgres ('postgres'); the database
 * module may still fall back to PGlite at start (it logs why) and provides the kind in use as
 * DATABASE_KIND.
 */
export function databaseKind(
  config: Pick<AppConfig, 'databaseUrl'> & Partial<Pick<AppConfig, 'embeddedDb'>>,
): 'pglite' | 'postgres' {
  if (config.databaseUrl) return 'postgres';
  return config.embeddedDb === 'pglite' ? 'pglite' : 'postgres';
}
