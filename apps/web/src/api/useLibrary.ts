import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

/** A piece the `library` publish target published (`GET /api/library`). */
export interface LibraryItem {
  id: string;
  slug: string;
  /** The public page, `/library/<slug>`. */
  url: string;
  title: string;
  excerpt: string;
  status: 'published' | 'unpublished';
  tags: string[];
  /** The first image's public URL. */
  image: string | null;
  workflowId: string | null;
  runId: string | null;
  publishedAt: string;
  updatedAt: string;
}

/** The library, newest first; `null` while the server has no library endpoint (404). */
export function useLibrary() {
  return useQuery({
    queryKey: queryKeys.library,
    queryFn: async ({ signal }) => {
      try {
        const items = asList<LibraryItem>(await api<unknown>('/api/library?limit=500', { signal }));
        return [...items].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
    retry: false,
  });
}
