import type { z } from 'zod';
import { formatPath } from '@flowpress/shared';

export interface ConfigIssue {
  path: string;
  message: string;
}

/** zod issues as `{ path: 'fields[0].name', message }`, the shape graph validation reports. */
export function formatIssues(
  error: z.ZodError,
  prefix: readonly PropertyKey[] = [],
): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
