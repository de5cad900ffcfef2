/**
 * The default transport of `safeFetch`: undici's fetch through an Agent whose `connect.lookup`
 * answers only with addresses the guard vetted for that host, so a DNS answer that changes between
 * the check and the connection (DNS rebinding) cannot redirect the socket anywhere else.
 */
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { Agent } from 'undici';

// undici (~110 files) is imported on the first outbound request, not when the server starts.
let undici: Promise<typeof import('undici')> | undefined;
const loadUndici = (): Promise<typeof import('undici')> => (undici ??= import('undici'));

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** One HTTP exchange, as much of a fetch Response as the guard reads. */
export interface HopResponse {
  status: number;
  statusText: string;
  headers: {
    get(name: string): string | null;
    forEach(callback: (value: string, key: string) => void): void;
  };
  body: {
    getReader(): {
      read(): Promise<{ done: boolean; value?: Uint8Array }>;
      cancel(reason?: unknown): Promise<void>;
      releaseLock(): void;
    };
    cancel(reason?: unknown): Promise<void>;
  } | null;
}

export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  signal: AbortSignal;
  /** The vetted addresses the connection must use (empty for an IP literal host). */
  pinned: ResolvedAddress[];
}

/** Performs one request without following redirects. Tests inject fakes through this seam. */
export type Transport = (request: HopRequest) => Promise<HopResponse>;

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

export interface PinnedTransport {
  transport: Transport;
  close(): Promise<void>;
}

/** A transport with its own Agent; `close()` it when the exchange (including the body) is done. */
export function createPinnedTransport(): PinnedTransport {
  const pins = new Map<string, ResolvedAddress[]>();

  const lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const vetted = pins.get(hostname.toLowerCase());
    if (!vetted || vetted.length === 0) {
      const err: NodeJS.ErrnoException = new Error(
        `refused: ${hostname} was not vetted by the outbound guard`,
      );
      err.code = 'EFLOWPRESSUNVETTED';
      callback(err, '');
      return;
    }
    const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
    const candidates = wanted ? vetted.filter((a) => a.family === wanted) : vetted;
    const list = candidates.length > 0 ? candidates : vetted;
    if (options.all) {
      callback(
        null,
        list.map((a) => ({ address: a.address, family: a.family })),
      );
      return;
    }
    const first = list[0] as ResolvedAddress;
    callback(null, first.address, first.family);
  };

  let agent: Agent | undefined;

  const transport: Transport = async (request) => {
    if (request.pinned.length > 0) pins.set(request.url.hostname.toLowerCase(), request.pinned);
    const { Agent, fetch: undiciFetch } = await loadUndici();
    agent ??= new Agent({ connect: { lookup } });
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: request.signal,
      dispatcher: agent,
    });
    return response as HopResponse;
  };

  return {
    transport,
    close: async () => {
      // No request made → no Agent to close.
      const used = agent;
      if (used) await used.close().catch(() => used.destroy());
    },
  };
}
