/**
 * A test guard: while active, any socket to a non-loopback address fails at once (before DNS),
 * so code that would quietly reach the internet (a tokenizer download, telemetry) fails fast
 * instead of hanging, and the attempt is recorded for the test to assert on.
 */
import * as net from 'node:net';

export const OUTBOUND_DENIED_CODE = 'EFLOWPRESS_OUTBOUND_DENIED';

export interface OutboundGuard {
  /** Hosts something tried to reach while the guard was active. */
  readonly attempts: readonly string[];
  restore(): void;
}

let active = false;

export function denyOutboundConnections(): OutboundGuard {
  if (active)
    throw new Error('denyOutboundConnections() is already active: restore() the first guard');
  active = true;
  const attempts: string[] = [];
  const proto = net.Socket.prototype;
  const original = proto.connect;
  // Every client socket (http, https via tls.connect, fetch/undici) goes through Socket#connect.
  proto.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const target = connectTarget(args);
    if (target.path !== undefined || isLoopbackHost(target.host))
      return Reflect.apply(original, this, args) as net.Socket;
    attempts.push(target.host);
    const error = Object.assign(
      new Error(`outbound connection to "${target.host}" denied by the test guard`),
      {
        code: OUTBOUND_DENIED_CODE,
      },
    );
    // Fail the way a refused connection does (an 'error' event), so callers' own handling runs.
    process.nextTick(() => this.destroy(error));
    return this;
  } as typeof original;
  return {
    attempts,
    restore() {
      proto.connect = original;
      active = false;
    },
  };
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** Where a `Socket#connect(...)` call goes, across its call forms (options, port+host, path). */
function connectTarget(args: unknown[]): { host: string; path?: string } {
  // Node's own callers pass their normalized arguments as one array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    if (typeof options.path === 'string' && options.path) return { host: '', path: options.path };
    return { host: typeof options.host === 'string' && options.host ? options.host : 'localhost' };
  }
  if (typeof first === 'string' && Number.isNaN(Number(first))) return { host: '', path: first };
  const host = Array.isArray(args[0]) ? undefined : args[1];
  return { host: typeof host === 'string' && host ? host : 'localhost' };
}
