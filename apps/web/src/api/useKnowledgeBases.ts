import { useQuery } from '@tanstack/react-query';
import type { KnowledgeBaseView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export function useKnowledgeBases(enabled = true) {
  return useQuery({
    queryKey: queryKeys.knowledgeBases,
    queryFn: async ({ signal }) =>
      asList<KnowledgeBaseView>(await api<unknown>('/api/knowledge-bases', { signal })),
    enabled,
  });
}
