import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's start-up chatter: one line per module, route and socket message. */
const CHATTY_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'WebSocketsController',
  'NestFactory',
]);

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The timestamp Nest's ConsoleLogger prints in the en-US locale ("12/02/2026, 3:42:42 PM", local
 * time), written by hand: Nest formats it with Intl.DateTimeFormat, and the first one built maps
 * ICU's locale data into the process, ≈ 5 MiB of idle memory for a log line's date (BENCHMARKS.md;
 * patches/@nestjs__common makes Nest's own formatters lazy, so none is built unless used). Nest
 * followed the system locale (LANG); this stamp is en-US everywhere, deliberately: one log format.
 */
export function logTimestamp(date: Date = new Date()): string {
  const hours = date.getHours();
  const clock = `${hours % 12 || 12}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${pad2(date.getMonth() + 1)}/${pad2(date.getDate())}/${date.getFullYear()}, ${clock}`;
}

/** Nest's console logger with a timestamp that needs no ICU data. */
export class ServerLogger extends ConsoleLogger {
  protected override getTimestamp(): string {
    return logTimestamp();
  }
}

/**
 * The default logger: warnings and errors always, but not a line for each of the ~70 routes at
 * start-up, so the first admin's password and the URL are not buried (`FLOWPRESS_LOG_VERBOSE=true`
 * shows everything).
 */
export class QuietLogger extends ServerLogger {
  override log(message: unknown, context?: string): void;
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context)) return;
    super.log(message, ...(rest as [string?]));
  }
}

/** The server's logger: quiet by default, every log line with FLOWPRESS_LOG_VERBOSE. */
export function serverLogger(verbose: boolean): ConsoleLogger {
  const levels: LogLevel[] = ['log', 'warn', 'error'];
  return verbose ? new ServerLogger({ logLevels: levels }) : new QuietLogger();
}
