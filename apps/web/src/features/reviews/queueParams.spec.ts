import {
  DEFAULT_QUEUE,
  neighbours,
  ordered,
  queueSearch,
  readQueueParams,
  toFilter,
  writeQueueParams,
} from './queueParams';

describe('queue params', () => {
  it('round-trips through the address and keeps defaults out of it', () => {
    expect(queueSearch(DEFAULT_QUEUE)).toBe('');
    const q = {
      status: 'approved' as const,
      who: 'all' as const,
      workflowId: 'w1',
      sort: 'due' as const,
    };
    expect(readQueueParams(writeQueueParams(q))).toEqual(q);
    expect(readQueueParams(new URLSearchParams('status=nonsense&sort=x'))).toEqual(DEFAULT_QUEUE);
  });

  it('becomes the API filter', () => {
    expect(toFilter(DEFAULT_QUEUE)).toEqual({ status: 'pending', assignee: 'me', sort: 'created' });
    expect(toFilter({ status: 'all', who: 'all', workflowId: 'w', sort: 'due' })).toEqual({
      workflowId: 'w',
      sort: 'due',
    });
    const newest = { ...DEFAULT_QUEUE, sort: 'newest' as const };
    expect(toFilter(newest).sort).toBe('created');
    expect(ordered([1, 2, 3], newest)).toEqual([3, 2, 1]);
    expect(ordered([1, 2, 3], DEFAULT_QUEUE)).toEqual([1, 2, 3]);
  });

  it('finds the previous and next item, and starts at the top for an unknown one', () => {
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(neighbours(list, 'b')).toEqual({ index: 1, previous: { id: 'a' }, next: { id: 'c' } });
    expect(neighbours(list, 'a').previous).toBeNull();
    expect(neighbours(list, 'c').next).toBeNull();
    expect(neighbours(list, 'zz')).toEqual({ index: -1, previous: null, next: { id: 'a' } });
  });
});
