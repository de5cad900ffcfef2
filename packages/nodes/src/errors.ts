/**
 * Turns anything a node threw into what the engine needs: a message a user can act on, whether a
 * retry may help, and how long to wait. Reads the openai client's errors (also when LangChain
 * wrapped them) and Node's network errors by shape, so a second copy of a library still works.
 */
import { NodeError } from './contract.js';
import { isRecord } from './util/zod-issues.js';

export interface ClassifiedError {
  message: string;
  code?: string;
  retryable: boolean;
  retryAfterMs?: number;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
]);
/** The longest Retry-After we honour; beyond it the engine's own backoff decides. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

export function classifyError(err: unknown): ClassifiedError {
  if (err instanceof NodeError) {
    const out: ClassifiedError = { message: err.message, retryable: err.retryable };
    if (err.options.code) out.code = err.options.code;
    if (err.options.retryAfterMs !== undefined) out.retryAfterMs = err.options.retryAfterMs;
    return out;
  }
  // By shape, not instanceof: errors may come from another realm (Jest's VM) or library copy.
  const e: Record<string, unknown> = isRecord(err) ? err : {};
  const message =
    typeof e['message'] === 'string' && e['message']
      ? e['message']
      : typeof err === 'string'
        ? err
        : 'unknown error';
  const name = typeof e['name'] === 'string' ? e['name'] : '';
  const ctor = isRecord(err) ? ((err as object).constructor?.name ?? '') : '';

  if (name === 'AbortError' || ctor === 'APIUserAbortError') {
    return { message: 'the run was canceled', code: 'aborted', retryable: false };
  }
  if (name === 'TimeoutError' || ctor === 'APIConnectionTimeoutError') {
    return { message: `the provider timed out: ${message}`, code: 'timeout', retryable: true };
  }
  const status = typeof e['status'] === 'number' ? e['status'] : undefined;
  if (status !== undefined) return classifyStatus(status, message, e['headers']);
  if (ctor === 'APIConnectionError' || hasNetworkCode(err)) {
    return {
      message: `could not reach the provider: ${message}`,
      code: 'connection_error',
      retryable: true,
    };
  }
  return { message, retryable: false };
}

function classifyStatus(status: number, message: string, headers: unknown): ClassifiedError {
  if (status === 429) {
    const out: ClassifiedError = {
      message: `rate limited by the provider: ${message}`,
      code: 'rate_limited',
      retryable: true,
    };
    const after = retryAfterMs(headers);
    if (after !== undefined) out.retryAfterMs = after;
    return out;
  }
  if (status === 408 || status >= 500) {
    const out: ClassifiedError = {
      message: `the provider failed (HTTP ${status}): ${message}`,
      code: 'provider_error',
      retryable: true,
    };
    const after = retryAfterMs(headers);
    if (after !== undefined) out.retryAfterMs = after;
    return out;
  }
  const code =
    status === 401 || status === 403
      ? 'unauthorized'
      : status === 404
        ? 'not_found'
        : 'invalid_request';
  return {
    message: `the provider refused the request (HTTP ${status}): ${message}`,
    code,
    retryable: false,
  };
}

/** `retry-after-ms`, else `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(headers: unknown): number | undefined {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    if (isRecord(headers)) {
      const v = headers[name];
      return typeof v === 'string' ? v : undefined;
    }
    return undefined;
  };
  const ms = Number(read('retry-after-ms'));
  if (read('retry-after-ms') !== undefined && Number.isFinite(ms) && ms >= 0)
    return Math.min(ms, MAX_RETRY_AFTER_MS);
  const raw = read('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(raw);
  return Number.isNaN(date)
    ? undefined
    : Math.min(Math.max(0, date - Date.now()), MAX_RETRY_AFTER_MS);
}

function hasNetworkCode(err: unknown, depth = 0): boolean {
  if (!isRecord(err)) return false;
  const e = err;
  if (typeof e['code'] === 'string' && NETWORK_CODES.has(e['code'])) return true;
  // fetch wraps the socket error: `TypeError: fetch failed` with the real one as `cause`.
  return depth < 4 && e['cause'] !== undefined && hasNetworkCode(e['cause'], depth + 1);
}
