import { runNode, startMockOpenAI, type MockOpenAI } from '../testing.js';
import { createProviders, OFFLINE_LABEL } from '../providers/index.js';
import { NodeError } from '../contract.js';
import { promptDefinition } from './definition.js';
import { promptExecutor } from './executor.js';
import { parseModelJson } from './structured.js';

const SCHEMA = {
  type: 'object',
  required: ['title', 'tags'],
  properties: {
    title: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' }, minItems: 1 },
  },
};

describe('prompt node against an OpenAI-compatible server (the OpenAI provider)', () => {
  let mock: MockOpenAI;
  let services: ReturnType<typeof createProviders>;
  beforeAll(async () => {
    mock = await startMockOpenAI();
    services = createProviders({ apiKey: 'test-key', baseURL: mock.url, llmModel: 'mock-gpt' });
  });
  afterAll(() => mock.close());

  const lastChat = () =>
    mock.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)?.body as {
      messages: { role: string; content: string }[];
      stream: boolean;
      stream_options?: { include_usage?: boolean };
      model: string;
      temperature?: number;
      max_tokens?: number;
    };

  it('streams tokens that concatenate to the output and reports the provider usage', async () => {
    mock.script({ reply: 'Solar panels cut costs for small offices. Start with an audit.' });
    const { output, tokens, usage } = await runNode(promptDefinition, promptExecutor, {
      config: {
        template: 'Write about solar panels',
        system: 'You write for ACME.',
        temperature: 0.3,
        maxTokens: 200,
      },
      services,
    });
    // Tokens that arrive in one network read are emitted as one piece (providers/lean-chat.ts).
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.join('')).toBe(output?.['text']);
    expect(output).toEqual({
      text: 'Solar panels cut costs for small offices. Start with an audit.',
    });
    const body = lastChat();
    expect(body.stream).toBe(true);
    expect(body.stream_options?.include_usage).toBe(true);
    expect(body.temperature).toBe(0.3);
    expect(body.max_tokens).toBe(200);
    expect(body.messages).toEqual([
      { role: 'system', content: 'You write for ACME.' },
      { role: 'user', content: 'Write about solar panels' },
    ]);
    // The mock counts 3 + words per message for input and words for output.
    expect(usage).toEqual([
      { model: 'mock-gpt', provider: 'openai', inputTokens: 14, outputTokens: 11, totalTokens: 25 },
    ]);
  });

  it('sends braces in user text verbatim (never parsed as LangChain variables)', async () => {
    const template = 'Fill {topic} and {{brief.topic}} and a JSON {"a": 1}';
    await runNode(promptDefinition, promptExecutor, {
      config: { template, system: 'Use {curly} braces' },
      services,
    });
    const body = lastChat();
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Use {curly} braces' });
    expect(body.messages[1]).toEqual({ role: 'user', content: template });
  });

  it("appends the reviewer's feedback and unreferenced context", async () => {
    await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Draft a post. Facts: fact one' },
      inputs: { context: ['fact one', 'fact two'] },
      vars: { feedback: 'Shorter, please.' },
      services,
    });
    const user = lastChat().messages.at(-1)?.content;
    expect(user).toBe(
      'Draft a post. Facts: fact one\n\nContext:\nfact two\n\nReviewer feedback to address: Shorter, please.',
    );
  });

  it('ignores empty feedback', async () => {
    await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Hi' },
      vars: { feedback: '  ' },
      services,
    });
    expect(lastChat().messages).toEqual([{ role: 'user', content: 'Hi' }]);
  });

  it('answers {text, json} for an output schema, tolerating a ```json fence', async () => {
    mock.script({ reply: '```json\n{"title": "Solar", "tags": ["energy"]}\n```' });
    const { output } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Give me a title', outputSchema: SCHEMA },
      services,
    });
    expect(output?.['json']).toEqual({ title: 'Solar', tags: ['energy'] });
    const system = lastChat().messages[0]?.content ?? '';
    expect(system).toContain('Output only the JSON');
    expect(system).toContain(JSON.stringify(SCHEMA));
  });

  it('fails clearly, and not retryably, when the JSON does not match the schema', async () => {
    mock.script({ json: { title: 42, tags: [] } });
    const run = runNode(promptDefinition, promptExecutor, {
      config: { template: 'Title?', outputSchema: SCHEMA },
      services,
    });
    await expect(run).rejects.toThrow(NodeError);
    await run.catch((err: NodeError) => {
      expect(err.retryable).toBe(false);
      expect(err.options.code).toBe('output_schema_mismatch');
      expect(err.message).toMatch(/\/title: Instance type "number" is invalid/);
      expect(err.message).toMatch(/\/tags: Array has too few items/);
    });
  });

  it('fails clearly when the answer is not JSON at all', async () => {
    mock.script({ reply: 'Sorry, I cannot do that.' });
    await expect(
      runNode(promptDefinition, promptExecutor, {
        config: { template: 'Title?', outputSchema: SCHEMA },
        services,
      }),
    ).rejects.toThrow(/did not answer valid JSON/);
  });

  it('builds one LangChain model per setting, not per execution', async () => {
    const a = await services.llm.chatModel({ model: 'm', temperature: 0.5 });
    expect(await services.llm.chatModel({ model: 'm', temperature: 0.5 })).toBe(a);
    expect(await services.llm.chatModel({ model: 'm', temperature: 0.7 })).not.toBe(a);
  });

  it('stops when the run is canceled mid-stream', async () => {
    const slow = await startMockOpenAI({
      tokenDelayMs: 20,
      reply: () => 'one two three four five six seven eight nine ten',
    });
    try {
      const controller = new AbortController();
      const slowServices = createProviders({ apiKey: 'k', baseURL: slow.url });
      const run = runNode(promptDefinition, promptExecutor, {
        config: { template: 'Count' },
        services: slowServices,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 60);
      await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await slow.close();
    }
  });
});

describe('prompt node offline', () => {
  it('streams a labelled Markdown draft about the topic', async () => {
    const { output, tokens, usage } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Write a blog post about solar panels for small offices' },
    });
    const text = String(output?.['text']);
    expect(text.startsWith(OFFLINE_LABEL)).toBe(true);
    expect(text).toMatch(/solar panels/i);
    expect(tokens.join('')).toBe(text);
    expect(usage[0]).toMatchObject({ provider: 'offline', model: 'flowpress-offline' });
    expect(usage[0]?.outputTokens).toBe(tokens.length);
  });

  it('answers JSON matching the output schema', async () => {
    const { output } = await runNode(promptDefinition, promptExecutor, {
      config: { template: 'Suggest a title about remote work', outputSchema: SCHEMA },
    });
    const json = output?.['json'] as { title: string; tags: string[] };
    expect(json.title).toMatch(/Remote Work/);
    expect(json.tags.length).toBeGreaterThan(0);
  });
});

describe('parseModelJson', () => {
  it.each([
    ['{"a":1}', { a: 1 }],
    ['```json\n[1,2]\n```', [1, 2]],
    ['Here you go: {"a": {"b": 2}} Enjoy!', { a: { b: 2 } }],
  ])('reads %j', (text, expected) => {
    expect(parseModelJson(text)).toEqual(expected);
  });
});

describe('prompt config', () => {
  it('rejects a temperature above 2 and an invalid schema type', () => {
    const parsed = promptDefinition.config.safeParse({
      template: 'x',
      temperature: 3,
      outputSchema: { type: 'thing' },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'temperature',
      'outputSchema.type',
    ]);
  });
});
