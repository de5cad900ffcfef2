import { HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { ApiException } from './api-error.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `@Param('id', UuidParam)`: a malformed id names nothing, so it is a 404, never a 500. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !isUuid(value)) {
      throw new ApiException(
        HttpStatus.NOT_FOUND,
        `Not found: "${String(value).slice(0, 64)}" is not a valid id`,
      );
    }
    return value.toLowerCase();
  }
}

/** `@Param('version', PositiveIntParam)`. */
@Injectable()
export class PositiveIntParam implements PipeTransform<string, number> {
  transform(value: string): number {
    const n = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < 1) {
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        `"${String(value).slice(0, 64)}" is not a positive integer`,
      );
    }
    return n;
  }
}
