export * from './types.js';
export * from './definition.js';
export * from './executor.js';
export * from './services.js';
export * from './settings.js';
export * from './binding.js';
export * from './content.js';
export * from './markdown.js';
export * from './slug.js';
export * from './sources.js';
export { parseGhostAdminKey, ghostAdminToken } from './ghost-jwt.js';
export {
  publishAdapters,
  fileAdapter,
  ghostAdapter,
  libraryAdapter,
  webhookAdapter,
  wordpressAdapter,
} from './adapters/index.js';
export {
  signWebhook,
  verifyWebhookSignature,
  webhookPayload,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  IDEMPOTENCY_HEADER,
} from './adapters/webhook.js';
export type { VerifyOptions } from './adapters/webhook.js';
export { folderSegments } from './adapters/file.js';
