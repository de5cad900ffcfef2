import { isoAt, isoNow } from './iso-time.js';

describe('isoAt', () => {
  it('is toISOString, for repeated and changing times alike', () => {
    for (const ms of [0, 0, 1_764_000_000_123, 1_764_000_000_123, 1_764_000_000_124, 0, -1])
      expect(isoAt(ms)).toBe(new Date(ms).toISOString());
  });

  it('throws for an invalid time, as toISOString does, and remembers nothing from it', () => {
    expect(isoAt(5)).toBe(new Date(5).toISOString());
    expect(() => isoAt(Number.NaN)).toThrow(RangeError);
    expect(isoAt(5)).toBe(new Date(5).toISOString());
  });

  it('isoNow is the current time', () => {
    const before = Date.now();
    const now = Date.parse(isoNow());
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
