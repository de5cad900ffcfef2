import OpenAI, { APIConnectionTimeoutError, APIUserAbortError } from 'openai';
import { HumanMessage } from '@langchain/core/messages';
import { startMockOpenAI, type MockOpenAI } from './testing.js';
import { createProviders } from './providers/index.js';
import { NodeError } from './contract.js';
import { classifyError, retryAfterMs } from './errors.js';

/** Runs `fn`, returns what it threw. */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('classifyError with real openai client errors', () => {
  let mock: MockOpenAI;
  let client: OpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    client = new OpenAI({ apiKey: 'k', baseURL: mock.url, maxRetries: 0, timeout: 300 });
  });
  afterAll(() => mock.close());
  const chat = (signal?: AbortSignal) =>
    client.chat.completions.create(
      { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      { signal },
    );

  it('429 with Retry-After: retryable after the delay', async () => {
    mock.script({ status: 429, retryAfter: 7 });
    expect(classifyError(await thrown(() => chat()))).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 7000,
    });
  });

  it('429 through ChatOpenAI (LangChain wraps it): still read', async () => {
    mock.script({ status: 429, retryAfter: 2 });
    const { llm } = createProviders({ apiKey: 'k', baseURL: mock.url });
    const err = await thrown(async () => {
      for await (const _ of await (await llm.chatModel({})).stream([new HumanMessage('hi')])) void _;
    });
    expect(classifyError(err)).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(mock.requests.filter((r) => r.path === '/v1/chat/completions').length).toBeGreaterThan(
      0,
    );
  });

  it('500: retryable', async () => {
    mock.script({ status: 500 });
    expect(classifyError(await thrown(() => chat()))).toMatchObject({
      code: 'provider_error',
      retryable: true,
    });
  });

  it('400 and 401: not retryable', async () => {
    mock.script({ status: 400, message: 'bad model' });
    const bad = classifyError(await thrown(() => chat()));
    expect(bad).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(bad.message).toContain('bad model');
    const noKey = classifyError(
      await thrown(() =>
        fetch(`${mock.url}/models`).then(async (r) => {
          throw Object.assign(new Error(await r.text()), { status: r.status });
        }),
      ),
    );
    expect(noKey).toMatchObject({ code: 'unauthorized', retryable: false });
  });

  it('abort: code aborted, not retryable', async () => {
    mock.script({ hang: true });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    expect(classifyError(await thrown(() => chat(controller.signal)))).toEqual({
      message: 'the run was canceled',
      code: 'aborted',
      retryable: false,
    });
  });

  it('timeout on a hanging server: retryable', async () => {
    mock.script({ hang: true });
    const result = classifyError(await thrown(() => chat()));
    expect(result.retryable).toBe(true);
    // Plain Node gives APIConnectionTimeoutError ('timeout'); inside Jest's VM the client can't
    // recognise its own timeout abort across realms and reports a connection error.
    expect(['timeout', 'connection_error']).toContain(result.code);
  });

  it('connection refused: retryable', async () => {
    const closed = await startMockOpenAI();
    await closed.close();
    const offline = new OpenAI({ apiKey: 'k', baseURL: closed.url, maxRetries: 0 });
    const err = await thrown(() => offline.models.list());
    expect(classifyError(err)).toMatchObject({ code: 'connection_error', retryable: true });
  });
});

describe('classifyError for other values', () => {
  it('keeps a NodeError as thrown', () => {
    expect(
      classifyError(new NodeError('bad', { code: 'x', retryable: true, retryAfterMs: 5 })),
    ).toEqual({
      message: 'bad',
      code: 'x',
      retryable: true,
      retryAfterMs: 5,
    });
  });
  it('reads the client error classes', () => {
    expect(classifyError(new APIConnectionTimeoutError())).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
    expect(classifyError(new APIUserAbortError())).toMatchObject({
      code: 'aborted',
      retryable: false,
    });
  });
  it('treats unknown errors and strings as not retryable', () => {
    expect(classifyError(new TypeError('boom'))).toEqual({ message: 'boom', retryable: false });
    expect(classifyError('nope')).toEqual({ message: 'nope', retryable: false });
    expect(classifyError(undefined)).toEqual({ message: 'unknown error', retryable: false });
  });
  it('finds network codes under fetch’s "fetch failed"', () => {
    const err = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(classifyError(err)).toMatchObject({ code: 'connection_error', retryable: true });
  });
});

describe('retryAfterMs', () => {
  it('reads retry-after-ms, seconds and HTTP dates, capped at 10 minutes', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
    expect(retryAfterMs({ 'retry-after': '99999' })).toBe(600_000);
    const inFive = new Date(Date.now() + 5000).toUTCString();
    expect(retryAfterMs({ 'retry-after': inFive })).toBeGreaterThan(3000);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
