import type { RunEventInput } from '@flowpress/shared';
import { TokenCoalescer } from './node-context.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const text = (e: RunEventInput) => (e.data as { text: string }).text;

describe('TokenCoalescer', () => {
  it('turns tokens of one node ready in the same turn into one event, text concatenated in order', async () => {
    const out: RunEventInput[] = [];
    const tokens = new TokenCoalescer((e) => out.push(e));
    tokens.add('draft', 'Hel');
    tokens.add('draft', 'lo, ');
    tokens.add('draft', 'world');
    expect(out).toEqual([]);
    await nextTurn();
    expect(out).toEqual([{ type: 'node.token', nodeId: 'draft', data: { text: 'Hello, world' } }]);
  });

  it('sends a lone token on the next turn of the event loop, then starts a new batch', async () => {
    const out: RunEventInput[] = [];
    const tokens = new TokenCoalescer((e) => out.push(e));
    tokens.add('draft', 'one');
    await nextTurn();
    tokens.add('draft', ' two');
    await nextTurn();
    expect(out.map(text)).toEqual(['one', ' two']);
  });

  it('keeps nodes apart, in the order they first spoke, and skips empty text', async () => {
    const out: RunEventInput[] = [];
    const tokens = new TokenCoalescer((e) => out.push(e));
    tokens.add('a', '1');
    tokens.add('b', 'x');
    tokens.add('a', '2');
    tokens.add('c', '');
    await nextTurn();
    expect(out.map((e) => [e.nodeId, text(e)])).toEqual([
      ['a', '12'],
      ['b', 'x'],
    ]);
  });

  it('flush() sends what waits at once and nothing is sent twice', async () => {
    const out: RunEventInput[] = [];
    const tokens = new TokenCoalescer((e) => out.push(e));
    tokens.add('draft', 'before the end');
    tokens.flush();
    out.push({ type: 'node.completed', nodeId: 'draft', data: { output: { text: 'before the end' } } });
    tokens.flush();
    await nextTurn();
    expect(out.map((e) => e.type)).toEqual(['node.token', 'node.completed']);
  });
});
