import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, databaseKind, DEFAULT_ADMIN_EMAIL, loadConfig } from './config.js';
import { deriveKey } from './secrets.js';

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'flowpress-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies the contract defaults and generates a secret key into the data dir', () => {
    const config = loadConfig({ FLOWPRESS_DATA_DIR: dir });
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: dir,
      databaseUrl: null,
      redisUrl: null,
      role: 'all',
      openai: { apiKey: null, baseUrl: null },
      admin: { email: DEFAULT_ADMIN_EMAIL, password: null },
      allowPrivateNetwork: false,
      bodyLimitBytes: 1024 * 1024,
      jwtTtlSeconds: 7 * 86_400,
      secretKeySource: 'generated',
    });
    const file = path.join(dir, 'secret.key');
    expect(readFileSync(file, 'utf8').trim()).toBe(config.secretKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The second start reads the same key back.
    expect(loadConfig({ FLOWPRESS_DATA_DIR: dir })).toMatchObject({
      secretKey: config.secretKey,
      secretKeySource: 'file',
    });
  });

  it('resolves the data dir against the working directory', () => {
    expect(loadConfig({ FLOWPRESS_DATA_DIR: 'data' }, dir).dataDir).toBe(path.join(dir, 'data'));
  });

  it('parses every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/flowpress',
      FLOWPRESS_SECRET_KEY: 'a-long-enough-secret-key',
      REDIS_URL: 'redis://cache:6379',
      FLOWPRESS_ROLE: 'worker',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      FLOWPRESS_LLM_MODEL: 'llama3',
      FLOWPRESS_IMAGE_MODEL: 'dall-e-3',
      FLOWPRESS_EMBEDDING_MODEL: 'nomic-embed-text',
      FLOWPRESS_ADMIN_EMAIL: ' Boss@Example.COM ',
      FLOWPRESS_ADMIN_PASSWORD: 'hunter2hunter2',
      FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'yes',
      FLOWPRESS_BODY_LIMIT: '5mb',
      FLOWPRESS_JWT_TTL: '12h',
      FLOWPRESS_DATA_DIR: dir,
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@db:5432/flowpress',
      secretKey: 'a-long-enough-secret-key',
      secretKeySource: 'env',
      redisUrl: 'redis://cache:6379',
      role: 'worker',
      openai: { apiKey: 'sk-test', baseUrl: 'http://localhost:11434/v1' },
      models: { llm: 'llama3', image: 'dall-e-3', embedding: 'nomic-embed-text' },
      admin: { email: 'boss@example.com', password: 'hunter2hunter2' },
      allowPrivateNetwork: true,
      bodyLimitBytes: 5 * 1024 * 1024,
      jwtTtlSeconds: 12 * 3600,
    });
    expect(databaseKind(config)).toBe('postgres');
    expect(config.redisUrl).toBe('redis://cache:6379');
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({
      FLOWPRESS_DATA_DIR: dir,
      PORT: '',
      DATABASE_URL: '',
      REDIS_URL: ' ',
    });
    expect(config.port).toBe(3000);
    // No DATABASE_URL: the embedded native Postgres is the default.
    expect(config.embeddedDb).toBeNull();
    expect(databaseKind(config)).toBe('postgres');
    expect(config.redisUrl).toBeNull();
  });

  it('takes FLOWPRESS_EMBEDDED_DB=pglite, and refuses an unknown engine', () => {
    const config = loadConfig({ FLOWPRESS_DATA_DIR: dir, FLOWPRESS_EMBEDDED_DB: 'pglite' });
    expect(config.embeddedDb).toBe('pglite');
    expect(databaseKind(config)).toBe('pglite');
    expect(() => loadConfig({ FLOWPRESS_DATA_DIR: dir, FLOWPRESS_EMBEDDED_DB: 'sqlite' })).toThrow(
      /FLOWPRESS_EMBEDDED_DB: must be postgres or pglite/,
    );
  });

  it('lists every bad value in one clear error', () => {
    let error: unknown;
    try {
      loadConfig({
        FLOWPRESS_DATA_DIR: dir,
        PORT: 'eighty',
        FLOWPRESS_ROLE: 'boss',
        DATABASE_URL: 'mysql://x',
        FLOWPRESS_ALLOW_PRIVATE_NETWORK: 'maybe',
        FLOWPRESS_BODY_LIMIT: 'huge',
        FLOWPRESS_JWT_TTL: '5s',
        FLOWPRESS_ADMIN_PASSWORD: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const key of [
      'PORT',
      'FLOWPRESS_ROLE',
      'DATABASE_URL',
      'FLOWPRESS_ALLOW_PRIVATE_NETWORK',
      'FLOWPRESS_BODY_LIMIT',
      'FLOWPRESS_JWT_TTL',
      'FLOWPRESS_ADMIN_PASSWORD',
    ]) {
      expect(message).toContain(key);
    }
    expect((error as ConfigError).problems).toHaveLength(7);
  });

  it('requires FLOWPRESS_SECRET_KEY with DATABASE_URL', () => {
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://localhost/flowpress', FLOWPRESS_DATA_DIR: dir }),
    ).toThrow(/FLOWPRESS_SECRET_KEY: required when DATABASE_URL is set/);
  });

  it('refuses a secret key file that was truncated', () => {
    writeFileSync(path.join(dir, 'secret.key'), 'short\n');
    expect(() => loadConfig({ FLOWPRESS_DATA_DIR: dir })).toThrow(ConfigError);
  });
});

describe('deriveKey', () => {
  it('derives distinct, stable 32-byte keys per purpose', () => {
    const a = deriveKey('secret-secret-secret', 'jwt');
    expect(a).toHaveLength(32);
    expect(deriveKey('secret-secret-secret', 'jwt').equals(a)).toBe(true);
    expect(deriveKey('secret-secret-secret', 'credentials').equals(a)).toBe(false);
    expect(deriveKey('other-secret-secret', 'jwt').equals(a)).toBe(false);
  });
});
