/**
 * The publish node's extra dependency: `NodeServices.publish`, optional because only processes
 * that run publish steps (the server's workers) provide it.
 */
import { NodeError, type NodeContext } from '../contract.js';
import type { PublishServices } from './types.js';

/** `ctx.services.publish`, or a clear NodeError when the process did not provide it. */
export function publishServices(ctx: Pick<NodeContext<unknown>, 'services'>): PublishServices {
  const publish = ctx.services.publish;
  if (!publish) {
    throw new NodeError(
      'publishing is not set up in this process: NodeServices.publish (credentials, library, exportDir, allowPrivateNetwork, provenance) is missing',
      { code: 'publish_services_missing' },
    );
  }
  return publish;
}
