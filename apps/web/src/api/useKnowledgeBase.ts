import { useQuery } from '@tanstack/react-query';
import type { KnowledgeBaseView } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export function useKnowledgeBase(id: string) {
  return useQuery({
    queryKey: queryKeys.knowledgeBase(id),
    queryFn: ({ signal }) => api<KnowledgeBaseView>(`/api/knowledge-bases/${id}`, { signal }),
  });
}
