import { logTimestamp, QuietLogger } from './quiet-logger.js';

/** Records what would be printed instead of writing it. */
class RecordingLogger extends QuietLogger {
  readonly printed: string[] = [];
  protected override printMessages(messages: unknown[]): void {
    this.printed.push(...messages.map(String));
  }
}

describe('QuietLogger', () => {
  it("drops Nest's start-up chatter and keeps everything else", () => {
    const logger = new RecordingLogger();
    logger.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    logger.log('Flowpress is listening', 'Flowpress');
    logger.warn('careful', 'RouterExplorer');
    expect(logger.printed).toEqual(['Flowpress is listening', 'careful']);
  });
});

describe('logTimestamp', () => {
  it("prints what Nest's Intl formatter prints in en-US, without Intl", () => {
    const nest = new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      day: '2-digit',
      month: '2-digit',
    });
    const dates = [
      new Date(2026, 11, 2, 15, 42, 7),
      new Date(2026, 0, 1, 0, 0, 0), // midnight: 12 AM
      new Date(2026, 5, 30, 12, 5, 59), // noon: 12 PM
      new Date(1999, 8, 9, 9, 9, 9),
    ];
    for (const d of dates) expect(logTimestamp(d)).toBe(nest.format(d));
  });
});
