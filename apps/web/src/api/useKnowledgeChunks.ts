import { useQuery } from '@tanstack/react-query';
import type { KnowledgeChunkView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export function useKnowledgeChunks(knowledgeBaseId: string, documentId: string | null) {
  return useQuery({
    queryKey: queryKeys.knowledgeChunks(knowledgeBaseId, documentId ?? ''),
    queryFn: async ({ signal }) =>
      asList<KnowledgeChunkView>(
        await api<unknown>(
          `/api/knowledge-bases/${knowledgeBaseId}/documents/${documentId}/chunks`,
          { signal },
        ),
      ),
    enabled: documentId !== null,
  });
}
