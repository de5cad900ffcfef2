import type { RunEvent, RunView } from '@flowpress/shared';
import { fromRunView, type LiveNode, type LiveRun } from './liveRun';
import { applyRunEvent } from './runReducer';

/**
 * One run as the client follows it: a snapshot from `GET /api/runs/:id` advanced by socket events.
 *
 * `seq` rises by 1 per event. Events that follow the last applied one are applied in order; an
 * event that skips ahead (a missed event, or a snapshot that lags the live stream because the
 * server persists `lastSeq` only at checkpoints) is still applied — live progress beats waiting —
 * and the stream asks for a fresh snapshot to fill in what it missed. Snapshots never move the
 * view backwards: one older than what the events already showed only fills in missing details.
 */
export interface RunStreamState {
  run: LiveRun | null;
  /** Events that arrived before the first snapshot. */
  pending: RunEvent[];
  /** The highest seq the server said exists (subscribe ack) or that arrived. */
  knownSeq: number;
  /** Something was skipped: refresh the snapshot at the next checkpoint-like event. */
  incomplete: boolean;
}

export interface StreamStep {
  state: RunStreamState;
  /** The caller should fetch `GET /api/runs/:id` and pass it to `receiveSnapshot`. */
  needsSnapshot: boolean;
}

export const initialStream: RunStreamState = {
  run: null,
  pending: [],
  knownSeq: 0,
  incomplete: false,
};

const PENDING_LIMIT = 5000;
const CHECKPOINT_EVENTS = new Set([
  'node.completed',
  'node.failed',
  'node.skipped',
  'run.waiting_review',
  'run.succeeded',
  'run.failed',
  'run.canceled',
]);

export function isSettled(run: LiveRun): boolean {
  return run.status === 'succeeded' || run.status === 'failed' || run.status === 'canceled';
}

/** Applies events in seq order after `run.lastSeq`; reports whether any were skipped over. */
function applyAll(run: LiveRun, events: RunEvent[]): { run: LiveRun; skipped: boolean } {
  let current = run;
  let skipped = false;
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    if (event.seq <= current.lastSeq) continue;
    if (event.seq > current.lastSeq + 1) skipped = true;
    current = applyRunEvent(current, event);
  }
  return { run: current, skipped };
}

/**
 * Details a lagging snapshot knows that the live view missed (e.g. when a step started). A step
 * the live view never heard of (still pending) takes the snapshot's state whole: its events came
 * before this client subscribed.
 */
function fillIn(live: LiveNode, snap: LiveNode | undefined): LiveNode {
  if (!snap) return live;
  if (live.status === 'pending' && snap.status !== 'pending') return snap;
  return {
    ...live,
    startedAt: live.startedAt ?? snap.startedAt,
    attempts: live.attempts || snap.attempts,
    usage: live.usage ?? (live.status === snap.status ? snap.usage : null),
    output: live.output ?? (live.status === snap.status ? snap.output : null),
  };
}

function merge(previous: LiveRun | null, snapshot: LiveRun): LiveRun {
  if (!previous || snapshot.lastSeq >= previous.lastSeq) return snapshot;
  const nodes: Record<string, LiveNode> = { ...snapshot.nodes };
  for (const [id, node] of Object.entries(previous.nodes))
    nodes[id] = fillIn(node, snapshot.nodes[id]);
  return {
    ...previous,
    nodes,
    startedAt: previous.startedAt ?? snapshot.startedAt,
    usage: previous.usage ?? snapshot.usage,
  };
}

export function receiveEvent(state: RunStreamState, event: RunEvent): StreamStep {
  const knownSeq = Math.max(state.knownSeq, event.seq);
  if (!state.run) {
    return {
      state: { ...state, pending: [...state.pending, event].slice(-PENDING_LIMIT), knownSeq },
      needsSnapshot: false,
    };
  }
  if (event.seq <= state.run.lastSeq) return { state, needsSnapshot: false };
  const gap = event.seq > state.run.lastSeq + 1;
  const run = applyRunEvent(state.run, event);
  const refresh = gap || (state.incomplete && CHECKPOINT_EVENTS.has(event.type));
  return {
    state: { ...state, run, knownSeq, incomplete: state.incomplete || gap },
    needsSnapshot: refresh,
  };
}

export function receiveSnapshot(state: RunStreamState, view: RunView): StreamStep {
  const snapshot = fromRunView(view, state.run);
  // A snapshot older than the live view cannot hold what the live view skipped over (e.g. an
  // input step whose checkpoint rides with a later write): keep asking at checkpoint-like
  // events until one that is not older comes — at the latest when the run ends.
  const lagging = state.run !== null && snapshot.lastSeq < state.run.lastSeq;
  const merged = merge(state.run, snapshot);
  const { run, skipped } = applyAll(merged, state.pending);
  const incomplete = skipped || run.lastSeq < state.knownSeq || (lagging && state.incomplete);
  return {
    state: {
      run,
      pending: [],
      knownSeq: Math.max(state.knownSeq, run.lastSeq),
      incomplete: incomplete && !isSettled(run),
    },
    needsSnapshot: false,
  };
}

/** The subscribe ack says how far the run is; after a reconnect that missed events, refresh. */
export function receiveAck(state: RunStreamState, lastSeq: number): StreamStep {
  const next = { ...state, knownSeq: Math.max(state.knownSeq, lastSeq) };
  if (!state.run) return { state: next, needsSnapshot: false };
  const behind = state.run.lastSeq < lastSeq;
  return { state: { ...next, incomplete: state.incomplete || behind }, needsSnapshot: behind };
}
