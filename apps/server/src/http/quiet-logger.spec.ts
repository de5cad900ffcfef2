import { QuietLogger } from './quiet-logger.js';

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
