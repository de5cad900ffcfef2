import { Body, HttpStatus, type PipeTransform, Query } from '@nestjs/common';
import { ApiBody } from '../openapi/decorators.js';
import { formatPath, type Issue } from '@flowpress/shared';
import { z } from 'zod';
import { requestJsonSchema } from '../openapi/schemas.js';
import { ApiException, ValidationFailed } from './api-error.js';

/** Zod's issues as the contract's `[{path, message}]`. */
export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => {
    const inner = formatPath(i.path);
    const path = prefix
      ? inner
        ? inner.startsWith('[')
          ? `${prefix}${inner}`
          : `${prefix}.${inner}`
        : prefix
      : inner;
    return { path, message: i.message };
  });
}

/** Parses a value with a zod schema; 400 listing every issue when it does not fit. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what: 'body' | 'query' = 'body',
  ) {}

  transform(value: unknown): z.output<S> {
    const parsed = this.schema.safeParse(value);
    if (!parsed.success && this.what === 'body' && value === undefined) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        'Request body must be JSON (Content-Type: application/json)',
      );
    }
    if (!parsed.success) {
      throw new ValidationFailed(`Invalid request ${this.what}`, zodIssues(parsed.error));
    }
    return parsed.data;
  }
}

/**
 * `@ZodBody(schema) body: T` validates the body with a shared zod schema and documents that same
 * schema in OpenAPI, so the docs cannot drift from what the server accepts.
 */
export function ZodBody<S extends z.ZodType>(schema: S, description?: string): ParameterDecorator {
  const body = Body(new ZodValidationPipe(schema, 'body'));
  // The JSON Schema is built with the OpenAPI document, on its first request (not at start).
  const docs = ApiBody(() => ({ schema: requestJsonSchema(schema), description }));
  return (target, key, index) => {
    body(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) docs(target, key, descriptor);
  };
}

export function ZodQuery<S extends z.ZodType>(schema: S): ParameterDecorator {
  return Query(new ZodValidationPipe(schema, 'query'));
}
