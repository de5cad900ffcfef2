import { HttpStatus } from '@nestjs/common';

/**
 * Deeply nested JSON (thousands of `[`) parses, then overflows the stack further in (validation,
 * stringify, jsonb) as a 500. This scan runs on the raw body before `JSON.parse` — linear, no
 * allocation — and refuses anything nested deeper than the limit with a 400 that says so.
 */
export class JsonTooDeepError extends Error {
  readonly status = HttpStatus.BAD_REQUEST;
  readonly type = 'entity.too.deep';

  constructor(readonly limit: number) {
    super(
      `JSON in request body is nested more than ${limit} levels deep (FLOWPRESS_MAX_JSON_DEPTH); flatten it`,
    );
    this.name = 'JsonTooDeepError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/** The deepest nesting of objects/arrays in `buf`, stopping early once past `limit`. */
export function jsonDepthExceeds(buf: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}
