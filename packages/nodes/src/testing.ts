/**
 * Test utilities (`@flowpress/nodes/testing`): run a node in a few lines, fake services, a mock
 * OpenAI-compatible server and a guard against outbound connections.
 */
export {
  runNode,
  fakeServices,
  type RunNodeOptions,
  type RunNodeOutcome,
  type FakeServices,
} from './testing/run-node.js';
export { MemoryAssetStore, type MemoryAsset } from './testing/memory-assets.js';
export {
  startMockOpenAI,
  type MockOpenAI,
  type MockOpenAIOptions,
  type MockStep,
  type RecordedRequest,
  type TokenWrite,
} from './testing/mock-openai.js';
export type { ChatRequestBody, ChatMessageBody } from './testing/mock-openai-protocol.js';
export {
  denyOutboundConnections,
  isLoopbackHost,
  OUTBOUND_DENIED_CODE,
  type OutboundGuard,
} from './testing/deny-outbound.js';
export * from './publish/testing/index.js';
