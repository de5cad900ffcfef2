import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { NodeError } from '../contract.js';
import { classifyError } from '../errors.js';
import { ChatTransport } from '../llm/openai-transport.js';
import { withRetry } from '../net/retry.js';
import { promptDefinition } from '../prompt/definition.js';
import { promptExecutor } from '../prompt/executor.js';
import { denyOutboundConnections, runNode, startMockOpenAI, type MockOpenAI } from '../testing.js';
import { createProviders } from './index.js';
import { LeanChatOpenAI } from './lean-chat.js';

const SCHEMA = {
  type: 'object',
  required: ['title'],
  properties: { title: { type: 'string' } },
};

function leanModel(url: string, timeoutMs?: number) {
  const transport = new ChatTransport({ apiKey: 'k', baseURL: url, timeoutMs });
  const openAI = async () =>
    new ChatOpenAI({
      model: 'mock-gpt',
      apiKey: 'k',
      configuration: { baseURL: url },
      maxRetries: 0,
    });
  return { transport, model: new LeanChatOpenAI({ model: 'mock-gpt', transport, openAI }) };
}

async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function collect(model: LeanChatOpenAI, text: string, signal?: AbortSignal) {
  let out = '';
  for await (const chunk of await model.stream([new HumanMessage(text)], { signal }))
    out += chunk.text;
  return out;
}

/** The engine's retry decision, from the same classification it uses. */
const engineDecision = (error: unknown) => {
  const info = classifyError(error);
  return info.retryAfterMs === undefined
    ? { retry: info.retryable }
    : { retry: info.retryable, retryAfterMs: info.retryAfterMs };
};

describe('the OpenAI provider over the lean transport', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(() => mock.close());
  const chatRequests = () => mock.requests.filter((r) => r.path === '/v1/chat/completions');

  it('is a LangChain chat model; streamed tokens concatenate to the output; usage reported', async () => {
    const services = createProviders({ apiKey: 'k', baseURL: mock.url, llmModel: 'mock-gpt' });
    expect(await services.llm.chatModel({})).toBeInstanceOf(LeanChatOpenAI);
    mock.script({ reply: 'Solar panels cut costs for small offices.' });
    const { output, tokens, usage } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Write about solar panels', maxTokens: 100 },
      services,
    });
    expect(output).toEqual({ text: 'Solar panels cut costs for small offices.' });
    expect(tokens.join('')).toBe(output?.['text']);
    expect(usage).toEqual([
      { model: 'mock-gpt', provider: 'openai', inputTokens: 7, outputTokens: 7, totalTokens: 14 },
    ]);
    expect(chatRequests().at(-1)?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: 100,
    });
  });

  it('answers invoke() from the stream with usage, and opens no outbound connection', async () => {
    const guard = denyOutboundConnections();
    try {
      const { model } = leanModel(mock.url);
      mock.script({ reply: 'Three short words' });
      const message = await model.invoke([new HumanMessage('hello')]);
      expect(message.text).toBe('Three short words');
      expect(message.usage_metadata).toMatchObject({ output_tokens: 3 });
      expect(message.response_metadata).toMatchObject({ model_name: 'mock-gpt' });
      expect(guard.attempts).toEqual([]);
    } finally {
      guard.restore();
    }
  });

  it('429 then success: retried by the engine policy, waiting the Retry-After', async () => {
    const { model } = leanModel(mock.url);
    mock.script({ status: 429, retryAfter: 7 }, { reply: 'after the wait' });
    const waits: number[] = [];
    const text = await withRetry(() => collect(model, 'hi'), {
      shouldRetry: engineDecision,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    expect(text).toBe('after the wait');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(7000);
  });

  it('500: classified as a retryable provider failure, then succeeds', async () => {
    const { model } = leanModel(mock.url);
    mock.script({ status: 500, message: 'upstream broke' });
    const err = await thrown(() => collect(model, 'hi'));
    expect(classifyError(err)).toMatchObject({ code: 'provider_error', retryable: true });
    expect(classifyError(err).message).toContain('upstream broke');
    mock.script({ status: 500 }, { reply: 'second try' });
    const attempts: number[] = [];
    const text = await withRetry((n) => (attempts.push(n), collect(model, 'hi')), {
      shouldRetry: engineDecision,
      sleep: () => Promise.resolve(),
    });
    expect([text, attempts]).toEqual(['second try', [1, 2]]);
  });

  it('400: not retryable, with the provider words', async () => {
    const { model } = leanModel(mock.url);
    mock.script({ status: 400, message: 'unknown model' });
    const info = classifyError(await thrown(() => collect(model, 'hi')));
    expect(info).toMatchObject({ code: 'invalid_request', retryable: false });
    expect(info.message).toContain('unknown model');
  });

  it('a hanging provider times out, retryably', async () => {
    const { model } = leanModel(mock.url, 100);
    mock.script({ hang: true });
    expect(classifyError(await thrown(() => collect(model, 'hi')))).toMatchObject({
      code: 'timeout',
      retryable: true,
    });
  });

  it('structured output: the JSON answer is still parsed and validated', async () => {
    const services = createProviders({ apiKey: 'k', baseURL: mock.url });
    mock.script({ json: { title: 'Solar' } });
    const ok = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'A title', outputSchema: SCHEMA },
      services,
    });
    expect(ok.output?.['json']).toEqual({ title: 'Solar' });
    mock.script({ json: { headline: 'Solar' } });
    const err = await thrown(() =>
      runNode(promptDefinition, promptExecutor, {
        config: { template: 'A title', outputSchema: SCHEMA },
        services,
      }),
    );
    expect(err).toBeInstanceOf(NodeError);
    expect((err as NodeError).options.code).toBe('output_schema_mismatch');
  });

  it('hands tool calling and response_format structured output to ChatOpenAI', async () => {
    const { model } = leanModel(mock.url);
    const tool = {
      type: 'function' as const,
      function: { name: 'lookup', description: 'Looks up', parameters: { type: 'object' } },
    };
    await model.bindTools([tool]).invoke([new HumanMessage('use the tool')]);
    expect(chatRequests().at(-1)?.body).toMatchObject({
      tools: [{ function: { name: 'lookup' } }],
    });
    mock.script({ json: { title: 'Solar' } });
    const structured = model.withStructuredOutput(z.object({ title: z.string() }), {
      method: 'jsonSchema',
    });
    expect(await structured.invoke([new HumanMessage('a title')])).toEqual({ title: 'Solar' });
    expect(chatRequests().at(-1)?.body).toMatchObject({ response_format: { type: 'json_schema' } });
  });
});

describe('aborting a lean stream', () => {
  let slow: MockOpenAI;
  beforeAll(async () => {
    slow = await startMockOpenAI({ tokenDelayMs: 20 });
  });
  afterAll(() => slow.close());

  it('stops the request mid-stream and rejects with the abort reason', async () => {
    const { model, transport } = leanModel(slow.url);
    const reply = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    slow.script({ reply });
    const controller = new AbortController();
    let received = '';
    const err = await thrown(async () => {
      const stream = await model.stream([new HumanMessage('go')], { signal: controller.signal });
      for await (const chunk of stream) {
        received += chunk.text;
        controller.abort(new Error('stop now'));
      }
    });
    expect((err as Error).message).toBe('stop now');
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(reply.length);
    // The socket is destroyed, not returned to the keep-alive pool with the answer still coming;
    // the pool lets go of it on its 'close' event, a few turns of the event loop later.
    for (let turn = 0; turn < 100 && transport.openSockets > 0; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    expect(transport.openSockets).toBe(0);
    // The model is still usable after an abort.
    slow.script({ reply: 'next' });
    expect(await collect(model, 'again')).toBe('next');
    transport.close();
  });
});

describe('a malformed stream', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (req.url?.includes('cut')) res.end('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n');
      else res.end('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {oops\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fails with a clear, non-retryable error naming the bad event', async () => {
    const err = await thrown(() => collect(leanModel(url).model, 'hi'));
    expect(classifyError(err)).toMatchObject({ code: 'malformed_stream', retryable: false });
    expect((err as Error).message).toContain('malformed stream event');
    expect((err as Error).message).toContain('{oops');
  });

  it('a stream that ends before the answer finished is a retryable provider failure', async () => {
    const err = await thrown(() => collect(leanModel(`${url}/cut`).model, 'hi'));
    expect(classifyError(err)).toMatchObject({ code: 'provider_error', retryable: true });
    expect((err as Error).message).toContain('ended the stream before the answer finished');
  });
});
