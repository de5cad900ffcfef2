/**
 * Test doubles for the publish node: a NodeContext with `services.publish`, an in-memory content
 * library and credential store.
 */
import type { NodeContext, NodeEmit, NodeServices } from '../../contract.js';
import { fakeServices } from '../../testing/run-node.js';
import type { PublishConfig } from '../definition.js';
import type {
  LibraryPublisher,
  PublishPiece,
  PublishServices,
  PublishStatus,
  Receipt,
  StoredCredential,
} from '../types.js';

export class MemoryLibrary implements LibraryPublisher {
  readonly entries = new Map<string, PublishPiece & { status: PublishStatus; receipt: Receipt }>();

  async upsert(piece: PublishPiece & { status: PublishStatus }): Promise<Receipt> {
    const existing = this.entries.get(piece.idempotencyKey);
    if (existing) return existing.receipt;
    const receipt: Receipt = {
      target: 'library',
      externalId: `lib-${this.entries.size + 1}`,
      url: `/library/${piece.slug}`,
      publishedAt: new Date().toISOString(),
    };
    this.entries.set(piece.idempotencyKey, { ...piece, receipt });
    return receipt;
  }
}

export function memoryCredentials(
  map: Record<string, StoredCredential>,
): PublishServices['credentials'] {
  return {
    async get(id) {
      const found = map[id];
      if (!found) throw new Error(`credential ${id} not found`);
      return found;
    },
  };
}

export function fakePublishServices(overrides: Partial<PublishServices> = {}): PublishServices {
  return {
    credentials: memoryCredentials({}),
    library: new MemoryLibrary(),
    exportDir: '',
    allowPrivateNetwork: true,
    provenance: async (ref) => ({ workflowVersion: 3, model: 'offline', runId: ref.runId }),
    ...overrides,
  };
}

export interface PublishTestContext extends NodeContext<PublishConfig> {
  events: NodeEmit[];
}

export function publishContext(options: {
  config: PublishConfig;
  inputs?: Record<string, unknown>;
  publish?: PublishServices | null;
  idempotencyKey?: string;
  signal?: AbortSignal;
}): PublishTestContext {
  const events: NodeEmit[] = [];
  const services: NodeServices =
    options.publish === null
      ? fakeServices()
      : { ...fakeServices(), publish: options.publish ?? fakePublishServices() };
  return {
    runId: 'run-1',
    workflowId: 'wf-1',
    nodeId: 'ship',
    config: options.config,
    inputs: options.inputs ?? {},
    runInputs: {},
    vars: {},
    attempt: 1,
    idempotencyKey: options.idempotencyKey ?? 'run-1:ship',
    signal: options.signal ?? new AbortController().signal,
    emit: (event) => void events.push(event),
    reportUsage: () => undefined,
    services,
    events,
  };
}
