/**
 * Providers for any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio).
 * Chat: a LangChain model over the lean streaming transport, handing tool calling and
 * `response_format` to ChatOpenAI (providers/lean-chat.ts). Embeddings: LangChain's. Images: the
 * `openai` client directly, because DallEAPIWrapper ignores a custom base URL.
 *
 * This module imports LangChain and the `openai` client as types only: they load on the first
 * model, embedding or image call (providers/openai-models.ts, `import('openai')`), not at start.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Embeddings } from '@langchain/core/embeddings';
import type OpenAI from 'openai';
import type { ChatModelOptions, GeneratedImage, ImageProvider, LlmProvider } from '../contract.js';
import { ChatTransport } from '../llm/openai-transport.js';
import { lazyAsync } from '@flowpress/shared';
import { ModelCache } from './model-cache.js';
import { safeFetch } from '../net/outbound-guard.js';

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_IMAGE_MODEL = 'gpt-image-1';
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';

export interface OpenAISettings {
  /** Local servers often need none; the client still wants a string. */
  apiKey?: string;
  baseURL?: string;
  llmModel?: string;
  imageModel?: string;
  embeddingModel?: string;
  /**
   * FLOWPRESS_ALLOW_PRIVATE_NETWORK, for image URLs a provider answers: they go through the
   * outbound guard like any other URL a node did not choose. Default false.
   */
  allowPrivateNetwork?: boolean;
  /**
   * `lean` (default): plain chat over the lean transport. `langchain`: every chat call through
   * ChatOpenAI and the `openai` client, as before the lean transport — a fallback switch.
   */
  chatTransport?: 'lean' | 'langchain';
}

/** The largest generated image downloaded from a provider-returned URL. */
export const MAX_GENERATED_IMAGE_BYTES = 25 * 1024 * 1024;

const openAIModels = lazyAsync(() => import('./openai-models.js'));
const openAIClient = lazyAsync(() => import('openai'));

export class OpenAILlmProvider implements LlmProvider {
  readonly id = 'openai';
  readonly offline = false;
  readonly defaultModel: string;
  private readonly models = new ModelCache<BaseChatModel>();
  private embeddingModel: Embeddings | undefined;
  private chatTransport: ChatTransport | undefined;

  constructor(private readonly settings: OpenAISettings) {
    this.defaultModel = settings.llmModel || DEFAULT_LLM_MODEL;
  }

  async chatModel(options: ChatModelOptions): Promise<BaseChatModel> {
    const models = await openAIModels();
    // The fallback switch sends every call through ChatOpenAI: load it before building one.
    const lib = this.settings.chatTransport === 'langchain' ? await models.langchainOpenAI() : null;
    return this.models.get(options, this.defaultModel, (resolved) =>
      lib
        ? models.openAIChat(lib, this.settings, resolved)
        : models.leanChatModel(this.settings, resolved, this.transport()),
    );
  }

  private transport(): ChatTransport {
    this.chatTransport ??= new ChatTransport({
      apiKey: this.settings.apiKey || 'none',
      baseURL: this.settings.baseURL,
    });
    return this.chatTransport;
  }

  async embeddings(): Promise<Embeddings> {
    const models = await openAIModels();
    const lib = await models.langchainOpenAI();
    this.embeddingModel ??= models.openAIEmbeddings(lib, this.settings);
    return this.embeddingModel;
  }
}

export class OpenAIImageProvider implements ImageProvider {
  readonly id = 'openai';
  readonly offline = false;
  readonly defaultModel: string;
  private client: OpenAI | undefined;

  constructor(private readonly settings: OpenAISettings) {
    this.defaultModel = settings.imageModel || DEFAULT_IMAGE_MODEL;
  }

  /** The `openai` client, imported and built on the first image request. */
  private async openAI(): Promise<OpenAI> {
    const { default: OpenAIClient } = await openAIClient();
    this.client ??= new OpenAIClient({
      apiKey: this.settings.apiKey || 'none',
      baseURL: this.settings.baseURL,
      maxRetries: 0,
    });
    return this.client;
  }

  async generate(request: {
    prompt: string;
    width: number;
    height: number;
    count: number;
    model?: string;
    signal?: AbortSignal;
  }): Promise<GeneratedImage[]> {
    const client = await this.openAI();
    const model = request.model || this.defaultModel;
    // dall-e-3 makes one image per request; gpt-image-* always answer base64 and refuse the option.
    const perRequest = model.startsWith('dall-e-3') ? 1 : request.count;
    const calls: Promise<OpenAI.Images.ImagesResponse>[] = [];
    for (let made = 0; made < request.count; made += perRequest) {
      calls.push(
        client.images.generate(
          {
            model,
            prompt: request.prompt,
            size: `${request.width}x${request.height}`,
            n: Math.min(perRequest, request.count - made),
            ...(model.startsWith('gpt-image') ? {} : { response_format: 'b64_json' as const }),
          },
          { signal: request.signal },
        ),
      );
    }
    const items = (await Promise.all(calls)).flatMap((response) => response.data ?? []);
    return Promise.all(items.map((item) => this.decode(item, request)));
  }

  /**
   * A URL the provider answered is not trusted: the outbound guard checks it (no loopback,
   * private or metadata address, every redirect hop too) and caps its size. The provider's own
   * origin is the exception — the admin configured it, often a local server.
   */
  private async download(url: string, signal: AbortSignal | undefined): Promise<Buffer> {
    const own = this.settings.baseURL ? originOf(this.settings.baseURL) : null;
    const response = await safeFetch(
      url,
      { method: 'GET', ...(signal ? { signal } : {}) },
      {
        allowPrivateNetwork:
          (this.settings.allowPrivateNetwork ?? false) || (own !== null && originOf(url) === own),
        maxResponseBytes: MAX_GENERATED_IMAGE_BYTES,
        timeoutMs: 60_000,
      },
    ).catch((err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`fetching the generated image failed: ${reason}`, { cause: err });
    });
    if (!response.ok)
      throw new Error(`fetching the generated image failed: HTTP ${response.status}`);
    return response.body;
  }

  private async decode(
    item: OpenAI.Images.Image,
    request: { width: number; height: number; signal?: AbortSignal },
  ): Promise<GeneratedImage> {
    let data: Buffer;
    if (item.b64_json) data = Buffer.from(item.b64_json, 'base64');
    else if (item.url) {
      // Some compatible servers answer a URL even when asked for base64.
      data = await this.download(item.url, request.signal);
    } else throw new Error('the image provider answered no image data');
    const size = pngSize(data);
    return {
      data,
      mimeType: sniffImageType(data),
      width: size?.width ?? request.width,
      height: size?.height ?? request.height,
    };
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Width and height from a PNG's IHDR chunk; null when `data` is not a PNG. */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || sniffImageType(data) !== 'image/png') return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

export function sniffImageType(data: Buffer): string {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'image/jpeg';
  if (
    data.subarray(0, 4).toString('latin1') === 'RIFF' &&
    data.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return 'application/octet-stream';
}
