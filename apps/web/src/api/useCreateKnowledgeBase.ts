import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { KnowledgeBaseView, KnowledgeLanguage } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';

export interface CreateKnowledgeBaseInput {
  name: string;
  description?: string;
  language?: KnowledgeLanguage;
}

export function useCreateKnowledgeBase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateKnowledgeBaseInput) =>
      api<KnowledgeBaseView>('/api/knowledge-bases', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.knowledgeBases }),
  });
}
