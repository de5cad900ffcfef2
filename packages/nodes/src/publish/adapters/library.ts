/**
 * Library target: the built-in content library is a database table the server owns, so the node
 * only hands the piece to the injected `LibraryPublisher`, which upserts by idempotency key.
 */
import { NodeError } from '../../contract.js';
import type { PublishAdapter } from '../types.js';

export const libraryAdapter: PublishAdapter<'library'> = {
  target: 'library',
  async publish(piece, settings, deps) {
    if (!deps.library) {
      throw new NodeError(
        'the content library is not available in this process (no LibraryPublisher injected)',
        {
          code: 'not_configured',
        },
      );
    }
    return deps.library.upsert({ ...piece, status: settings.status });
  },
};
