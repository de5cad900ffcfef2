/**
 * A small OpenAI-compatible server for tests (node:http only, 127.0.0.1, a free port): chat
 * completions (plain and streamed), embeddings, image generations and the model list. Failures
 * and replies can be scripted and are consumed in order, one per POST.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  asChatRequest,
  chatChunks,
  chatCompletion,
  defaultReply,
  embeddingsResponse,
  errorBody,
  imagesResponse,
  type ChatRequestBody,
} from './mock-openai-protocol.js';

export type MockStep =
  /** Answer this HTTP error; `retryAfter` (seconds) sets the Retry-After header. */
  | { status: number; retryAfter?: number; message?: string }
  /** Never answer (until the server closes): for timeouts and aborts. */
  | { hang: true }
  /** Chat: answer this text. */
  | { reply: string }
  /** Chat: answer this value as JSON text (structured output). */
  | { json: unknown };

export interface MockOpenAIOptions {
  /** The chat reply for a request; default echoes the first words of the last user message. */
  reply?: (request: ChatRequestBody) => string;
  /** Pause before each streamed token; default 0. */
  tokenDelayMs?: number;
  /** Pause before answering a chat request (the model's time to first byte); default 0. */
  latencyMs?: number;
  /**
   * Called right after each streamed content token is written to the socket, with the clock the
   * caller can compare against (`performance.now()`): the benchmark's write → `node.token` latency.
   */
  onTokenWrite?: (write: TokenWrite) => void;
  embeddingDimensions?: number;
  /** When set, only `Bearer <apiKey>` is accepted; otherwise any bearer token is. */
  apiKey?: string;
}

export interface TokenWrite {
  /** The completion id (`chatcmpl-mock-<n>`). */
  completionId: string;
  /** Character offset of `text` in the reply. */
  offset: number;
  text: string;
  /** `performance.now()` just after the write. */
  at: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface MockOpenAI {
  /** Base URL including `/v1`, ready for `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  /** Queues steps, consumed in order by the next POSTs. */
  script(...steps: MockStep[]): void;
  /** Changes options for the requests that follow (one mock can play several model speeds). */
  configure(patch: Partial<MockOpenAIOptions>): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function startMockOpenAI(initial: MockOpenAIOptions = {}): Promise<MockOpenAI> {
  // A copy: configure() must not change the object the caller passed.
  const options: MockOpenAIOptions = { ...initial };
  const requests: RecordedRequest[] = [];
  const steps: MockStep[] = [];
  let counter = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, `mock failure: ${String(err)}`));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const raw = await readBody(req);
    let body: unknown = undefined;
    if (raw) {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        return sendJson(
          res,
          400,
          errorBody(400, 'We could not parse the JSON body of your request.'),
        );
      }
    }
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? 'GET', path, body, authorization });

    const token = /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];
    if (!token)
      return sendJson(
        res,
        401,
        errorBody(401, "You didn't provide an API key (Authorization: Bearer)."),
      );
    if (options.apiKey !== undefined && token !== options.apiKey)
      return sendJson(res, 401, errorBody(401, 'Incorrect API key provided.'));

    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: [{ id: 'mock-gpt', object: 'model', created: 0, owned_by: 'flowpress' }],
      });
    }
    if (req.method !== 'POST')
      return sendJson(res, 404, errorBody(404, `no route ${req.method} ${path}`));

    const step = steps.shift();
    if (step && 'hang' in step) return; // the socket stays open until close()
    if (step && 'status' in step) {
      const headers: Record<string, string> =
        step.retryAfter !== undefined ? { 'retry-after': String(step.retryAfter) } : {};
      return sendJson(
        res,
        step.status,
        errorBody(step.status, step.message ?? `mock HTTP ${step.status}`),
        headers,
      );
    }

    switch (path) {
      case '/v1/chat/completions': {
        const request = asChatRequest(body);
        if (!request)
          return sendJson(res, 400, errorBody(400, "'model' and 'messages' are required"));
        const reply =
          step && 'json' in step
            ? JSON.stringify(step.json)
            : step && 'reply' in step
              ? step.reply
              : (options.reply ?? defaultReply)(request);
        const id = `chatcmpl-mock-${++counter}`;
        if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
        if (request.stream) return streamChat(req, res, chatChunks(id, request, reply));
        return sendJson(res, 200, chatCompletion(id, request, reply));
      }
      case '/v1/embeddings':
        return sendJson(res, 200, embeddingsResponse(body, options.embeddingDimensions ?? 8));
      case '/v1/images/generations':
        return sendJson(res, 200, imagesResponse(body));
      default:
        return sendJson(res, 404, errorBody(404, `no route POST ${path}`));
    }
  }

  async function streamChat(
    req: IncomingMessage,
    res: ServerResponse,
    chunks: Record<string, unknown>[],
  ): Promise<void> {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    let gone = false;
    req.on('close', () => (gone = true));
    let offset = 0;
    for (const chunk of chunks) {
      if (gone) return;
      if (options.tokenDelayMs) await new Promise((r) => setTimeout(r, options.tokenDelayMs));
      res.write(`data: ${JSON.stringify(chunk)}\n\n`);
      const text = contentOf(chunk);
      if (text && options.onTokenWrite) {
        options.onTokenWrite({
          completionId: String(chunk['id']),
          offset,
          text,
          at: performance.now(),
        });
      }
      offset += text.length;
    }
    res.end('data: [DONE]\n\n');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...more) {
      steps.push(...more);
    },
    configure(patch) {
      // `options` is read on every request, so the change applies from the next one.
      Object.assign(options, patch);
    },
    async close() {
      // Hanging requests keep sockets open; end them so close() returns.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The content token a streamed chunk carries ('' for the role, stop and usage chunks). */
function contentOf(chunk: Record<string, unknown>): string {
  const choices = chunk['choices'] as { delta?: { content?: unknown } }[] | undefined;
  const content = choices?.[0]?.delta?.content;
  return typeof content === 'string' ? content : '';
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
