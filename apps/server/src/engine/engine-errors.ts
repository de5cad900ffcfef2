import type { Issue } from '@flowpress/shared';

/** Why the engine refused a request about a run, as a value the HTTP layer turns into a status. */
export class EngineError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}
