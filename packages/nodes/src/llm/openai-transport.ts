/**
 * A lean streaming client for OpenAI-compatible chat completions on `node:http`/`node:https`,
 * with its own SSE parsing. It yields one batch per network read — the tokens that arrived
 * together — because everything above it (LangChain, the engine, the sockets) costs per chunk.
 *
 * It never retries: failures are thrown in the shapes `classifyError` reads (an HTTP status with
 * the response headers for Retry-After, Node's network error codes, a `TimeoutError`), so the
 * engine's one retry policy applies exactly as it does to the `openai` client's errors.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { NodeError } from '../contract.js';
import { isRecord } from '../util/zod-issues.js';
import { SseReader } from './sse.js';

/** The `openai` client's default; a streamed answer may legitimately take minutes. */
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Error bodies are short; a proxy's HTML page is not worth reading whole. */
const MAX_ERROR_BODY = 64 * 1024;

export interface ChatTransportOptions {
  baseURL?: string;
  apiKey: string;
  /** Longest wait for the answer to start and longest silence between reads; default 10 min. */
  timeoutMs?: number;
}

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/** What one network read carried: the text of its content deltas and any metadata. */
export interface CompletionBatch {
  text: string;
  model?: string;
  id?: string;
  finishReason?: string;
  usage?: CompletionUsage;
}

export type CompletionRequest = Record<string, unknown> & { model: string; messages: unknown[] };

/** A non-2xx answer, shaped like the `openai` client's APIError for `classifyError`. */
export class ProviderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderHttpError';
  }
}

export class ChatTransport {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly timeoutMs: number;
  private readonly authorization: string;

  constructor(options: ChatTransportOptions) {
    const base = (options.baseURL || DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.url = new URL(`${base}/chat/completions`);
    const secure = this.url.protocol === 'https:';
    // Keep-alive: a new TCP (and TLS) handshake per call costs more than the whole parse. Idle
    // sockets close after 4 s, before servers' usual 5 s keep-alive timeout closes them first.
    const pool = { keepAlive: true, maxSockets: 64, timeout: 4000 };
    this.agent = secure ? new https.Agent(pool) : new http.Agent(pool);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.authorization = `Bearer ${options.apiKey}`;
  }

  /** Sockets in use and idle, for tests that check an abort really ended the request. */
  get openSockets(): number {
    const count = (m: NodeJS.ReadOnlyDict<unknown[]>) =>
      Object.values(m).reduce((n, list) => n + (list?.length ?? 0), 0);
    return count(this.agent.sockets) + count(this.agent.freeSockets);
  }

  /** Ends the keep-alive pool (idle sockets and any request still running). */
  close(): void {
    this.agent.destroy();
  }

  /** Streams one completion; `stream` and `stream_options.include_usage` are set here. */
  async *stream(body: CompletionRequest, signal?: AbortSignal): AsyncGenerator<CompletionBatch> {
    signal?.throwIfAborted();
    const payload = JSON.stringify({
      ...body,
      stream: true,
      stream_options: { include_usage: true },
    });
    const response = await this.send(payload, signal).catch((err: unknown) => {
      // A pooled socket the server closed while idle fails at once with ECONNRESET: nothing
      // reached the provider, so one more try on a fresh socket is safe (as Node's docs advise).
      if (!isStaleSocket(err)) throw err;
      return this.send(payload, signal);
    });
    response.setEncoding('utf8'); // decodes UTF-8 sequences split across reads correctly
    const reader = new SseReader();
    let done = false;
    let finished = false;
    try {
      for await (const text of response as AsyncIterable<string>) {
        if (done) continue; // bytes after [DONE] are not part of the answer
        const batch: CompletionBatch = { text: '' };
        let meaningful = false;
        for (const data of reader.push(text)) {
          if (data === '[DONE]') {
            done = true;
            break;
          }
          meaningful = readChunk(parseEvent(data), batch) || meaningful;
        }
        if (batch.finishReason) finished = true;
        if (meaningful) yield batch;
      }
    } finally {
      // A consumer that stops early (abort, break) must not leave the request running.
      if (!response.complete) response.destroy();
    }
    if (!done && !finished) {
      throw new NodeError(
        reader.midEvent
          ? 'the provider closed the stream in the middle of an event'
          : 'the provider ended the stream before the answer finished',
        { code: 'provider_error', retryable: true },
      );
    }
  }

  private send(payload: string, signal?: AbortSignal): Promise<http.IncomingMessage> {
    const request = this.url.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(this.url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          authorization: this.authorization,
          'content-type': 'application/json',
          accept: 'text/event-stream',
          'content-length': Buffer.byteLength(payload),
        },
        signal,
      });
      // The socket's idle timer: covers the wait for headers and a stall between reads.
      req.setTimeout(this.timeoutMs, () => {
        const err = new Error(`no answer for ${Math.round(this.timeoutMs / 1000)} s`);
        err.name = 'TimeoutError';
        req.destroy(err);
      });
      // `on`, not `once`: a socket can fail again after the answer began; reject() ignores it.
      req.on('error', (err) => {
        if (signal?.aborted) return reject(abortError(signal));
        if (req.reusedSocket && !answered && (err as NodeJS.ErrnoException).code === 'ECONNRESET')
          Object.assign(err, { [STALE]: true });
        reject(err);
      });
      let answered = false;
      req.once('response', (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(res);
        readError(res, status).then(reject, reject);
      });
      req.end(payload);
    });
  }
}

const STALE = Symbol('stale pooled socket');

function isStaleSocket(err: unknown): boolean {
  return typeof err === 'object' && err !== null && STALE in err;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

async function readError(res: http.IncomingMessage, status: number): Promise<never> {
  let raw = '';
  res.setEncoding('utf8');
  for await (const text of res as AsyncIterable<string>) {
    if (raw.length < MAX_ERROR_BODY) raw += text;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  throw new ProviderHttpError(status, headers, errorMessage(raw, status));
}

/** The provider's own words (`{ error: { message } }`), else the start of the body. */
function errorMessage(raw: string, status: number): string {
  try {
    const parsed: unknown = JSON.parse(raw);
    const error = isRecord(parsed) ? parsed['error'] : undefined;
    if (isRecord(error) && typeof error['message'] === 'string') return error['message'];
    if (typeof error === 'string') return error;
  } catch {
    // not JSON: fall through to the text
  }
  const text = raw.trim().slice(0, 200);
  return text ? `HTTP ${status}: ${text}` : `HTTP ${status}`;
}

function parseEvent(data: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) {
    const preview = data.length > 120 ? `${data.slice(0, 120)}…` : data;
    throw new NodeError(
      `the provider sent a malformed stream event (not a JSON object): ${JSON.stringify(preview)}`,
      { code: 'malformed_stream' },
    );
  }
  const error = parsed['error'];
  if (error !== undefined && error !== null) {
    const message =
      isRecord(error) && typeof error['message'] === 'string'
        ? error['message']
        : JSON.stringify(error);
    throw new NodeError(`the provider failed mid-stream: ${message}`, {
      code: 'provider_error',
      retryable: true,
    });
  }
  return parsed;
}

/** Adds one chunk to the read's batch; true when it carried text, usage or an ending. */
function readChunk(chunk: Record<string, unknown>, batch: CompletionBatch): boolean {
  let meaningful = false;
  if (typeof chunk['model'] === 'string' && chunk['model']) batch.model = chunk['model'];
  if (typeof chunk['id'] === 'string') batch.id = chunk['id'];
  const choices = chunk['choices'];
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  if (isRecord(choice)) {
    const delta = choice['delta'];
    const content = isRecord(delta) ? delta['content'] : undefined;
    if (typeof content === 'string' && content) {
      batch.text += content;
      meaningful = true;
    }
    const finish = choice['finish_reason'];
    if (typeof finish === 'string' && finish) {
      batch.finishReason = finish;
      meaningful = true;
    }
  }
  const usage = chunk['usage'];
  if (isRecord(usage) && typeof usage['prompt_tokens'] === 'number') {
    batch.usage = usage as unknown as CompletionUsage;
    meaningful = true;
  }
  return meaningful;
}
