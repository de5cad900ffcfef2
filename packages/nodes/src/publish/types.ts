/**
 * The publishing seam: one `PublishAdapter` per target, all taking the same `PublishPiece` and
 * answering the same `Receipt` (CONTRACT §1). The executor resolves settings and credentials, the
 * adapters only talk to their target.
 */
import type { RetryOptions } from '../net/retry.js';
import type { Resolver, Transport } from '../net/outbound-guard.js';
import type { CitedSource } from './sources.js';

export const PUBLISH_TARGETS = ['library', 'webhook', 'wordpress', 'ghost', 'file'] as const;
export type PublishTarget = (typeof PUBLISH_TARGETS)[number];

export type PublishStatus = 'draft' | 'publish';

export interface PublishImage {
  url: string;
  mimeType: string;
  /** The asset id when the image came from Flowpress' asset store. */
  assetId?: string;
  alt?: string;
  /** The bytes, when they could be loaded; targets that upload images skip those without. */
  data?: Buffer;
}

export interface PublishPiece {
  title: string;
  markdown: string;
  /** `markdown` rendered and sanitized. */
  html: string;
  images: PublishImage[];
  tags?: string[];
  /** Stable across retries and resumes (run id + node id): the target never posts twice. */
  idempotencyKey: string;
  /** Deterministic from title and idempotency key, e.g. `my-title-fp-1a2b3c4d5e`. */
  slug: string;
  provenance: Record<string, unknown>;
  /** The numbered passages the text cites (`[n]`), from `provenance.passages`; [] when none. */
  sources?: CitedSource[];
  runId: string;
  workflowId: string;
}

/** What the node outputs on its `receipt` port. */
export interface Receipt {
  target: PublishTarget;
  externalId: string;
  url: string;
  publishedAt: string;
}

/** The built-in content library is written server-side; the server injects this. */
export interface LibraryPublisher {
  /** Creates or returns the entry for `piece.idempotencyKey` (never two for one key). */
  upsert(piece: PublishPiece & { status: PublishStatus }): Promise<Receipt>;
}

export interface StoredCredential {
  type: string;
  data: Record<string, unknown>;
}

export interface ProvenanceRef {
  runId: string;
  workflowId: string;
  nodeId: string;
}

/**
 * What the publish node needs beyond the generic NodeServices; the server provides it as
 * `services.publish` (see `publishServices(ctx)`).
 */
export interface PublishServices {
  /** Decrypted credential by id; rejects when missing or not readable by the workflow. */
  credentials: { get(id: string): Promise<StoredCredential> };
  library: LibraryPublisher;
  /** Base directory of the `file` target; nothing is written outside it. */
  exportDir: string;
  /** FLOWPRESS_ALLOW_PRIVATE_NETWORK */
  allowPrivateNetwork: boolean;
  /** Where the piece came from: workflow version, models, reviewer, … (stored with the post). */
  provenance(ref: ProvenanceRef): Promise<Record<string, unknown>>;
  /** Reads an image's bytes from the asset store, so targets can upload it. Optional. */
  assets?: { read(assetId: string): Promise<{ data: Buffer; mimeType: string }> };
}

/** What an adapter may use besides its settings. */
export interface PublishDeps {
  allowPrivateNetwork: boolean;
  signal: AbortSignal;
  exportDir: string;
  library?: LibraryPublisher;
  log?(message: string): void;
  /** Backoff tuning (tests use tiny delays). */
  retry?: RetryOptions;
  /** Per-request time limit; default 30 s. */
  timeoutMs?: number;
  now?(): Date;
  /** Test seams for the outbound guard. */
  resolver?: Resolver;
  transport?: Transport;
}

export interface WebhookSettings {
  url: string;
  /** HMAC secret from the webhook credential; without one the request is unsigned. */
  secret?: string;
}

export interface WordPressSettings {
  baseUrl: string;
  username: string;
  applicationPassword: string;
  status: PublishStatus;
  /** Tag names or numeric ids; names are looked up and created when missing. */
  tags: string[];
  categories: number[];
}

export interface GhostSettings {
  baseUrl: string;
  /** `id:secret` from Ghost → Settings → Integrations. */
  adminApiKey: string;
  status: PublishStatus;
  tags: string[];
}

export interface FileSettings {
  /** Relative to `deps.exportDir`; '' for the base dir itself. */
  folder: string;
  status: PublishStatus;
}

export interface LibrarySettings {
  status: PublishStatus;
}

export interface SettingsByTarget {
  library: LibrarySettings;
  webhook: WebhookSettings;
  wordpress: WordPressSettings;
  ghost: GhostSettings;
  file: FileSettings;
}

export interface PublishAdapter<T extends PublishTarget = PublishTarget> {
  readonly target: T;
  publish(piece: PublishPiece, settings: SettingsByTarget[T], deps: PublishDeps): Promise<Receipt>;
}
