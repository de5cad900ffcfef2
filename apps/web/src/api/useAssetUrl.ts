import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client';
import { queryKeys } from './keys';

/**
 * A blob URL for an asset: `GET /api/assets/:id` needs the bearer header, so an <img src> cannot
 * load it directly. Cached for the session (assets never change).
 */
export function useAssetUrl(assetId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.asset(assetId ?? ''),
    queryFn: async ({ signal }) => {
      const response = await apiFetch(`/api/assets/${assetId}`, { signal });
      if (!response.ok) throw new Error(`The image could not be loaded (${response.status}).`);
      return URL.createObjectURL(await response.blob());
    },
    enabled: Boolean(assetId),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}
