/**
 * The publish node: gathers the piece (text, title, images), renders sanitized HTML, resolves the
 * target's settings and credentials, and hands everything to that target's adapter. The engine
 * never re-executes it once it succeeded (`sideEffects`), and every adapter is idempotent on
 * `ctx.idempotencyKey`, so a retry or a resume after a crash never posts twice.
 */
import { NodeError, type NodeContext, type NodeExecutor } from '../contract.js';
import { safeFetch, type Resolver, type Transport } from '../net/outbound-guard.js';
import type { RetryOptions } from '../net/retry.js';
import { publishAdapters } from './adapters/index.js';
import { collectImages, firstText, splitTitle, withDisclosure } from './content.js';
import type { PublishConfig } from './definition.js';
import { toNodeError } from './http.js';
import { renderMarkdown } from './markdown.js';
import { citedSources } from './sources.js';
import { publishServices } from './services.js';
import { resolveTarget, type ResolvedTarget } from './settings.js';
import { publishSlug } from './slug.js';
import type {
  PublishDeps,
  PublishImage,
  PublishPiece,
  PublishServices,
  PublishTarget,
  Receipt,
} from './types.js';

const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** Targets that upload or write image bytes; the others pass image URLs along. */
const NEEDS_IMAGE_BYTES: readonly PublishTarget[] = ['wordpress', 'ghost', 'file'];

export interface PublishExecutorOptions {
  retry?: RetryOptions;
  timeoutMs?: number;
  now?(): Date;
  resolver?: Resolver;
  transport?: Transport;
}

type Log = (message: string, level?: 'info' | 'warn') => void;

/** Loads image bytes from the asset store, or downloads absolute URLs through the guard. */
async function loadImages(
  images: PublishImage[],
  services: PublishServices,
  deps: PublishDeps,
  log: Log,
): Promise<PublishImage[]> {
  const loaded: PublishImage[] = [];
  for (const image of images) {
    try {
      if (image.assetId && services.assets) {
        const asset = await services.assets.read(image.assetId);
        loaded.push({ ...image, data: asset.data, mimeType: asset.mimeType || image.mimeType });
      } else if (/^https?:\/\//i.test(image.url)) {
        const response = await safeFetch(
          image.url,
          { signal: deps.signal },
          {
            allowPrivateNetwork: deps.allowPrivateNetwork,
            maxResponseBytes: MAX_IMAGE_BYTES,
            timeoutMs: deps.timeoutMs,
            resolver: deps.resolver,
            transport: deps.transport,
          },
        );
        const type = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
        if (!response.ok || !type.startsWith('image/'))
          throw new Error(`answered ${response.status} ${type || 'without a type'}`);
        loaded.push({ ...image, data: response.body, mimeType: type });
      } else {
        loaded.push(image);
      }
    } catch (err) {
      log(
        `image ${image.url} could not be loaded (${toNodeError(err, 'image').message}); publishing without its bytes`,
        'warn',
      );
      loaded.push(image);
    }
  }
  return loaded;
}

async function buildPiece(
  ctx: NodeContext<PublishConfig>,
  services: PublishServices,
  deps: PublishDeps,
  log: Log,
  target: PublishTarget,
): Promise<PublishPiece> {
  const source = ctx.config.content?.trim() ? ctx.config.content : firstText(ctx.inputs);
  if (!source?.trim()) {
    throw new NodeError(
      'nothing to publish: connect a node with text to "content" or set the content template',
      {
        code: 'no_content',
      },
    );
  }
  const { title, markdown: body } = splitTitle(source, ctx.config.title);
  const markdown = ctx.config.disclosure ? withDisclosure(body) : body;
  const found = collectImages(ctx.inputs);
  const images = NEEDS_IMAGE_BYTES.includes(target)
    ? await loadImages(found, services, deps, log)
    : found;
  const provenance = await services.provenance({
    runId: ctx.runId,
    workflowId: ctx.workflowId,
    nodeId: ctx.nodeId,
  });
  const piece: PublishPiece = {
    title,
    markdown,
    html: renderMarkdown(markdown),
    images,
    idempotencyKey: ctx.idempotencyKey,
    slug: publishSlug(title, ctx.idempotencyKey),
    provenance,
    sources: citedSources(provenance, markdown),
    runId: ctx.runId,
    workflowId: ctx.workflowId,
  };
  if (ctx.config.tags?.length) piece.tags = ctx.config.tags;
  return piece;
}

function dispatch(
  resolved: ResolvedTarget,
  piece: PublishPiece,
  deps: PublishDeps,
): Promise<Receipt> {
  switch (resolved.target) {
    case 'library':
      return publishAdapters.library.publish(piece, resolved.settings, deps);
    case 'webhook':
      return publishAdapters.webhook.publish(piece, resolved.settings, deps);
    case 'wordpress':
      return publishAdapters.wordpress.publish(piece, resolved.settings, deps);
    case 'ghost':
      return publishAdapters.ghost.publish(piece, resolved.settings, deps);
    case 'file':
      return publishAdapters.file.publish(piece, resolved.settings, deps);
  }
}

/** A publish executor; options are test seams (backoff, clock, resolver, transport). */
export function createPublishExecutor(
  options: PublishExecutorOptions = {},
): NodeExecutor<PublishConfig> {
  return {
    type: 'publish',
    async execute(ctx) {
      const services = publishServices(ctx);
      const log: Log = (message, level = 'info') => ctx.emit({ type: 'log', level, message });
      const deps: PublishDeps = {
        allowPrivateNetwork: services.allowPrivateNetwork,
        signal: ctx.signal,
        exportDir: services.exportDir,
        library: services.library,
        log: (message) => log(message),
        ...options,
      };
      const resolved = await resolveTarget(ctx.config, services);
      const piece = await buildPiece(ctx, services, deps, log, resolved.target);
      let receipt: Receipt;
      try {
        receipt = await dispatch(resolved, piece, deps);
      } catch (err) {
        throw toNodeError(err, `publishing to ${resolved.target} failed`);
      }
      log(`published to ${receipt.target}: ${receipt.url || receipt.externalId}`);
      return { output: { receipt } };
    },
  };
}

export const publishExecutor: NodeExecutor<PublishConfig> = createPublishExecutor();
