import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RetrievedPassage } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

/** The passages a retrieval step would get for `q` (nothing is asked while `q` is blank). */
export function useKnowledgeSearch(knowledgeBaseId: string | null, q: string, topK = 4) {
  const query = q.trim();
  return useQuery({
    queryKey: queryKeys.knowledgeSearch(knowledgeBaseId ?? '', query, topK),
    queryFn: async ({ signal }) =>
      asList<RetrievedPassage>(
        await api<unknown>(
          `/api/knowledge-bases/${knowledgeBaseId}/search?${new URLSearchParams({ q: query, topK: String(topK) })}`,
          { signal },
        ),
      ),
    enabled: knowledgeBaseId !== null && query.length > 0,
    placeholderData: keepPreviousData,
  });
}
