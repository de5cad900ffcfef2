import { parseTemplate } from '@flowpress/shared';
import { checkRefs } from './checkRefs';
import { findQuery, insertRef } from './findQuery';
import type { UpstreamRefs } from './useUpstreamRefs';

const refs: UpstreamRefs = {
  options: [],
  upstream: new Set(['brief']),
  portsByNode: new Map([['brief', new Set(['topic'])]]),
  jsonDefault: new Set(),
  allIds: new Set(['brief', 'later']),
};

describe('template references', () => {
  it('marks references to upstream outputs as fine and everything else as a problem', () => {
    const checks = checkRefs(
      parseTemplate('{{brief.topic}} {{later.text}} {{ghost}} {{brief.nope}} {{feedback}}'),
      refs,
    );
    expect(checks.map((c) => [c.raw, c.ok])).toEqual([
      ['brief.topic', true],
      ['later.text', false],
      ['ghost', false],
      ['brief.nope', false],
      ['feedback', true],
    ]);
    expect(checks[1]?.message).toContain('not connected before this step');
  });

  it('finds the reference being typed and completes it', () => {
    expect(findQuery('Hello {{bri', 11)).toEqual({ start: 6, text: 'bri' });
    expect(findQuery('Hello {{brief.topic}} and', 25)).toBeNull();
    const done = insertRef('Hello {{bri}} there', 11, 6, 'brief.topic');
    expect(done.text).toBe('Hello {{brief.topic}} there');
    expect(done.caret).toBe(21);
  });
});
