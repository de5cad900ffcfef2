import { existsSync } from 'node:fs';
import path from 'node:path';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import pg from 'pg';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseKind, type AppConfig } from '../config/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import {
  findNativeBinaries,
  NativeUnavailableError,
  startNativePostgres,
} from './native-postgres.js';
import { MIGRATIONS } from './migrations/index.js';
import { NestTypeOrmLogger } from './typeorm-logger.js';

/**
 * Which database this process uses: `'pglite'` (embedded WASM, with pgvector) or `'postgres'`
 * (the embedded native Postgres or DATABASE_URL's: the same engine, full-text search only).
 */
export const DATABASE_KIND = Symbol('DATABASE_KIND');
export type DatabaseKind = 'pglite' | 'postgres';

/** Connections in the pool; the embedded socket server accepts a few more (reconnects). */
const POOL_SIZE = 10;

/**
 * A DataSource that owns the embedded database behind it: `destroy()` ends the pool first, then
 * stops the socket server and closes PGlite, so the order never depends on Nest's hook order.
 */
class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    private readonly embedded: EmbeddedPostgres,
    readonly kind: DatabaseKind,
  ) {
    super(options);
  }

  override async initialize(): Promise<this> {
    try {
      return await super.initialize();
    } catch (err) {
      await this.embedded.close();
      throw err;
    }
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) await super.destroy();
    } finally {
      await this.embedded.close();
    }
  }
}

export function typeOrmOptions(config: AppConfig, pglite = false): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    // The `pg` this module imports: left to itself TypeORM `require`s one at run time, which in
    // the bundle (invisible to esbuild) loads a second copy of pg and its parsers from node_modules.
    driver: pg,
    // Embedded: replaced by the socket server's URL once it listens.
    url: config.databaseUrl ?? undefined,
    uuidExtension: 'pgcrypto',
    autoLoadEntities: true,
    synchronize: false,
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    logging: ['error', 'warn', 'migration'],
    logger: new NestTypeOrmLogger(),
    maxQueryExecutionTime: 2000,
    // PGlite: ONE connection. pglite-socket interleaves the extended-protocol messages of
    // concurrent connections (Parse/Bind/Execute), which fails as "portal does not exist" under
    // load; PGlite runs one query at a time anyway, so a single connection loses nothing.
    extra: {
      max: pglite ? 1 : POOL_SIZE,
      // A database that stops answering must fail requests, lease renewal and shutdown instead
      // of hanging them: the server ends a statement after FLOWPRESS_DB_QUERY_TIMEOUT_MS, and
      // the client gives up a little later (a server that does not even answer that).
      connectionTimeoutMillis: 10_000,
      statement_timeout: config.dbQueryTimeoutMs,
      idle_in_transaction_session_timeout: config.dbQueryTimeoutMs * 2,
      query_timeout: config.dbQueryTimeoutMs + 5_000,
    },
    applicationName: 'flowpress',
    // Retry only what waiting can fix (a Postgres still starting); fail fast on everything else.
    retryAttempts: 5,
    retryDelay: 1000,
    toRetry: (err: unknown) => Boolean(config.databaseUrl) && isTransientConnectionError(err),
  };
}

const log = new Logger('Database');

/**
 * The embedded database: the native Postgres unless PGlite is asked for, the data dir already
 * holds PGlite's data (an install from before the native default), or no native build runs here.
 */
async function startEmbedded(
  config: AppConfig,
): Promise<{ db: EmbeddedPostgres; kind: DatabaseKind }> {
  const pglite = async () => ({
    db: await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: POOL_SIZE * 2 }),
    kind: 'pglite' as const,
  });
  if (config.embeddedDb === 'pglite') return pglite();
  if (
    !config.embeddedDb &&
    existsSync(path.join(config.dataDir, 'db', 'PG_VERSION')) &&
    !existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))
  ) {
    log.log(
      `${config.dataDir} holds PGlite data: staying on PGlite (FLOWPRESS_EMBEDDED_DB=postgres starts an empty native database instead)`,
    );
    return pglite();
  }
  const bin = findNativeBinaries();
  const fallback = (reason: string) => {
    if (config.embeddedDb === 'postgres') {
      throw new Error(
        `FLOWPRESS_EMBEDDED_DB=postgres, but the native Postgres cannot run: ${reason}`,
      );
    }
    log.warn(`Native embedded Postgres unavailable (${reason}); using PGlite`);
    return pglite();
  };
  if ('unavailable' in bin) return fallback(bin.unavailable);
  try {
    const db = await startNativePostgres(bin, {
      dataDir: config.dataDir,
      maxConnections: POOL_SIZE * 2,
      log: (level, line) => (level === 'warn' ? log.warn(line) : log.debug(line)),
    });
    return { db, kind: 'postgres' };
  } catch (err) {
    if (err instanceof NativeUnavailableError) return fallback(err.message);
    throw err;
  }
}

function isTransientConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === '57P03'
  ); /* cannot_connect_now */
}

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => typeOrmOptions(config),
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('TypeORM options missing');
            if (config.databaseUrl) return new DataSource(options);
            const { db: embedded, kind } = await startEmbedded(config);
            const forKind = typeOrmOptions(config, kind === 'pglite');
            return new EmbeddedDataSource(
              {
                ...options,
                extra: forKind.extra,
                url: undefined,
                host: embedded.host,
                port: embedded.port,
                username: 'postgres',
                database: 'postgres',
              } as DataSourceOptions,
              embedded,
              kind,
            );
          },
        }),
      ],
      providers: [
        {
          provide: DATABASE_KIND,
          // The kind in use: the embedded one is only known once it has started (fallback).
          useFactory: (ds: DataSource): DatabaseKind =>
            ds instanceof EmbeddedDataSource ? ds.kind : databaseKind(config),
          inject: [DataSource],
        },
      ],
      exports: [DATABASE_KIND],
    };
  }
}
