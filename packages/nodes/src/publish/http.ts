/**
 * Every publish request goes through here: the outbound guard, then a status check that turns
 * failures into NodeErrors a user can act on (retryable for 5xx/408/429/timeouts, not for 4xx).
 */
import { NodeError } from '../contract.js';
import { OutboundError, safeFetch, type SafeResponse } from '../net/outbound-guard.js';
import { isRetryableStatus, parseRetryAfter, type RetryOptions } from '../net/retry.js';
import type { PublishDeps } from './types.js';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Who answers, for messages: "WordPress", "the webhook". */
  what: string;
  /** Non-2xx statuses the caller handles itself (e.g. 404 on a lookup). */
  accept?: number[];
  maxResponseBytes?: number;
}

const SNIPPET_CHARS = 300;

/** The most useful short text of an error body: its JSON `message`, else the text, cut. */
export function bodySnippet(text: string): string {
  let snippet = text;
  try {
    const parsed: unknown = JSON.parse(text);
    const message = findMessage(parsed);
    if (message) snippet = message;
  } catch {
    // not JSON: use the text
  }
  snippet = snippet.replace(/\s+/g, ' ').trim();
  return snippet.length > SNIPPET_CHARS ? `${snippet.slice(0, SNIPPET_CHARS)}…` : snippet;
}

function findMessage(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.message === 'string') {
    return typeof record.code === 'string' ? `${record.message} (${record.code})` : record.message;
  }
  // Ghost: { errors: [{ message, context }] }
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const first = record.errors[0] as Record<string, unknown> | undefined;
    if (first && typeof first.message === 'string') {
      return typeof first.context === 'string' && first.context
        ? `${first.message}: ${first.context}`
        : first.message;
    }
  }
  if (typeof record.error === 'string') return record.error;
  return undefined;
}

/** Maps a guard or network failure to a NodeError naming the target. */
export function toNodeError(err: unknown, what: string): NodeError {
  if (err instanceof NodeError) return err;
  if (err instanceof OutboundError) {
    return new NodeError(`${what}: ${err.message}`, {
      code: `outbound_${err.code}`,
      retryable: err.retryable,
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new NodeError(`${what}: ${message}`, { code: 'publish_failed', cause: err });
}

/** Sends one request through the outbound guard; throws a NodeError on a failing status. */
export async function send(deps: PublishDeps, call: HttpCall): Promise<SafeResponse> {
  let response: SafeResponse;
  try {
    response = await safeFetch(
      call.url,
      { method: call.method, headers: call.headers, body: call.body, signal: deps.signal },
      {
        allowPrivateNetwork: deps.allowPrivateNetwork,
        timeoutMs: deps.timeoutMs,
        maxResponseBytes: call.maxResponseBytes ?? 5 * 1024 * 1024,
        resolver: deps.resolver,
        transport: deps.transport,
      },
    );
  } catch (err) {
    throw toNodeError(err, call.what);
  }
  if (response.ok || call.accept?.includes(response.status)) return response;
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const snippet = bodySnippet(response.text());
  const retryable = isRetryableStatus(response.status);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const hint = response.status === 401 || response.status === 403 ? ' — check the credential' : '';
  const error = new NodeError(
    `${call.what} answered ${status}${snippet ? `: ${snippet}` : ''}${hint}`,
    {
      code: `http_${response.status}`,
      retryable,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
  throw error;
}

/** Parses a JSON answer, failing clearly when the target answered something else. */
export function readJson(response: SafeResponse, what: string): unknown {
  try {
    return response.json();
  } catch (cause) {
    throw new NodeError(
      `${what} answered ${response.status} with a body that is not JSON: ${bodySnippet(response.text())}`,
      {
        code: 'bad_response',
        cause,
      },
    );
  }
}

/** Reads a field of a JSON object answer; `undefined` when the answer is not an object. */
export function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The adapters' retry settings: the deps' tuning plus the node's abort signal. */
export function retryOptions(deps: PublishDeps): RetryOptions {
  return {
    retries: 3,
    minDelayMs: 500,
    maxDelayMs: 8_000,
    maxRetryAfterMs: 30_000,
    ...deps.retry,
    signal: deps.signal,
    onRetry: (info) => {
      deps.retry?.onRetry?.(info);
      const reason = info.error instanceof Error ? info.error.message : String(info.error);
      deps.log?.(`attempt ${info.attempt} failed (${reason}); retrying in ${info.delayMs} ms`);
    },
  };
}
