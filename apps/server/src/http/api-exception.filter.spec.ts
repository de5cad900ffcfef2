import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { ApiException, RateLimited, ValidationFailed } from './api-error.js';
import { formatBytes, toApiError } from './api-exception.filter.js';

describe('toApiError', () => {
  it('keeps the status and message of HTTP exceptions, in the contract shape', () => {
    expect(toApiError(new NotFoundException('Cannot GET /api/x'))).toEqual({
      statusCode: 404,
      message: 'Cannot GET /api/x',
    });
    expect(toApiError(new BadRequestException(['a is wrong', 'b is wrong']))).toEqual({
      statusCode: 400,
      message: 'a is wrong; b is wrong',
    });
    expect(toApiError(new ApiException(409, 'Taken'))).toEqual({
      statusCode: 409,
      message: 'Taken',
    });
    expect(toApiError(new RateLimited(12))).toEqual({
      statusCode: 429,
      message: expect.any(String),
    });
  });

  it('carries issues', () => {
    const issues = [{ path: 'graph.nodes[0].id', message: 'duplicate', nodeId: 'a' }];
    expect(toApiError(new ValidationFailed('Invalid', issues))).toEqual({
      statusCode: 400,
      message: 'Invalid',
      issues,
    });
  });

  it("maps body errors to 400, and Fastify's 413 (as Nest hands it over) with the limit", () => {
    expect(
      toApiError(
        Object.assign(new Error('Unexpected end'), { type: 'entity.parse.failed', status: 400 }),
      ),
    ).toEqual({
      statusCode: 400,
      message: 'Malformed JSON in request body: Unexpected end',
    });
    const tooLarge = Object.assign(new RangeError('Request body is too large'), {
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
      statusCode: 413,
    });
    expect(
      toApiError(new HttpException(tooLarge.message, 413, { cause: tooLarge }), {
        bodyLimitBytes: 1024 * 1024,
      }),
    ).toEqual({
      statusCode: 413,
      message: 'Request body is too large (limit 1 MB)',
    });
    expect(
      toApiError(Object.assign(new Error('unsupported charset "X"'), { status: 415 })),
    ).toEqual({
      statusCode: 415,
      message: 'unsupported charset "X"',
    });
  });

  it('maps input-caused database errors, and hides everything else behind a 500', () => {
    const badUuid = new QueryFailedError(
      'SELECT',
      [],
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
    );
    expect(toApiError(badUuid).statusCode).toBe(400);
    const unique = new QueryFailedError(
      'INSERT',
      [],
      Object.assign(new Error('duplicate key'), { code: '23505' }),
    );
    expect(toApiError(unique).statusCode).toBe(409);
    expect(toApiError(new Error('secret internals at /etc/passwd'))).toEqual({
      statusCode: 500,
      message: 'Internal server error',
    });
    expect(toApiError('a string')).toEqual({ statusCode: 500, message: 'Internal server error' });
    expect(toApiError(Object.assign(new Error('upstream'), { status: 502 })).statusCode).toBe(500);
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(64 * 1024)).toBe('64 KB');
    expect(formatBytes(1536 * 1024)).toBe('1.5 MB');
  });
});
