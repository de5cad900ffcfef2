import { classifyDbError, jsonForDb, withoutNul } from './db-errors.js';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('database errors', () => {
  it('calls lost connections, serialization failures, deadlocks and shutdowns transient', () => {
    for (const code of [
      '08006',
      '08003',
      '40001',
      '40P01',
      '57P01',
      '57P03',
      '53300',
      'ECONNRESET',
      'ECONNREFUSED',
    ]) {
      expect([code, classifyDbError(pgError(code))]).toEqual([code, 'transient']);
    }
    expect(classifyDbError(new Error('Connection terminated unexpectedly'))).toBe('transient');
  });

  it('calls data and constraint errors permanent', () => {
    for (const code of ['22P05', '22021', '22001', '23505', '23503']) {
      expect([code, classifyDbError(pgError(code))]).toEqual([code, 'permanent']);
    }
  });

  it('leaves anything else unknown', () => {
    expect(classifyDbError(new Error('boom'))).toBe('unknown');
    expect(classifyDbError(pgError('42P01'))).toBe('unknown');
  });

  it('strips U+0000 from every string and key of a jsonb value, and nothing else', () => {
    expect(withoutNul('a\u0000b')).toBe('ab');
    const value = {
      'k\u0000ey': ['x\u0000', { deep: 'y\u0000z', n: 1, ok: true, nil: null }],
      literal: '\\u0000',
    };
    expect(JSON.parse(jsonForDb(value))).toEqual({
      key: ['x', { deep: 'yz', n: 1, ok: true, nil: null }],
      literal: '\\u0000',
    });
  });

  it('encodes a value without U+0000 exactly as the stripping encoding does', () => {
    const stripping = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => v);
    const values: unknown[] = [
      { text: 'Hello there.', usage: { inputTokens: 3 }, when: new Date(0), gone: undefined },
      ['a', 1, null, true, { nested: ['\ud83d\ude00', 'é', '\n\t"'] }],
      { literal: 'backslash then \\u0000', other: 'x' },
      'plain',
      42,
      null,
    ];
    for (const value of values) expect(jsonForDb(value)).toBe(stripping(value));
    // A literal backslash-u-0000 text looks like an escaped NUL to the quick check: still intact.
    expect(JSON.parse(jsonForDb({ s: 'a\\u0000b\u0000c' }))).toEqual({ s: 'a\\u0000bc' });
  });
});
