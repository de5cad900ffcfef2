import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '../api/keys';
import { fetchRun } from '../api/fetchRun';
import { isApiError } from '../api/client';
import { useConnectionStore } from '../stores/connectionStore';
import { useLiveRunStore } from '../stores/liveRunStore';
import {
  initialStream,
  isSettled,
  receiveAck,
  receiveEvent,
  receiveSnapshot,
  type RunStreamState,
  type StreamStep,
} from './runStream';
import { subscribeToRun } from './subscribeToRun';

const POLL_MS = 3000;

/**
 * Follows a run live: subscribes over the socket, loads the snapshot, applies events in `seq`
 * order, and refetches the snapshot on a gap, after a reconnect that missed events (ack `lastSeq`
 * ahead of what it shows), or every few seconds while the socket is down. State lands in
 * `useLiveRunStore` — the web's one copy of a run — and is dropped when nobody follows it.
 */
export function useRunStream(runId: string | null | undefined): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!runId) return;
    const { update: write, setError, watch } = useLiveRunStore.getState();
    const release = watch(runId);
    let settled: boolean | null = null;
    // Run lists (history, Runs page) refresh when the run ends.
    const update: typeof write = (id, fn) => {
      write(id, fn);
      const run = useLiveRunStore.getState().streams[id]?.run;
      const now = run ? isSettled(run) : null;
      if (now && settled !== true)
        void queryClient.invalidateQueries({ queryKey: queryKeys.allRuns });
      if (now !== null) settled = now;
    };
    let cancelled = false;
    let inFlight = false;
    let again = false;

    const step = (fn: (state: RunStreamState) => StreamStep) => {
      let needs = false;
      update(runId, (state) => {
        const result = fn(state);
        needs = result.needsSnapshot;
        return result.state;
      });
      if (needs) void refetch();
    };

    const refetch = async (): Promise<void> => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = true;
      try {
        do {
          again = false;
          const view = await fetchRun(runId);
          if (cancelled) return;
          update(runId, (state) => receiveSnapshot(state, view).state);
          setError(runId, undefined);
        } while (again && !cancelled);
      } catch (error) {
        if (!cancelled)
          setError(runId, isApiError(error) ? error.message : 'The run could not be loaded.');
      } finally {
        inFlight = false;
      }
    };

    update(runId, () => initialStream);
    const unsubscribe = subscribeToRun(runId, {
      onEvent: (event) => step((state) => receiveEvent(state, event)),
      onAck: (ack) => {
        if (!ack.ok) {
          setError(runId, ack.error ?? 'You cannot watch this run live.');
          return;
        }
        step((state) => receiveAck(state, ack.lastSeq ?? 0));
      },
    });
    void refetch();

    const poll = setInterval(() => {
      const run = useLiveRunStore.getState().streams[runId]?.run;
      const live = useConnectionStore.getState().state === 'connected';
      if (run && !isSettled(run) && !live) void refetch();
    }, POLL_MS);

    return () => {
      cancelled = true;
      clearInterval(poll);
      unsubscribe();
      release();
    };
  }, [runId, queryClient]);
}
