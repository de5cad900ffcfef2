import { z } from 'zod';

export const libraryListQuerySchema = z.object({
  status: z.enum(['published', 'unpublished']).optional(),
  workflowId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LibraryListQuery = z.output<typeof libraryListQuerySchema>;

export const updateLibraryItemBodySchema = z
  .object({
    title: z.string().trim().min(1, 'title must not be empty').max(300).optional(),
    markdown: z.string().max(200_000).optional(),
    tags: z
      .array(z.string().trim().min(1, 'tags must not be empty').max(100))
      .max(50, 'at most 50 tags')
      .optional(),
  })
  .refine(
    (b) => b.title !== undefined || b.markdown !== undefined || b.tags !== undefined,
    'send title, markdown and/or tags',
  );
export type UpdateLibraryItemBody = z.output<typeof updateLibraryItemBodySchema>;
