import { useQuery } from '@tanstack/react-query';
import type { HealthView } from '@flowpress/shared';
import { api } from '../../api/client';

/** The server's health, refreshed every few seconds while the page is open. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => api<HealthView>('/api/health', { signal }),
    refetchInterval: 5000,
  });
}
