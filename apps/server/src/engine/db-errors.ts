/**
 * What a database error means for a run. Transient errors (the connection went away, a
 * serialization conflict, the server shutting down) are worth trying again later; permanent
 * ones (data the database refuses, a broken constraint) fail the same way every time, so
 * retrying them only spends money on model calls.
 */
export type DbErrorKind = 'transient' | 'permanent' | 'unknown';

const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

export function classifyDbError(error: unknown): DbErrorKind {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    if (TRANSIENT_NODE_CODES.has(code)) return 'transient';
    if (/^(08|53|57P0)/.test(code) || code === '40001' || code === '40P01') return 'transient';
    if (/^(22|23)/.test(code)) return 'permanent';
  }
  const message = error instanceof Error ? error.message : String(error);
  // pg reports a dropped socket without a SQLSTATE.
  if (
    /Connection terminated|connection (is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
      message,
    )
  ) {
    return 'transient';
  }
  return 'unknown';
}

/** The lease on a run moved to another worker: this pass must stop writing (fencing). */
export class LeaseLostError extends Error {
  constructor(runId: string) {
    super(
      `run ${runId}: another worker took over the run's lease; this pass stops without writing`,
    );
  }
}

/** U+0000 cannot be stored in Postgres text or jsonb; it carries no meaning in content, so it goes. */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/**
 * JSON for a jsonb parameter, with U+0000 stripped from every string (keys included). Encoded
 * once plainly first: JSON.stringify writes U+0000 as the escape `\u0000`, so output without that
 * text had none (a literal backslash-u-0000 in the data is written `\\u0000` and only costs the
 * second, stripping encoding). A replacer function takes V8 off its fast path on every value, and
 * nearly every value written has no NUL; it runs for the few that do.
 */
export function jsonForDb(value: unknown): string {
  const plain = JSON.stringify(value);
  // `undefined` (and functions) encode to no JSON at all: let the stripping path answer the same.
  if (plain !== undefined && !plain.includes('\\u0000')) return plain;
  return JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (typeof v === 'string') return withoutNul(v);
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      Object.keys(v).some((k) => k.includes('\u0000'))
    ) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [withoutNul(k), inner]));
    }
    return v;
  });
}
