import type { RunView } from '@flowpress/shared';
import { api } from './client';

export function fetchRun(id: string, signal?: AbortSignal): Promise<RunView> {
  return api<RunView>(`/api/runs/${id}`, signal ? { signal } : {});
}
