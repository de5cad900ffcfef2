import type { RunView } from '@flowpress/shared';
import { api } from './client';

/**
 * A run's snapshot. Not a query hook on purpose: the snapshot feeds `useLiveRunStore` (through
 * `realtime/useRunStream`), the one place a run lives in the web app; see apps/web/README.md.
 */
export function fetchRun(id: string, signal?: AbortSignal): Promise<RunView> {
  return api<RunView>(`/api/runs/${id}`, signal ? { signal } : {});
}
