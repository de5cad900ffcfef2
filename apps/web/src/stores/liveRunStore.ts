import { create } from 'zustand';
import { initialStream, type RunStreamState } from '../realtime/runStream';
import type { LiveNode, LiveRun } from '../realtime/liveRun';

interface LiveRunStore {
  streams: Record<string, RunStreamState>;
  errors: Record<string, string | undefined>;
  /** How many mounted `useRunStream`s follow each run; a run nobody follows is dropped. */
  watchers: Record<string, number>;
  update(runId: string, fn: (state: RunStreamState) => RunStreamState): void;
  setError(runId: string, message: string | undefined): void;
  /** Start following a run; call the returned function to stop. */
  watch(runId: string): () => void;
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/**
 * The one place a run lives in the web app, keyed by run id: the snapshot from `GET /api/runs/:id`
 * with the socket's events applied (`realtime/runStream`). Node cards select their own slice, so
 * a token repaints one card, not the canvas. Memory stays bounded by what is on screen: when the
 * last watcher of a run unmounts, its stream and error are dropped (a new watcher starts from a
 * fresh snapshot anyway).
 */
export const useLiveRunStore = create<LiveRunStore>((set) => ({
  streams: {},
  errors: {},
  watchers: {},
  update: (runId, fn) =>
    set((s) => ({ streams: { ...s.streams, [runId]: fn(s.streams[runId] ?? initialStream) } })),
  setError: (runId, message) => set((s) => ({ errors: { ...s.errors, [runId]: message } })),
  watch: (runId) => {
    set((s) => ({ watchers: { ...s.watchers, [runId]: (s.watchers[runId] ?? 0) + 1 } }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      set((s) => {
        const left = (s.watchers[runId] ?? 1) - 1;
        if (left > 0) return { watchers: { ...s.watchers, [runId]: left } };
        return {
          watchers: without(s.watchers, runId),
          streams: without(s.streams, runId),
          errors: without(s.errors, runId),
        };
      });
    };
  },
}));

export function useLiveRun(runId: string | null | undefined): LiveRun | null {
  return useLiveRunStore((s) => (runId ? (s.streams[runId]?.run ?? null) : null));
}

export function useLiveNode(runId: string | null | undefined, nodeId: string): LiveNode | null {
  return useLiveRunStore((s) => (runId ? (s.streams[runId]?.run?.nodes[nodeId] ?? null) : null));
}
