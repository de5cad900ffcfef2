import { create } from 'zustand';
import { initialStream, type RunStreamState } from '../realtime/runStream';
import type { LiveNode, LiveRun } from '../realtime/liveRun';

interface LiveRunStore {
  streams: Record<string, RunStreamState>;
  errors: Record<string, string | undefined>;
  update(runId: string, fn: (state: RunStreamState) => RunStreamState): void;
  setError(runId: string, message: string | undefined): void;
}

/** Runs being watched, keyed by run id; node cards select their own slice. */
export const useLiveRunStore = create<LiveRunStore>((set) => ({
  streams: {},
  errors: {},
  update: (runId, fn) =>
    set((s) => ({ streams: { ...s.streams, [runId]: fn(s.streams[runId] ?? initialStream) } })),
  setError: (runId, message) => set((s) => ({ errors: { ...s.errors, [runId]: message } })),
}));

export function useLiveRun(runId: string | null | undefined): LiveRun | null {
  return useLiveRunStore((s) => (runId ? (s.streams[runId]?.run ?? null) : null));
}

export function useLiveNode(runId: string | null | undefined, nodeId: string): LiveNode | null {
  return useLiveRunStore((s) => (runId ? (s.streams[runId]?.run?.nodes[nodeId] ?? null) : null));
}
