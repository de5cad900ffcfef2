import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HumanMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import { NodeError } from '../contract.js';
import { classifyError } from '../errors.js';
import { ChatTransport } from '../llm/openai-transport.js';
import { streamChat, type TextPiece } from '../llm/stream.js';
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

  it('streamText yields what stream() yields, from the same request', async () => {
    const { model, transport } = leanModel(mock.url);
    const reply = 'Solar panels cut costs for small offices, and the savings arrive early.';
    mock.script({ reply });
    let viaLangChain = '';
    let langChainUsage: unknown;
    let langChainModel: unknown;
    for await (const chunk of await model.stream([new HumanMessage('same prompt')])) {
      viaLangChain += chunk.text;
      langChainUsage = chunk.usage_metadata ?? langChainUsage;
      langChainModel = chunk.response_metadata?.['model_name'] ?? langChainModel;
    }
    const langChainBody = chatRequests().at(-1)?.body;
    mock.script({ reply });
    const pieces: TextPiece[] = [];
    for await (const piece of model.streamText(
      [new HumanMessage('same prompt')],
      new AbortController().signal,
    ))
      pieces.push(piece);
    expect(pieces.map((p) => p.text).join('')).toBe(reply);
    expect(viaLangChain).toBe(reply);
    expect(pieces.find((p) => p.usage)?.usage).toEqual(langChainUsage);
    expect(pieces.find((p) => p.model)?.model).toBe(langChainModel);
    expect(langChainModel).toBe('mock-gpt');
    expect(chatRequests().at(-1)?.body).toEqual(langChainBody);
    transport.close();
  });

  it("a prompt step streams through streamText, not LangChain's stream()", async () => {
    const services = createProviders({ apiKey: 'k', baseURL: mock.url, llmModel: 'mock-gpt' });
    const proto = LeanChatOpenAI.prototype;
    const original = proto.stream;
    let viaStream = 0;
    proto.stream = function (this: LeanChatOpenAI, ...args: Parameters<typeof original>) {
      viaStream++;
      return original.apply(this, args);
    };
    try {
      mock.script({ reply: 'Straight from the transport.' });
      const { output, tokens, usage } = await runNode(promptDefinition, promptExecutor, {
        config: { template: 'Say it' },
        services,
      });
      expect(output).toEqual({ text: 'Straight from the transport.' });
      expect(tokens.join('')).toBe('Straight from the transport.');
      expect(usage[0]).toMatchObject({ model: 'mock-gpt', provider: 'openai', outputTokens: 4 });
      expect(viaStream).toBe(0);
    } finally {
      proto.stream = original;
    }
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

describe('aborting a step on the direct path (streamText)', () => {
  let slow: MockOpenAI;
  beforeAll(async () => {
    slow = await startMockOpenAI({ tokenDelayMs: 20 });
  });
  afterAll(() => slow.close());

  it('rejects with the abort reason, frees the socket, and the model works afterwards', async () => {
    const { model, transport } = leanModel(slow.url);
    const reply = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    slow.script({ reply });
    const controller = new AbortController();
    const tokens: string[] = [];
    const ctx = {
      services: { llm: { id: 'openai', defaultModel: 'mock-gpt', chatModel: async () => model } },
      signal: controller.signal,
      emit: (event: { type: string; text?: string }) => {
        if (event.type === 'token' && event.text) tokens.push(event.text);
        controller.abort(new Error('stop now'));
      },
      reportUsage: () => undefined,
    } as unknown as Parameters<typeof streamChat>[0];
    const err = await thrown(() => streamChat(ctx, [new HumanMessage('go')], { emitTokens: true }));
    expect((err as Error).message).toBe('stop now');
    expect(tokens.join('').length).toBeGreaterThan(0);
    expect(tokens.join('').length).toBeLessThan(reply.length);
    for (let turn = 0; turn < 100 && transport.openSockets > 0; turn++)
      await new Promise((resolve) => setImmediate(resolve));
    expect(transport.openSockets).toBe(0);
    slow.script({ reply: 'next' });
    let again = '';
    for await (const piece of model.streamText(
      [new HumanMessage('again')],
      new AbortController().signal,
    ))
      again += piece.text;
    expect(again).toBe('next');
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
