import type { FastifyInstance } from 'fastify';
import { jsonDepthExceeds, JsonTooDeepError } from './json-depth.js';

/**
 * A body the contract answers with 400 (`toApiError` reads `type`), the same `type` as
 * Express's body-parser used, so the answers did not change with the move to Fastify.
 */
class BodyError extends Error {
  constructor(
    readonly type: 'entity.parse.failed',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/** The first byte that is not JSON whitespace, or -1. */
function firstNonSpace(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return c!;
  }
  return -1;
}

/**
 * JSON bodies with the rules the API has always had (CONTRACT §2): an object or an array
 * (anything else is malformed), an empty body is `{}`, nesting over `maxDepth` is a 400 before
 * parsing, over `limit` bytes a 413. Any other content type is not read at all and the body
 * stays undefined (the route says what it needs) — except multipart, which the upload
 * interceptors parse (@fastify/multipart registers that type itself).
 */
export function registerBodyParsers(
  instance: FastifyInstance,
  options: { limit: number; maxDepth: number },
): void {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: options.limit },
    (_req, body: Buffer, done) => {
      if (body.length === 0) return done(null, {});
      const first = firstNonSpace(body);
      if (first !== 0x7b && first !== 0x5b) {
        return done(
          new BodyError(
            'entity.parse.failed',
            400,
            first === -1 ? 'Unexpected end of JSON input' : 'Expected an object or an array',
          ),
        );
      }
      if (jsonDepthExceeds(body, options.maxDepth))
        return done(new JsonTooDeepError(options.maxDepth));
      try {
        done(null, JSON.parse(body.toString('utf8')) as unknown);
      } catch (err) {
        done(new BodyError('entity.parse.failed', 400, (err as Error).message));
      }
    },
  );
  // Not read: the body stays undefined, as it did under Express for a type it did not parse.
  instance.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
}
