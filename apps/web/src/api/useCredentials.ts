import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

/** A stored secret as the API shows it: never its data (CONTRACT §2). */
export interface Credential {
  id: string;
  type: string;
  name: string;
  createdAt: string;
  updatedAt?: string;
  /** How many workflows use it. */
  usedBy: number;
}

export function useCredentials(enabled = true) {
  return useQuery({
    queryKey: queryKeys.credentials,
    queryFn: async ({ signal }) =>
      asList<Credential>(await api<unknown>('/api/credentials', { signal })),
    enabled,
  });
}
