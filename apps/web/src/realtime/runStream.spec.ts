import type { RunEvent, RunView } from '@flowpress/shared';
import { applyRunEvent } from './runReducer';
import {
  initialStream,
  receiveAck,
  receiveEvent,
  receiveSnapshot,
  type RunStreamState,
} from './runStream';
import { fromRunView, retryLabel } from './liveRun';
import retriedRun from './__fixtures__/retried-run.events.json' with { type: 'json' };

const AT = '2026-01-01T00:00:00.000Z';

function view(lastSeq: number, patch: Partial<RunView> = {}): RunView {
  return {
    id: 'r1',
    workflowId: 'w1',
    workflowVersion: 1,
    status: 'running',
    inputs: {},
    error: null,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
    createdAt: AT,
    startedAt: AT,
    finishedAt: null,
    createdBy: null,
    trigger: 'manual',
    lastSeq,
    nodes: [],
    ...patch,
  };
}

/** A step of a snapshot: 'brief' is the input step, anything else a prompt. */
function node(nodeId: string, status: 'pending' | 'succeeded'): RunView['nodes'][number] {
  return {
    nodeId,
    type: nodeId === 'brief' ? 'input' : 'prompt',
    status,
    output: status === 'succeeded' ? { topic: 'x' } : null,
    error: null,
    startedAt: null,
    finishedAt: null,
    attempts: status === 'succeeded' ? 1 : 0,
    usage: null,
  };
}

function ev(seq: number, type: RunEvent['type'], nodeId?: string, data?: unknown): RunEvent {
  return {
    runId: 'r1',
    seq,
    type,
    at: AT,
    ...(nodeId ? { nodeId } : {}),
    ...(data ? { data } : {}),
  } as RunEvent;
}

describe('applyRunEvent', () => {
  it('follows a node from start through streamed tokens to its output', () => {
    let run = fromRunView(view(2));
    run = applyRunEvent(run, ev(3, 'node.started', 'draft', { attempt: 1 }));
    run = applyRunEvent(run, ev(4, 'node.token', 'draft', { text: 'Hel' }));
    run = applyRunEvent(run, ev(5, 'node.token', 'draft', { text: 'lo' }));
    expect(run.nodes.draft).toMatchObject({ status: 'running', stream: 'Hello', attempts: 1 });
    run = applyRunEvent(
      run,
      ev(6, 'node.completed', 'draft', { output: { text: 'Hello' }, durationMs: 20 }),
    );
    expect(run.nodes.draft).toMatchObject({ status: 'succeeded', output: { text: 'Hello' } });
    run = applyRunEvent(run, ev(7, 'run.succeeded'));
    expect(run.status).toBe('succeeded');
    expect(run.lastSeq).toBe(7);
  });

  // Recorded from the server (apps/server/test/engine.spec.ts checks the recording still matches
  // what the engine sends): a prompt node rate-limited once, then answered.
  const retried = retriedRun as RunEvent[];
  const untilRetry = retried.slice(0, retried.findIndex((e) => e.type === 'node.retrying') + 1);

  it('shows the retry the engine announces, then the attempt that follows', () => {
    let run = fromRunView(view(0));
    for (const event of untilRetry) run = applyRunEvent(run, event);
    const draft = run.nodes.draft!;
    expect(draft).toMatchObject({
      status: 'running',
      attempts: 1,
      retrying: { attempt: 2, maxAttempts: 3 },
    });
    expect(draft.error?.message).toMatch(/429|rate/i);
    expect(retryLabel(draft.retrying!)).toMatch(/^Retrying in \d+(\.\d)? s, attempt 2 of 3$/);
    for (const event of retried.slice(untilRetry.length)) run = applyRunEvent(run, event);
    expect(run.nodes.draft).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      retrying: null,
      error: null,
    });
    expect(run.status).toBe('succeeded');
    expect(run.lastSeq).toBe(retried.at(-1)!.seq);
  });

  it('marks a node canceled during its retry backoff as canceled', () => {
    let run = fromRunView(view(0));
    for (const event of untilRetry) run = applyRunEvent(run, event);
    const last = untilRetry.at(-1)!;
    run = applyRunEvent(run, {
      runId: 'r1',
      seq: last.seq + 1,
      type: 'run.canceled',
      at: AT,
      data: {},
    });
    expect(run.nodes.draft?.status).toBe('canceled');
  });

  it('spells out the wait and the attempt', () => {
    expect(retryLabel({ attempt: 2, maxAttempts: 3, delayMs: 2000 })).toBe(
      'Retrying in 2 s, attempt 2 of 3',
    );
    expect(retryLabel({ attempt: 3, maxAttempts: 5, delayMs: 450 })).toBe(
      'Retrying in 0.5 s, attempt 3 of 5',
    );
    expect(retryLabel({ attempt: 2, maxAttempts: 3, delayMs: 30_400 })).toBe(
      'Retrying in 30 s, attempt 2 of 3',
    );
  });

  it('puts the run and the review node in waiting_review', () => {
    const run = applyRunEvent(
      fromRunView(view(0)),
      ev(1, 'run.waiting_review', 'check', { reviewId: 'rv1' }),
    );
    expect(run.status).toBe('waiting_review');
    expect(run.reviewId).toBe('rv1');
    expect(run.nodes.check?.status).toBe('waiting_review');
  });
});

describe('run stream', () => {
  it('holds events until the first snapshot, then applies those after it', () => {
    let s: RunStreamState = initialStream;
    s = receiveEvent(s, ev(4, 'node.token', 'draft', { text: 'a' })).state;
    s = receiveEvent(s, ev(5, 'node.token', 'draft', { text: 'b' })).state;
    expect(s.run).toBeNull();
    s = receiveSnapshot(
      s,
      view(4, {
        nodes: [
          {
            nodeId: 'draft',
            type: 'prompt',
            status: 'running',
            output: null,
            error: null,
            startedAt: AT,
            finishedAt: null,
            attempts: 1,
            usage: null,
          },
        ],
      }),
    ).state;
    expect(s.run?.nodes.draft?.stream).toBe('b');
    expect(s.run?.lastSeq).toBe(5);
    expect(s.incomplete).toBe(false);
  });

  it('ignores duplicates and asks for a snapshot when events skip ahead, still showing them', () => {
    let s = receiveSnapshot(initialStream, view(3)).state;
    expect(receiveEvent(s, ev(3, 'run.started')).state).toBe(s);
    const step = receiveEvent(s, ev(6, 'node.started', 'draft', { attempt: 1 }));
    expect(step.needsSnapshot).toBe(true);
    s = step.state;
    expect(s.run?.nodes.draft?.status).toBe('running');
    expect(s.incomplete).toBe(true);
    // The next checkpoint asks again so the missing details get filled in.
    expect(
      receiveEvent(s, ev(7, 'node.completed', 'draft', { output: { text: 'x' } })).needsSnapshot,
    ).toBe(true);
  });

  it('never moves backwards on a snapshot older than the live view, but fills in details', () => {
    let s = receiveSnapshot(initialStream, view(2)).state;
    s = receiveEvent(s, ev(5, 'node.token', 'draft', { text: 'abc' })).state;
    s = receiveEvent(s, ev(6, 'node.completed', 'draft', { output: { text: 'abc' } })).state;
    const lagging = view(3, {
      nodes: [
        {
          nodeId: 'draft',
          type: 'prompt',
          status: 'running',
          output: null,
          error: null,
          startedAt: '2026-01-01T00:00:01.000Z',
          finishedAt: null,
          attempts: 1,
          usage: null,
        },
      ],
    });
    s = receiveSnapshot(s, lagging).state;
    expect(s.run?.nodes.draft?.status).toBe('succeeded');
    expect(s.run?.lastSeq).toBe(6);
    expect(s.run?.nodes.draft?.attempts).toBe(1);
  });

  it('takes the state of a lagging snapshot for a step the live view never saw move', () => {
    // Subscribed late: the input step finished before the client was listening.
    let s = receiveSnapshot(
      initialStream,
      view(1, { nodes: [node('brief', 'pending'), node('draft', 'pending')] }),
    ).state;
    s = receiveEvent(s, ev(8, 'node.token', 'draft', { text: 'a' })).state;
    s = receiveEvent(s, ev(9, 'node.token', 'draft', { text: 'b' })).state;
    s = receiveSnapshot(
      s,
      view(7, { nodes: [node('brief', 'succeeded'), node('draft', 'pending')] }),
    ).state;
    expect(s.run?.nodes.brief?.status).toBe('succeeded');
    expect(s.run?.nodes.draft?.stream).toBe('ab');
  });

  it('keeps asking while lagging snapshots miss what it skipped, and takes the end whole', () => {
    // Subscribed after the input step's events went out; its checkpoint rides with the finish,
    // so every snapshot before the end still shows it pending.
    const early = view(1, { nodes: [node('brief', 'pending'), node('draft', 'pending')] });
    let s = receiveSnapshot(initialStream, early).state;
    const gap = receiveEvent(s, ev(4, 'node.started', 'draft', { attempt: 1 }));
    expect(gap.needsSnapshot).toBe(true);
    s = receiveEvent(gap.state, ev(5, 'node.token', 'draft', { text: 'a' })).state;
    s = receiveSnapshot(s, early).state;
    expect(s.run?.nodes.brief?.status).toBe('pending');
    expect(s.incomplete).toBe(true);
    const completed = receiveEvent(s, ev(6, 'node.completed', 'draft', { output: { text: 'a' } }));
    expect(completed.needsSnapshot).toBe(true);
    s = receiveSnapshot(completed.state, early).state;
    const end = receiveEvent(s, ev(7, 'run.succeeded'));
    expect(end.needsSnapshot).toBe(true);
    s = receiveSnapshot(
      end.state,
      view(7, {
        status: 'succeeded',
        finishedAt: AT,
        nodes: [node('brief', 'succeeded'), node('draft', 'succeeded')],
      }),
    ).state;
    expect(s.run?.nodes.brief?.status).toBe('succeeded');
    expect(s.run?.status).toBe('succeeded');
    expect(s.incomplete).toBe(false);
  });

  it('refreshes after a reconnect whose ack is ahead of what was shown', () => {
    const s = receiveSnapshot(initialStream, view(5)).state;
    expect(receiveAck(s, 5).needsSnapshot).toBe(false);
    expect(receiveAck(s, 9).needsSnapshot).toBe(true);
  });

  it('takes a newer snapshot as the truth', () => {
    let s = receiveSnapshot(initialStream, view(2)).state;
    s = receiveSnapshot(s, view(10, { status: 'succeeded', finishedAt: AT })).state;
    expect(s.run?.status).toBe('succeeded');
    expect(s.run?.lastSeq).toBe(10);
  });
});
