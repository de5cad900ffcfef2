import { ConsoleLogger } from '@nestjs/common';

/** Nest's start-up chatter: one line per module, route and socket message. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

/**
 * The default logger: warnings and errors always, but not a line for each of the ~70 routes at
 * start-up, so the first admin's password and the URL are not buried (`FLOWPRESS_LOG_VERBOSE=true`
 * shows everything).
 */
export class QuietLogger extends ConsoleLogger {
  override log(message: unknown, context?: string): void;
  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (typeof context === 'string' && CHATTY_CONTEXTS.has(context)) return;
    super.log(message, ...(rest as [string?]));
  }
}
