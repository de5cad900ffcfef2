import { startMockOpenAI, type MockOpenAI, type TokenWrite } from './mock-openai.js';

const chatBody = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'mock-gpt',
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Tell me about solar panels please' },
    ],
    ...extra,
  });

describe('mock OpenAI server', () => {
  let mock: MockOpenAI;
  const post = (path: string, body: string, auth = 'Bearer k') =>
    fetch(`${mock.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
      body,
    });
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(() => mock.close());

  it('streams SSE exactly like the real protocol', async () => {
    const response = await post(
      '/chat/completions',
      chatBody({ stream: true, stream_options: { include_usage: true } }),
    );
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map(
      (e) =>
        JSON.parse(e.replace(/^data: /, '')) as {
          object: string;
          choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
          usage: unknown;
        },
    );
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const usageChunk = chunks.at(-1)!;
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toEqual({ prompt_tokens: 14, completion_tokens: 8, total_tokens: 22 });
    const finish = chunks.at(-2)!;
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    const content = chunks
      .slice(0, -2)
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    expect(content).toBe('Mock reply: Tell me about solar panels please');
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('omits the usage chunk unless asked, and answers non-streaming completions', async () => {
    const events = (await (await post('/chat/completions', chatBody({ stream: true }))).text())
      .split('\n\n')
      .filter(Boolean);
    expect(JSON.parse(events.at(-2)!.slice(6))).toMatchObject({
      choices: [{ finish_reason: 'stop' }],
    });
    const plain = (await (await post('/chat/completions', chatBody())).json()) as Record<
      string,
      unknown
    >;
    expect(plain).toMatchObject({
      object: 'chat.completion',
      choices: [
        {
          message: { role: 'assistant', content: 'Mock reply: Tell me about solar panels please' },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 14, completion_tokens: 8, total_tokens: 22 },
    });
  });

  it('consumes scripted steps in order', async () => {
    mock.script({ status: 429, retryAfter: 3 }, { status: 500 }, { json: { ok: true } });
    const limited = await post('/chat/completions', chatBody());
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect(((await limited.json()) as { error: { type: string } }).error.type).toBe(
      'rate_limit_error',
    );
    expect((await post('/chat/completions', chatBody())).status).toBe(500);
    const json = (await (await post('/chat/completions', chatBody())).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(json.choices[0]?.message.content).toBe('{"ok":true}');
    expect((await post('/chat/completions', chatBody())).status).toBe(200);
  });

  it('requires a bearer token and records requests', async () => {
    const response = await post('/chat/completions', chatBody(), '');
    expect(response.status).toBe(401);
    expect(mock.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      authorization: undefined,
    });
  });

  it('lists models and refuses unknown routes', async () => {
    const models = await fetch(`${mock.url}/models`, { headers: { authorization: 'Bearer k' } });
    expect(((await models.json()) as { data: { id: string }[] }).data[0]?.id).toBe('mock-gpt');
    expect((await post('/nope', '{}')).status).toBe(404);
  });

  it('hangs on request and lets close() end the hanging connection', async () => {
    const own = await startMockOpenAI();
    own.script({ hang: true });
    const pending = fetch(`${own.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: chatBody(),
    });
    const outcome = Promise.race([
      pending.then(
        () => 'answered',
        () => 'closed',
      ),
      new Promise((r) => setTimeout(() => r('hanging'), 100)),
    ]);
    expect(await outcome).toBe('hanging');
    await own.close();
    expect(
      await pending.then(
        () => 'answered',
        () => 'closed',
      ),
    ).toBe('closed');
  });

  it('uses the reply function and token latency', async () => {
    const own = await startMockOpenAI({ reply: (r) => `model ${r.model}`, tokenDelayMs: 15 });
    try {
      const started = Date.now();
      const text = await (
        await fetch(`${own.url}/chat/completions`, {
          method: 'POST',
          headers: { authorization: 'Bearer k' },
          body: chatBody({ stream: true }),
        })
      ).text();
      expect(text).toContain('"content":"mock-gpt"');
      expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    } finally {
      await own.close();
    }
  });
  it('reports each streamed token write with its offset, and takes new options for later requests', async () => {
    const writes: TokenWrite[] = [];
    const initial = { reply: () => 'one two three' };
    const own = await startMockOpenAI(initial);
    try {
      own.configure({ onTokenWrite: (w) => writes.push(w), reply: () => 'alpha beta' });
      const text = await (
        await fetch(`${own.url}/chat/completions`, {
          method: 'POST',
          headers: { authorization: 'Bearer k' },
          body: chatBody({ stream: true }),
        })
      ).text();
      expect(text).toContain('"content":"beta"');
      expect(writes.map((w) => [w.offset, w.text])).toEqual([
        [0, 'alpha '],
        [6, 'beta'],
      ]);
      expect(new Set(writes.map((w) => w.completionId)).size).toBe(1);
      // The caller's options object is left as it was.
      expect(initial.reply()).toBe('one two three');
      expect('onTokenWrite' in initial).toBe(false);
    } finally {
      await own.close();
    }
  });
});
