import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError, Issue } from '@flowpress/shared';

/** An error answered as `{statusCode, message, issues?}` (CONTRACT §2). */
export class ApiException extends HttpException {
  constructor(
    status: number,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(
      issues ? { statusCode: status, message, issues } : { statusCode: status, message },
      status,
    );
  }
}

/** 400 with the list of everything that is wrong. */
export class ValidationFailed extends ApiException {
  constructor(message: string, issues: Issue[]) {
    super(HttpStatus.BAD_REQUEST, message, issues);
  }
}

/** 429; the filter adds `Retry-After`. */
export class RateLimited extends ApiException {
  constructor(
    readonly retryAfterSeconds: number,
    message = 'Too many attempts: try again later',
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, message);
  }
}

export function apiError(status: number, message: string, issues?: Issue[]): ApiError {
  return issues?.length ? { statusCode: status, message, issues } : { statusCode: status, message };
}
