/**
 * Outbound HTTP for nodes (publish targets, image downloads): only http(s), never loopback,
 * private, link-local (cloud metadata), CGNAT, multicast or reserved addresses unless
 * FLOWPRESS_ALLOW_PRIVATE_NETWORK is set; every redirect hop re-checked; the socket pinned to the
 * vetted address; a time limit and a response size cap.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { classifyAddress, ipLiteral } from './address.js';
import {
  createPinnedTransport,
  type HopResponse,
  type ResolvedAddress,
  type Transport,
} from './pinned-transport.js';

export type { HopRequest, HopResponse, ResolvedAddress, Transport } from './pinned-transport.js';

export type OutboundErrorCode =
  | 'invalid_url'
  | 'blocked_scheme'
  | 'blocked_address'
  | 'dns'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'too_large'
  | 'too_many_redirects';

const RETRYABLE_CODES: readonly OutboundErrorCode[] = ['timeout', 'network'];

/** Why an outbound request was refused or failed; `retryable` for timeouts and network errors. */
export class OutboundError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    options: { cause?: unknown; retryable?: boolean } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'OutboundError';
    this.retryable = options.retryable ?? RETRYABLE_CODES.includes(code);
  }
}

/** Resolves a host name to every address it has (tests inject fakes). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface GuardOptions {
  /** FLOWPRESS_ALLOW_PRIVATE_NETWORK: let requests reach loopback and private addresses. */
  allowPrivateNetwork: boolean;
  /** Default: `dns.lookup(host, { all: true })`. */
  resolver?: Resolver;
}

export interface SafeFetchOptions extends GuardOptions {
  /** Whole exchange including redirects and the body; default 30 s. */
  timeoutMs?: number;
  /** Default 10 MiB. */
  maxResponseBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default: undici fetch through an Agent pinned to the vetted addresses. */
  transport?: Transport;
}

export interface SafeRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface SafeResponse {
  /** The final URL after redirects. */
  url: string;
  status: number;
  statusText: string;
  ok: boolean;
  headers: Headers;
  body: Buffer;
  /** Every URL redirected to, in order. */
  redirects: string[];
  text(): string;
  json(): unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
const ALLOW_HINT = 'set FLOWPRESS_ALLOW_PRIVATE_NETWORK=true to allow';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/**
 * Headers that may follow a redirect to another origin. Everything else is dropped: Authorization,
 * cookies, and the target-specific ones (the webhook signature, API keys) a denylist would miss.
 */
const CROSS_ORIGIN_KEPT = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'content-type',
  'content-length',
  'user-agent',
]);

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function parseUrl(input: string | URL): URL {
  try {
    return new URL(String(input));
  } catch (cause) {
    throw new OutboundError('invalid_url', `refused: "${String(input)}" is not a valid URL`, {
      cause,
    });
  }
}

function assertScheme(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError(
      'blocked_scheme',
      `refused: only http and https URLs may be fetched, not ${url.protocol}`,
    );
  }
}

async function resolveHost(
  hostname: string,
  resolver: Resolver,
  signal?: AbortSignal,
): Promise<ResolvedAddress[]> {
  const lookup = resolver(hostname);
  let answers: ResolvedAddress[];
  try {
    answers = signal ? await raceAbort(lookup, signal) : await lookup;
  } catch (cause) {
    if (cause instanceof OutboundError) throw cause;
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
    throw new OutboundError('dns', `could not resolve ${hostname}: ${code}`, {
      cause,
      retryable: code === 'EAI_AGAIN',
    });
  }
  if (answers.length === 0)
    throw new OutboundError('dns', `could not resolve ${hostname}: no addresses`);
  return answers;
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

function abortError(signal: AbortSignal): OutboundError {
  const reason: unknown = signal.reason;
  // Duck-typed: AbortSignal.timeout's DOMException may come from another realm.
  const isTimeout =
    typeof reason === 'object' &&
    reason !== null &&
    (reason as { name?: unknown }).name === 'TimeoutError';
  return isTimeout
    ? new OutboundError('timeout', 'the request timed out', { cause: reason })
    : new OutboundError('aborted', 'the request was canceled', { cause: reason });
}

/**
 * Checks a URL as `safeFetch` would before connecting: scheme, then every address its host
 * resolves to. Returns the vetted addresses (empty for an IP literal). Use it to validate a
 * configured URL at save time.
 */
export async function checkUrl(
  input: string | URL,
  options: GuardOptions & { signal?: AbortSignal },
): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = parseUrl(input);
  assertScheme(url);
  const literal = ipLiteral(url.hostname);
  if (literal) {
    const reason = classifyAddress(literal.address);
    if (reason && !options.allowPrivateNetwork) {
      throw new OutboundError(
        'blocked_address',
        `refused: ${literal.address} is ${reason}; ${ALLOW_HINT}`,
      );
    }
    return { url, addresses: [] };
  }
  const addresses = await resolveHost(
    url.hostname,
    options.resolver ?? systemResolver,
    options.signal,
  );
  if (!options.allowPrivateNetwork) {
    for (const { address } of addresses) {
      const reason = classifyAddress(address);
      if (reason) {
        throw new OutboundError(
          'blocked_address',
          `refused: ${url.hostname} resolves to ${address}, ${reason}; ${ALLOW_HINT}`,
        );
      }
    }
  }
  return { url, addresses };
}

/**
 * `fetch` for untrusted URLs. Follows up to `maxRedirects` redirects itself, re-checking each hop;
 * reads the whole body (capped) and answers with it. Throws `OutboundError`.
 */
export async function safeFetch(
  input: string | URL,
  init: SafeRequestInit,
  options: SafeFetchOptions,
): Promise<SafeResponse> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const pinned = options.transport ? null : createPinnedTransport();
  const transport = options.transport ?? (pinned as NonNullable<typeof pinned>).transport;

  let url = parseUrl(input);
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(init.headers ?? {})) headers[key.toLowerCase()] = value;
  const redirects: string[] = [];

  try {
    for (let hop = 0; ; hop += 1) {
      const { addresses } = await checkUrl(url, { ...options, signal }).catch((err: unknown) => {
        throw describeFailure(err, url, timeoutMs);
      });
      let response: HopResponse;
      try {
        response = await transport({ url, method, headers, body, signal, pinned: addresses });
      } catch (err) {
        throw describeFailure(signal.aborted ? abortError(signal) : err, url, timeoutMs);
      }
      const location = response.headers.get('location');
      if (REDIRECT_STATUSES.has(response.status) && location) {
        await response.body?.cancel().catch(() => undefined);
        if (hop >= maxRedirects) {
          throw new OutboundError(
            'too_many_redirects',
            `refused: more than ${maxRedirects} redirects from ${String(input)}`,
          );
        }
        const next = parseUrl(new URL(location, url).href);
        if (
          response.status === 303 ||
          ((response.status === 301 || response.status === 302) && method === 'POST')
        ) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          delete headers['content-type'];
          delete headers['content-length'];
        }
        if (next.origin !== url.origin) {
          for (const name of Object.keys(headers))
            if (!CROSS_ORIGIN_KEPT.has(name)) delete headers[name];
        }
        redirects.push(next.href);
        url = next;
        continue;
      }
      const buffer = await readCapped(response, maxBytes, url).catch((err: unknown) => {
        throw describeFailure(signal.aborted ? abortError(signal) : err, url, timeoutMs);
      });
      return toSafeResponse(url, response, buffer, redirects);
    }
  } finally {
    await pinned?.close();
  }
}

async function readCapped(response: HopResponse, maxBytes: number, url: URL): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(url, maxBytes);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  reader.releaseLock();
  return Buffer.concat(chunks, total);
}

function tooLarge(url: URL, maxBytes: number): OutboundError {
  return new OutboundError(
    'too_large',
    `refused: the response from ${url.host} is larger than ${maxBytes} bytes`,
  );
}

/** Gives low-level failures a message that names the host and what went wrong. */
function describeFailure(err: unknown, url: URL, timeoutMs: number): OutboundError {
  if (err instanceof OutboundError) {
    if (err.code === 'timeout') {
      return new OutboundError(
        'timeout',
        `request to ${url.host} timed out after ${timeoutMs} ms`,
        { cause: err },
      );
    }
    if (err.code === 'aborted') {
      return new OutboundError('aborted', `request to ${url.host} was canceled`, { cause: err });
    }
    return err;
  }
  const cause = err instanceof Error ? (err.cause ?? err) : err;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = code ?? (cause instanceof Error ? cause.message : String(cause));
  if (code === 'EFLOWPRESSUNVETTED') {
    return new OutboundError('blocked_address', (cause as Error).message, { cause: err });
  }
  return new OutboundError('network', `could not reach ${url.host}: ${detail}`, { cause: err });
}

function toSafeResponse(
  url: URL,
  response: HopResponse,
  body: Buffer,
  redirects: string[],
): SafeResponse {
  const headers = new Headers();
  response.headers.forEach((value, key) => headers.append(key, value));
  return {
    url: url.href,
    status: response.status,
    statusText: response.statusText,
    ok: response.status >= 200 && response.status < 300,
    headers,
    body,
    redirects,
    text: () => body.toString('utf8'),
    json: () => JSON.parse(body.toString('utf8')) as unknown,
  };
}
