import { z } from 'zod';
import type { NodeDefinition } from '../contract.js';
import { MAX_MODEL_NAME_CHARS, MAX_TEMPLATE_CHARS } from '../util/limits.js';

export const MIN_IMAGE_SIDE = 64;
export const MAX_IMAGE_SIDE = 4096;
const SIZE = /^(\d{2,4})x(\d{2,4})$/;

/** `WxH` → numbers; null when malformed or out of range. */
export function parseImageSize(size: string): { width: number; height: number } | null {
  const match = SIZE.exec(size.trim());
  if (!match) return null;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const ok = (n: number) => n >= MIN_IMAGE_SIDE && n <= MAX_IMAGE_SIDE;
  return ok(width) && ok(height) ? { width, height } : null;
}

export const imageConfigSchema = z.object({
  /** Empty falls back to the text on the `prompt` input. */
  prompt: z.string().max(MAX_TEMPLATE_CHARS).default(''),
  size: z
    .string()
    .refine((s) => parseImageSize(s) !== null, {
      message: `use WIDTHxHEIGHT with sides from ${MIN_IMAGE_SIDE} to ${MAX_IMAGE_SIDE}, e.g. 1024x1024`,
    })
    .default('1024x1024'),
  count: z.number().int().min(1).max(4).default(1),
  model: z.string().trim().max(MAX_MODEL_NAME_CHARS).optional(),
});
export type ImageConfig = z.output<typeof imageConfigSchema>;

export const imageDefinition: NodeDefinition<typeof imageConfigSchema> = {
  type: 'image',
  version: 1,
  label: 'Image',
  description: 'Generates images from a prompt and stores them as assets.',
  category: 'generate',
  icon: 'photo',
  config: imageConfigSchema,
  inputs: [{ name: 'prompt', type: 'text', label: 'Prompt' }],
  outputs: [{ name: 'images', type: 'images', label: 'Images' }],
  templateFields: ['prompt'],
  promptFields: () => ['prompt'],
  defaults: {
    prompt: 'A bright, friendly hero image for a blog post',
    size: '1024x1024',
    count: 1,
  },
};
