import type { PublishAdapter, PublishTarget } from '../types.js';
import { fileAdapter } from './file.js';
import { ghostAdapter } from './ghost.js';
import { libraryAdapter } from './library.js';
import { webhookAdapter } from './webhook.js';
import { wordpressAdapter } from './wordpress.js';

export { fileAdapter, ghostAdapter, libraryAdapter, webhookAdapter, wordpressAdapter };

/** One adapter per target, all behind the same interface. */
export const publishAdapters: { [T in PublishTarget]: PublishAdapter<T> } = {
  library: libraryAdapter,
  webhook: webhookAdapter,
  wordpress: wordpressAdapter,
  ghost: ghostAdapter,
  file: fileAdapter,
};
