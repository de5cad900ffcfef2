/**
 * The node contract: a browser-safe definition (what the catalog serves and validation checks)
 * and a server-side executor. Executors receive everything through their context; they import
 * no NestJS, TypeORM or socket code.
 */
import type { z } from 'zod';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Embeddings } from '@langchain/core/embeddings';
import type {
  DynamicPorts,
  NodeCategory,
  NodeOutput,
  PortSpec,
  Usage,
} from '@flowpress/shared';
import type { PublishServices } from './publish/types.js';
import type { KnowledgeSearch } from './retrieval/types.js';

export interface NodeDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  /** Bumped when the config shape changes (no node has changed shape yet, so nothing migrates). */
  version: number;
  label: string;
  description: string;
  category: NodeCategory;
  /** A Tabler icon name (the web app maps it), e.g. `sparkles`. */
  icon: string;
  config: S;
  inputs: PortSpec[];
  outputs: PortSpec[];
  dynamicOutputs?: DynamicPorts;
  /** Config keys holding templates; the engine renders them before `execute`. */
  templateFields: string[];
  defaults: z.input<S>;
  streams?: boolean;
  /** Calls the outside world (publish): the engine never re-executes one that succeeded. */
  sideEffects?: boolean;
  /**
   * Cheap, deterministic and free of side effects with this config (input, template, a non-LLM
   * condition): the engine lets its checkpoint ride along with the next write; after a crash it
   * simply runs again. Absent: false.
   */
  deterministic?(config: Record<string, unknown>): boolean;
  /** Its config declares the run's inputs (the `input` step): run inputs are checked against it. */
  providesRunInputs?: boolean;
  /** Config fields holding what a model is asked with this config (provenance hashes them). */
  promptFields?(config: Record<string, unknown>): readonly string[];
  /** The chat messages it sends a model, by config field (the review's feedback export renders them). */
  chatPrompt?: { template: string; system?: string };
  /** Output ports a reviewer may replace when approving what this step suspended on. */
  editablePorts?: readonly string[];
}

export type ChatModelOptions = {
  model?: string;
  temperature?: number;
  maxTokens?: number;
};

/**
 * LangChain models, built once per configuration by the provider and shared by runs. Both are
 * asynchronous because LangChain and the provider's client are imported on the first call, not
 * when the process starts (≈ 600 module files and ≈ 30 MiB a process that never calls a model
 * need not load); after the first call the answer is the cached model.
 */
export interface LlmProvider {
  /** `openai` or `offline`; shown in usage and the UI ("offline model" tag). */
  readonly id: string;
  readonly offline: boolean;
  readonly defaultModel: string;
  chatModel(options: ChatModelOptions): Promise<BaseChatModel>;
  embeddings(): Promise<Embeddings | null>;
}

export interface GeneratedImage {
  data: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

export interface ImageProvider {
  readonly id: string;
  readonly offline: boolean;
  readonly defaultModel: string;
  generate(request: {
    prompt: string;
    width: number;
    height: number;
    count: number;
    model?: string;
    signal?: AbortSignal;
  }): Promise<GeneratedImage[]>;
}

export interface StoredAsset {
  assetId: string;
  /** Where the web app fetches it, e.g. `/api/assets/<id>`. */
  url: string;
}

export interface AssetStore {
  put(data: Buffer, mimeType: string, meta: { runId: string; nodeId: string }): Promise<StoredAsset>;
}

export interface NodeServices {
  llm: LlmProvider;
  images: ImageProvider;
  assets: AssetStore;
  /** Credentials, the content library, the export dir, provenance: what `publish` needs. */
  publish?: PublishServices;
  /** The server's knowledge-base search: what the `retrieval` step asks. */
  knowledge?: KnowledgeSearch;
}

export type NodeEmit =
  | { type: 'token'; text: string }
  | { type: 'log'; level: 'info' | 'warn'; message: string };

/** Set on the second pass of a suspending node (a review) once a decision exists. */
export interface ResumeState {
  decision: string;
  payload: Record<string, unknown>;
}

export interface NodeContext<C = Record<string, unknown>> {
  runId: string;
  workflowId: string;
  nodeId: string;
  /** Config parsed by the definition's schema, templates already rendered. */
  config: C;
  /** Values arriving on input ports, keyed by port name (a list where several edges arrive). */
  inputs: Record<string, unknown>;
  /** The run's inputs (what the `input` node exposes). */
  runInputs: Record<string, unknown>;
  /** Reserved template variables, e.g. `feedback` from a reviewer. */
  vars: Record<string, unknown>;
  attempt: number;
  /** Stable across retries and resumes: run id + node id. */
  idempotencyKey: string;
  signal: AbortSignal;
  emit(event: NodeEmit): void;
  reportUsage(usage: Partial<Usage>): void;
  services: NodeServices;
  resume?: ResumeState;
}

export type NodeResult =
  | { output: NodeOutput }
  | { suspend: { kind: 'review'; payload: Record<string, unknown> } };

export interface NodeExecutor<C = Record<string, unknown>> {
  type: string;
  execute(ctx: NodeContext<C>): Promise<NodeResult>;
}

/**
 * An error a node throws on purpose. `retryable` tells the engine a retry may help (429, 5xx,
 * timeouts); `retryAfterMs` honours the provider's Retry-After.
 */
export class NodeError extends Error {
  constructor(
    message: string,
    readonly options: { code?: string; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'NodeError';
  }
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}
