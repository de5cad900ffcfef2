import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import type { Credential } from './useCredentials';

export interface CreateCredentialInput {
  type: string;
  name: string;
  /** Secrets: sent once, stored encrypted, never answered. */
  data: Record<string, string>;
}

export function useCreateCredential() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCredentialInput) =>
      api<Credential>('/api/credentials', { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
  });
}
