/**
 * The answers of the mock OpenAI server, shaped exactly like the real API's (chat completions,
 * SSE chunks, embeddings, images), so the real clients parse them unchanged.
 */
import { PNG } from 'pngjs';
import { hash32 } from '../util/hash.js';
import { isRecord } from '../util/zod-issues.js';

export interface ChatMessageBody {
  role: string;
  content: unknown;
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessageBody[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  [key: string]: unknown;
}

export interface ChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function asChatRequest(body: unknown): ChatRequestBody | null {
  if (!isRecord(body) || typeof body['model'] !== 'string' || !Array.isArray(body['messages']))
    return null;
  return body as ChatRequestBody;
}

/** A message's text, whether content is a string or a list of parts. */
export function messageText(message: ChatMessageBody | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
      .join('');
  }
  return '';
}

/** Default reply: echoes the first words of the last user message, deterministically. */
export function defaultReply(request: ChatRequestBody): string {
  const lastUser = [...request.messages].reverse().find((m) => m.role === 'user');
  const words = messageText(lastUser).split(/\s+/).filter(Boolean).slice(0, 8);
  return `Mock reply: ${words.join(' ')}`;
}

/** Word pieces with trailing whitespace: they concatenate back to `text`. */
export function tokenise(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
}

export function chatUsage(request: ChatRequestBody, reply: string): ChatUsage {
  const prompt = request.messages.reduce((n, m) => n + tokenise(messageText(m)).length + 3, 0);
  const completion = tokenise(reply).length;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
  };
}

export function chatCompletion(
  id: string,
  request: ChatRequestBody,
  reply: string,
): Record<string, unknown> {
  return {
    id,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_flowpress_mock',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: reply, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: chatUsage(request, reply),
  };
}

/**
 * The SSE `data:` payloads of a streamed completion, per the real protocol: a role chunk, content
 * chunks, a final chunk with `finish_reason`, then (with `stream_options.include_usage`) a chunk
 * with `choices: []` and the usage. The caller writes `data: [DONE]` last.
 */
export function chatChunks(
  id: string,
  request: ChatRequestBody,
  reply: string,
): Record<string, unknown>[] {
  const includeUsage = request.stream_options?.include_usage === true;
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: 'fp_flowpress_mock',
    ...(includeUsage ? { usage: null } : {}),
  };
  const choice = (delta: Record<string, unknown>, finish: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const chunks: Record<string, unknown>[] = [
    choice({ role: 'assistant', content: '', refusal: null }, null),
  ];
  for (const token of tokenise(reply)) chunks.push(choice({ content: token }, null));
  chunks.push(choice({}, 'stop'));
  if (includeUsage) chunks.push({ ...base, choices: [], usage: chatUsage(request, reply) });
  return chunks;
}

/** Deterministic unit vectors; base64 float32 when asked (the openai client asks by default). */
export function embeddingsResponse(body: unknown, dimensions: number): Record<string, unknown> {
  const record = isRecord(body) ? body : {};
  const raw = record['input'];
  const inputs = Array.isArray(raw)
    ? raw.map((x) => (typeof x === 'string' ? x : JSON.stringify(x)))
    : [String(raw ?? '')];
  const base64 = record['encoding_format'] === 'base64';
  const data = inputs.map((input, index) => {
    const vector = Array.from(
      { length: dimensions },
      (_, i) => ((hash32(`${input}#${i}`) % 2000) - 1000) / 1000,
    );
    const norm = Math.hypot(...vector) || 1;
    const unit = vector.map((v) => v / norm);
    const embedding = base64 ? Buffer.from(new Float32Array(unit).buffer).toString('base64') : unit;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((n, s) => n + tokenise(s).length, 0);
  return {
    object: 'list',
    data,
    model: String(record['model'] ?? 'mock-embedding'),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** `n` solid-colour PNGs of the requested size, as base64. */
export function imagesResponse(body: unknown): Record<string, unknown> {
  const record = isRecord(body) ? body : {};
  const n = typeof record['n'] === 'number' ? Math.max(1, Math.min(10, record['n'])) : 1;
  const match = /^(\d+)x(\d+)$/.exec(String(record['size'] ?? '1024x1024'));
  const width = Math.min(Number(match?.[1] ?? 1024), 4096);
  const height = Math.min(Number(match?.[2] ?? 1024), 4096);
  const prompt = String(record['prompt'] ?? '');
  const data = Array.from({ length: n }, (_, i) => ({
    b64_json: solidPng(width, height, hash32(`${prompt}#${i}`)).toString('base64'),
  }));
  return { created: Math.floor(Date.now() / 1000), data };
}

function solidPng(width: number, height: number, colour: number): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = colour & 0xff;
    png.data[i + 1] = (colour >>> 8) & 0xff;
    png.data[i + 2] = (colour >>> 16) & 0xff;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png, { filterType: 2 });
}

export function errorBody(status: number, message: string): Record<string, unknown> {
  const type =
    status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_api_key' : null;
  return { error: { message, type, param: null, code } };
}
