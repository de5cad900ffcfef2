import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, Issue } from '@flowpress/shared';
import { apiError } from './api-error.js';

/**
 * Every error leaves as `{statusCode, message, issues?}`. HTTP exceptions keep their status;
 * errors that carry a client status (a body's 400/413, Fastify's own 4xx) keep it; database errors caused by
 * input map to 400/409; anything else is a 500 whose details go to the log, not the client.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  constructor(private readonly options: ApiErrorOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = toApiError(exception, this.options);
    if (body.statusCode >= 500) {
      const req = host.switchToHttp().getRequest<FastifyRequest>();
      this.logger.error(
        `${req.method} ${req.url} failed: ${exception instanceof Error ? exception.message : String(exception)}`,
        exception instanceof Error ? exception.stack : undefined,
      );
    }
    if (reply.sent || reply.raw.headersSent) {
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    // 429 (RateLimited) and 503 (busy) say when to come back.
    const retryAfter = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('Retry-After', String(retryAfter));
    void reply.status(body.statusCode).send(body);
  }
}

export interface ApiErrorOptions {
  /** FLOWPRESS_BODY_LIMIT, named in the 413 (Fastify's error does not carry it). */
  bodyLimitBytes?: number;
}

/** Fastify's error for a body over `bodyLimit` (it stops reading there). */
const FASTIFY_BODY_TOO_LARGE = 'FST_ERR_CTP_BODY_TOO_LARGE';

export function toApiError(exception: unknown, options: ApiErrorOptions = {}): ApiError {
  // Nest hands Fastify's own 4xx errors over as an HttpException caused by them.
  if (
    exception instanceof HttpException &&
    (exception.cause as { code?: unknown } | undefined)?.code === FASTIFY_BODY_TOO_LARGE
  )
    return toApiError(exception.cause, options);
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (typeof response === 'string') return apiError(status, response);
    const rec = response as { message?: unknown; issues?: Issue[] };
    const message = Array.isArray(rec.message)
      ? rec.message.map(String).join('; ')
      : typeof rec.message === 'string'
        ? rec.message
        : exception.message;
    return apiError(status, message, rec.issues);
  }
  const err = exception as {
    type?: unknown;
    status?: unknown;
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  // Body errors (./body-parsers.ts, Fastify's own) and the router's
  if (err && typeof err === 'object') {
    if (err.code === FASTIFY_BODY_TOO_LARGE) {
      const limit = options.bodyLimitBytes;
      return apiError(
        HttpStatus.PAYLOAD_TOO_LARGE,
        `Request body is too large${limit ? ` (limit ${formatBytes(limit)})` : ''}`,
      );
    }
    if (err.type === 'entity.parse.failed') {
      return apiError(
        HttpStatus.BAD_REQUEST,
        `Malformed JSON in request body: ${String(err.message)}`,
      );
    }
    const status =
      typeof err.status === 'number'
        ? err.status
        : typeof err.statusCode === 'number'
          ? err.statusCode
          : 0;
    if (status >= 400 && status < 500) {
      return apiError(status, typeof err.message === 'string' ? err.message : 'Bad request');
    }
    // Postgres errors that only bad input causes.
    if (
      typeof err.code === 'string' &&
      (exception as { name?: string }).name === 'QueryFailedError'
    ) {
      if (err.code === '22P02')
        return apiError(HttpStatus.BAD_REQUEST, 'Invalid identifier or value in request');
      if (err.code === '23505') return apiError(HttpStatus.CONFLICT, 'Already exists');
    }
  }
  return apiError(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error');
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GB`;
  if (n >= 1024 ** 2) return `${Math.round((n / 1024 ** 2) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}
