import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

export interface LibraryItem {
  id: string;
  title: string;
  content?: string;
  url?: string;
  runId?: string;
  workflowId?: string;
  publishedAt?: string;
  createdAt?: string;
}

/** What the `library` publish target has published; `null` while the endpoint does not exist. */
export function useLibrary() {
  return useQuery({
    queryKey: queryKeys.library,
    queryFn: async ({ signal }) => {
      try {
        return asList<LibraryItem>(await api<unknown>('/api/library', { signal }));
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
    retry: false,
  });
}
