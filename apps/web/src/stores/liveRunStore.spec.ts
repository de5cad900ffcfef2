import type { RunView } from '@flowpress/shared';
import { receiveSnapshot } from '../realtime/runStream';
import { useLiveRunStore } from './liveRunStore';

const AT = '2026-01-01T00:00:00.000Z';
const view = (id: string): RunView => ({
  id,
  workflowId: 'w1',
  workflowVersion: 1,
  status: 'succeeded',
  inputs: {},
  error: null,
  usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0, images: 0 },
  createdAt: AT,
  startedAt: AT,
  finishedAt: AT,
  createdBy: null,
  trigger: 'manual',
  lastSeq: 4,
  nodes: [],
});

const load = (id: string) =>
  useLiveRunStore.getState().update(id, (state) => receiveSnapshot(state, view(id)).state);

describe('liveRunStore', () => {
  it('keeps a run while someone follows it and drops it after the last one stops', () => {
    const { watch, setError } = useLiveRunStore.getState();
    const stopEditor = watch('r1');
    const stopReview = watch('r1');
    load('r1');
    setError('r1', 'The run could not be loaded.');
    expect(useLiveRunStore.getState().streams.r1?.run?.lastSeq).toBe(4);

    stopEditor();
    stopEditor(); // a second call of the same release changes nothing
    expect(useLiveRunStore.getState().streams.r1?.run?.id).toBe('r1');
    expect(useLiveRunStore.getState().watchers.r1).toBe(1);

    stopReview();
    const state = useLiveRunStore.getState();
    expect(state.streams).not.toHaveProperty('r1');
    expect(state.errors).not.toHaveProperty('r1');
    expect(state.watchers).not.toHaveProperty('r1');
  });

  it('holds only the runs being followed, however many were opened', () => {
    for (let i = 0; i < 50; i++) {
      const stop = useLiveRunStore.getState().watch(`r${i}`);
      load(`r${i}`);
      stop();
    }
    const stop = useLiveRunStore.getState().watch('open');
    load('open');
    expect(Object.keys(useLiveRunStore.getState().streams)).toEqual(['open']);
    stop();
  });
});
