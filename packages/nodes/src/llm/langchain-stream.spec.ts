/**
 * patches/@langchain__core@1.4.0.patch: `IterableReadableStream.fromAsyncGenerator` (what every
 * `model.stream()` returns) must not enqueue after closing. Unpatched, the end of each stream built
 * and swallowed a TypeError with its stack.
 */
import { IterableReadableStream } from '@langchain/core/utils/stream';

describe('LangChain stream end (patched)', () => {
  const proto = ReadableStreamDefaultController.prototype;
  const enqueue = proto.enqueue;
  let refused = 0;
  beforeEach(() => {
    refused = 0;
    proto.enqueue = function (this: ReadableStreamDefaultController, chunk?: unknown) {
      try {
        enqueue.call(this, chunk);
      } catch (error) {
        refused++;
        throw error;
      }
    };
  });
  afterEach(() => {
    proto.enqueue = enqueue;
  });

  it('yields every value and never enqueues after close', async () => {
    async function* three() {
      yield 'a';
      yield 'b';
      yield 'c';
    }
    const seen: string[] = [];
    for await (const v of IterableReadableStream.fromAsyncGenerator(three())) seen.push(v);
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(refused).toBe(0);
  });

  it('still passes a generator error to the reader', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'a';
      throw new Error('provider went away');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const v of IterableReadableStream.fromAsyncGenerator(failing())) seen.push(v);
      })(),
    ).rejects.toThrow('provider went away');
    expect(seen).toEqual(['a']);
  });
});
