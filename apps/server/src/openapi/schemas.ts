import { roleSchema, workflowGraphSchema } from '@flowpress/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

function toOpenApi(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** JSON Schema (OpenAPI 3.0 dialect) of what the server answers, from a zod schema. */
export function responseJsonSchema(schema: z.ZodType): JsonSchema {
  return toOpenApi(schema, 'output');
}

/** JSON Schema (OpenAPI 3.0 dialect) of what a client sends, from a zod schema. */
export function requestJsonSchema(schema: z.ZodType): JsonSchema {
  return toOpenApi(schema, 'input');
}

/**
 * Answers whose TypeScript shapes live in packages/shared as interfaces, described here for the
 * docs only, built from the shared zod pieces they contain (the graph, roles).
 */
const isoDate = z.string().describe('ISO 8601 timestamp');
export const docSchemas = {
  issue: z.object({
    path: z.string(),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
  }),
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    role: roleSchema,
    createdAt: isoDate,
  }),
  workflow: z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    graph: workflowGraphSchema,
    version: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  }),
  workflowVersion: z.object({
    version: z.number().int(),
    createdAt: isoDate,
    createdBy: z.uuid().nullable(),
  }),
  apiKey: z.object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    key: z.string().optional().describe('only in the answer to creation'),
    createdAt: isoDate,
    lastUsedAt: isoDate.nullable(),
  }),
};
export const errorSchema = z.object({
  statusCode: z.number().int(),
  message: z.string(),
  issues: z.array(docSchemas.issue).optional(),
});
