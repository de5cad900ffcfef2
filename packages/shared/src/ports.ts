import { z } from 'zod';

/** The kinds of value that travel along edges. */
export const portTypeSchema = z.enum(['text', 'json', 'documents', 'images', 'any']);
export type PortType = z.infer<typeof portTypeSchema>;

export const portSpecSchema = z.object({
  name: z.string(),
  type: portTypeSchema,
  label: z.string().optional(),
  /** Inputs only: whether several edges may arrive at this port. */
  multiple: z.boolean().optional(),
});
export type PortSpec = z.infer<typeof portSpecSchema>;

/**
 * Which source port types may feed which target port types. `any` joins everything; a few
 * conversions are lossless enough to allow (json/documents render as text), the rest are refused
 * while dragging and at save time.
 */
const ACCEPTS: Record<Exclude<PortType, 'any'>, readonly PortType[]> = {
  text: ['text', 'json', 'documents'],
  json: ['json', 'documents', 'images'],
  documents: ['documents'],
  images: ['images'],
};

export function portsCompatible(source: PortType, target: PortType): boolean {
  if (source === 'any' || target === 'any') return true;
  return ACCEPTS[target].includes(source);
}

export function incompatibilityReason(source: PortType, target: PortType): string | null {
  return portsCompatible(source, target)
    ? null
    : `a ${source} output cannot feed a ${target} input`;
}
