import { z } from 'zod';

/** Node ids appear in templates as `{{id.port}}`, so they must be template-safe identifiers. */
export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'must start with a letter or _ and contain only letters, digits, _ or - (max 64)');

export const xyPositionSchema = z.object({ x: z.number(), y: z.number() });

export const nodeSettingsSchema = z.object({
  timeoutMs: z.number().int().min(100).max(3_600_000).optional(),
  maxAttempts: z.number().int().min(1).max(10).optional(),
});
export type NodeSettings = z.infer<typeof nodeSettingsSchema>;

/** React Flow's node shape; `data` is the node's config, checked against its type's schema. */
export const graphNodeSchema = z
  .object({
    id: nodeIdSchema,
    type: z.string().min(1),
    position: xyPositionSchema,
    data: z.record(z.string(), z.unknown()).default({}),
    /** Optional display name shown on the card instead of the type's label. */
    label: z.string().max(120).optional(),
    /** How the engine runs this node: per-attempt timeout and attempts for transient errors. */
    settings: nodeSettingsSchema.optional(),
  })
  .loose();
export type GraphNode = z.infer<typeof graphNodeSchema>;

export const graphEdgeSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    target: z.string().min(1),
    sourceHandle: z.string().nullish(),
    targetHandle: z.string().nullish(),
  })
  .loose();
export type GraphEdge = z.infer<typeof graphEdgeSchema>;

/** Sticky notes and other canvas-only decorations live beside nodes and never run. */
export const graphNoteSchema = z.object({
  id: z.string().min(1),
  position: xyPositionSchema,
  text: z.string().max(10_000),
  width: z.number().optional(),
  height: z.number().optional(),
  color: z.string().optional(),
});
export type GraphNote = z.infer<typeof graphNoteSchema>;

export const GRAPH_VERSION = 1;

export const workflowGraphSchema = z.object({
  version: z.literal(GRAPH_VERSION).default(GRAPH_VERSION),
  nodes: z.array(graphNodeSchema).max(2000),
  edges: z.array(graphEdgeSchema).max(10_000),
  notes: z.array(graphNoteSchema).max(500).optional(),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number() }).optional(),
});
export type WorkflowGraph = z.infer<typeof workflowGraphSchema>;
