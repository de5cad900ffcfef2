import { useQuery } from '@tanstack/react-query';
import type { NodeTypeInfo } from '@flowpress/shared';
import { api } from './client';
import { queryKeys } from './keys';
import { asList } from './list';

/** The node catalog (`GET /api/node-types`): everything the editor needs to draw and configure nodes. */
export function useNodeTypes() {
  return useQuery({
    queryKey: queryKeys.nodeTypes,
    queryFn: async ({ signal }) =>
      asList<NodeTypeInfo>(await api<unknown>('/api/node-types', { signal })),
    staleTime: 10 * 60_000,
  });
}
