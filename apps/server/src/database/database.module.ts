import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseKind, type AppConfig } from '../config/config.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { MIGRATIONS } from './migrations/index.js';
import { NestTypeOrmLogger } from './typeorm-logger.js';

/** Which database this process uses: `'pglite'` (embedded) or `'postgres'`. */
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

export function typeOrmOptions(config: AppConfig): TypeOrmModuleOptions {
  return {
    type: 'postgres',
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
    // Embedded: ONE connection. pglite-socket interleaves the extended-protocol messages of
    // concurrent connections (Parse/Bind/Execute), which fails as "portal does not exist" under
    // load; PGlite runs one query at a time anyway, so a single connection loses nothing.
    extra: {
      max: config.databaseUrl ? POOL_SIZE : 1,
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
            const embedded = await startEmbeddedPostgres({
              dataDir: config.dataDir,
              maxConnections: POOL_SIZE * 2,
            });
            return new EmbeddedDataSource(
              {
                ...options,
                url: undefined,
                host: embedded.host,
                port: embedded.port,
                username: 'postgres',
                database: 'postgres',
              } as DataSourceOptions,
              embedded,
            );
          },
        }),
      ],
      providers: [{ provide: DATABASE_KIND, useValue: databaseKind(config) }],
      exports: [DATABASE_KIND],
    };
  }
}
