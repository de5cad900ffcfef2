import { useQuery } from '@tanstack/react-query';
import type { KnowledgeDocumentView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export function useKnowledgeDocuments(knowledgeBaseId: string) {
  return useQuery({
    queryKey: queryKeys.knowledgeDocuments(knowledgeBaseId),
    queryFn: async ({ signal }) =>
      asList<KnowledgeDocumentView>(
        await api<unknown>(`/api/knowledge-bases/${knowledgeBaseId}/documents`, { signal }),
      ),
  });
}
