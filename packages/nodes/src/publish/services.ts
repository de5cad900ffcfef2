/**
 * The publish node's extra dependency. Until `NodeServices` declares `publish?: PublishServices`,
 * this accessor reads it through a type guard, so the executor never casts blindly.
 */
import { NodeError, type NodeContext } from '../contract.js';
import type { PublishServices } from './types.js';

function isPublishServices(value: unknown): value is PublishServices {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const credentials = v.credentials as Record<string, unknown> | undefined;
  const library = v.library as Record<string, unknown> | undefined;
  return (
    typeof credentials?.get === 'function' &&
    typeof library?.upsert === 'function' &&
    typeof v.exportDir === 'string' &&
    typeof v.allowPrivateNetwork === 'boolean' &&
    typeof v.provenance === 'function'
  );
}

/** `ctx.services.publish`, or a clear NodeError when the process did not provide it. */
export function publishServices(ctx: Pick<NodeContext<unknown>, 'services'>): PublishServices {
  const candidate: unknown = (ctx.services as unknown as Record<string, unknown>).publish;
  if (!isPublishServices(candidate)) {
    throw new NodeError(
      'publishing is not set up in this process: NodeServices.publish (credentials, library, exportDir, allowPrivateNetwork, provenance) is missing',
      { code: 'publish_services_missing' },
    );
  }
  return candidate;
}
