import { endStartupHeap } from './startup-heap.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app.factory.js';
import { Lifecycle } from './http/lifecycle.js';
import { serverLogger } from './http/quiet-logger.js';
import { ConfigError, databaseKind, loadConfig, type AppConfig } from './config/config.js';

/** `node apps/server/dist/main.js`: reads the environment, starts, listens, stops on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  // Before the first line is logged: Nest's default logger would build an Intl formatter.
  Logger.overrideLogger(serverLogger(config.logVerbose));
  const logger = new Logger('Flowpress');
  const db = config.databaseUrl
    ? 'Postgres (DATABASE_URL)'
    : `embedded ${config.embeddedDb === 'pglite' ? 'PGlite' : 'Postgres'} in ${config.dataDir}`;
  const queue = config.redisUrl ? 'BullMQ queue on Redis (REDIS_URL)' : 'in-process queue';
  logger.log(`Starting: database ${db}, ${queue}, role ${config.role}`);
  if (config.secretKeySource === 'generated')
    logger.log(
      `Generated a secret key in ${config.dataDir}/secret.key: back it up with the data dir`,
    );

  const app = await createApp(config).catch((err: unknown) => {
    logger.error(`Could not start: ${startupMessage(err, config)}`);
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down gracefully`);
      void shutdown(app, config, logger);
    });
  }
  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    logger.error(`Could not start: ${startupMessage(err, config)}`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  endStartupHeap();
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.log(
    `Flowpress is listening on http://${shownHost}:${config.port} (database: ${databaseKind(config)})`,
  );
}

/**
 * Ends long-polls (they answer 202 with the run as it stands) and sockets first, then closes
 * the app (engine, queue, database). The whole of it has FLOWPRESS_SHUTDOWN_TIMEOUT_MS: past
 * that the process exits with code 1 rather than hang on a client or a database.
 */
async function shutdown(
  app: NestFastifyApplication,
  config: AppConfig,
  logger: Logger,
): Promise<void> {
  const deadline = setTimeout(() => {
    logger.error(
      `Shutdown did not finish within ${config.shutdownTimeoutMs} ms (FLOWPRESS_SHUTDOWN_TIMEOUT_MS): exiting now`,
    );
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  try {
    app.get(Lifecycle).beginShutdown();
    await app.close();
    clearTimeout(deadline);
    process.exit(0);
  } catch (err) {
    logger.error(`Shutdown failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

function startupMessage(err: unknown, config: AppConfig): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown }).code;
  if (
    config.databaseUrl &&
    (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '28P01' || code === '3D000')
  ) {
    return `cannot connect to the database in DATABASE_URL (${message})`;
  }
  if (code === 'EADDRINUSE')
    return `port ${config.port} on ${config.host} is already in use (set PORT)`;
  return message;
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Flowpress failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
