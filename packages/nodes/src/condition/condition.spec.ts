import { runNode, startMockOpenAI, type MockOpenAI } from '../testing.js';
import { registry } from '../registry.js';
import { createProviders } from '../providers/index.js';
import { conditionDefinition, type ConditionConfig } from './definition.js';
import { conditionExecutor, MAX_REGEX_SUBJECT_CHARS } from './executor.js';

const run = (config: Partial<ConditionConfig>, inputs: Record<string, unknown> = {}) =>
  runNode(conditionDefinition, conditionExecutor, { config, inputs });

describe('condition node', () => {
  it('outputs only the taken port, carrying the input value', async () => {
    expect(
      (await run({ when: 'contains', value: 'solar' }, { in: 'All about Solar power' })).output,
    ).toEqual({
      true: 'All about Solar power',
    });
    expect(
      (await run({ when: 'contains', value: 'wind' }, { in: 'All about Solar power' })).output,
    ).toEqual({
      false: 'All about Solar power',
    });
  });

  it('prefers the rendered input template and passes JSON values through unchanged', async () => {
    expect(
      (await run({ when: 'equals', value: 'yes', input: '  YES ' }, { in: 'no' })).output,
    ).toEqual({ true: '  YES ' });
    const doc = { status: 'approved' };
    expect((await run({ when: 'contains', value: '"approved"' }, { in: doc })).output).toEqual({
      true: doc,
    });
  });

  it('honours caseSensitive', async () => {
    expect(
      (await run({ when: 'contains', value: 'Solar', caseSensitive: true }, { in: 'solar' }))
        .output,
    ).toEqual({ false: 'solar' });
    expect(
      (await run({ when: 'equals', value: 'Solar', caseSensitive: false }, { in: 'solar' })).output,
    ).toEqual({ true: 'solar' });
  });

  it('matches regular expressions', async () => {
    expect(
      (await run({ when: 'matches', value: '^draft-\\d+$' }, { in: 'DRAFT-42' })).output,
    ).toEqual({ true: 'DRAFT-42' });
    expect(
      (
        await run(
          { when: 'matches', value: '^draft-\\d+$', caseSensitive: true },
          { in: 'DRAFT-42' },
        )
      ).output,
    ).toEqual({
      false: 'DRAFT-42',
    });
  });

  it('tests a regex on a bounded prefix of a huge input, and says so', async () => {
    const huge = `${'a'.repeat(MAX_REGEX_SUBJECT_CHARS)}needle`;
    const { output, logs } = await run({ when: 'matches', value: 'needle' }, { in: huge });
    expect(output).toEqual({ false: huge });
    expect(logs[0]?.level).toBe('warn');
  });

  // V8's backtracking engine takes exponential time on these; RE2 answers in linear time.
  it.each(['^(a|a)*$', '^(a{1,})+$', '^(a|aa)+$', '(a+)+$'])(
    'runs the catastrophic pattern %s on a long input and answers',
    async (pattern) => {
      const subject = `${'a'.repeat(5_000)}!`;
      const { output } = await run({ when: 'matches', value: pattern }, { in: subject });
      expect(Object.keys(output ?? {})).toEqual(['false']);
    },
  );

  it('matches a large program on a long input off the event loop, and gives the same answer', async () => {
    // 900 instructions × 20k characters is past the inline budget: this goes to a worker thread.
    const subject = `${'ab'.repeat(10_000)}${'a'.repeat(300)}`;
    const { output } = await run({ when: 'matches', value: '(?:a?){300}a{300}' }, { in: subject });
    expect(output).toEqual({ true: subject });
    const { output: miss } = await run(
      { when: 'matches', value: '(?:a?){300}a{300}$' },
      { in: 'ab'.repeat(10_000) },
    );
    expect(miss).toEqual({ false: 'ab'.repeat(10_000) });
  });

  it('stops a worker-thread match when the node is aborted', async () => {
    const controller = new AbortController();
    const pending = runNode(conditionDefinition, conditionExecutor, {
      config: { when: 'matches', value: '(?:a?){300}a{300}' },
      inputs: { in: 'ab'.repeat(50_000) },
      signal: controller.signal,
    });
    controller.abort(new Error('the step timed out'));
    await expect(pending).rejects.toThrow('the step timed out');
  });

  it('fails the step clearly when a templated pattern is not RE2 syntax', async () => {
    // Templated patterns are checked when the step runs (the template decides the expression).
    await expect(
      run({ when: 'matches', value: '(?=x){{brief.topic}}' }, { in: 'x' }),
    ).rejects.toThrow(/invalid regular expression \(RE2 syntax/);
  });

  it('asks the offline model a yes/no question', async () => {
    const { output, usage } = await run(
      { when: 'llm', value: 'Is the text about solar panels?' },
      { in: 'Our new solar panels halve office energy bills.' },
    );
    expect(output).toEqual({ true: 'Our new solar panels halve office energy bills.' });
    expect(usage[0]?.provider).toBe('offline');
    expect(
      (
        await run(
          { when: 'llm', value: 'Does it mention pricing discounts?' },
          { in: 'A poem about the sea.' },
        )
      ).output,
    ).toEqual({
      false: 'A poem about the sea.',
    });
  });
});

describe('condition node with a real model (mock server)', () => {
  let mock: MockOpenAI;
  beforeAll(async () => {
    mock = await startMockOpenAI();
  });
  afterAll(() => mock.close());

  it.each([
    ['Yes.', { true: 'text' }],
    ['**No** - it does not.', { false: 'text' }],
  ])('reads the answer %j', async (reply, expected) => {
    mock.script({ reply });
    const services = createProviders({ apiKey: 'k', baseURL: mock.url });
    const { output, tokens } = await runNode(conditionDefinition, conditionExecutor, {
      config: { when: 'llm', value: 'Is it good?' },
      inputs: { in: 'text' },
      services,
    });
    expect(output).toEqual(expected);
    expect(tokens).toEqual([]);
    const body = mock.requests.at(-1)?.body as { stream: boolean; temperature: number };
    expect(body.stream).toBe(true);
    expect(body.temperature).toBe(0);
  });

  it('fails clearly when the model answers neither yes nor no', async () => {
    mock.script({ reply: 'It depends on the context.' });
    const services = createProviders({ apiKey: 'k', baseURL: mock.url });
    await expect(
      runNode(conditionDefinition, conditionExecutor, {
        config: { when: 'llm', value: 'Good?' },
        inputs: { in: 'x' },
        services,
      }),
    ).rejects.toThrow('the model answered "It depends on the context." instead of yes or no');
  });
});

describe('condition config', () => {
  it('rejects invalid and catastrophic regular expressions', () => {
    expect(registry.checkConfig('condition', { when: 'matches', value: '([a-z' })[0]).toMatchObject(
      {
        path: 'value',
        message: expect.stringContaining('invalid regular expression'),
      },
    );
    expect(
      registry.checkConfig('condition', { when: 'matches', value: '(?=draft)\\w+' })[0]?.message,
    ).toMatch(/RE2 syntax.*lookaround/);
    expect(registry.checkConfig('condition', { when: 'matches', value: '(a)\\1' })).toHaveLength(1);
    expect(registry.checkConfig('condition', { when: 'matches', value: '' })[0]?.message).toMatch(
      /write the regular expression/,
    );
    expect(
      registry.checkConfig('condition', { when: 'matches', value: '^(draft|final)-\\d+$' }),
    ).toEqual([]);
  });

  it('needs a question for llm and knows only the four kinds', () => {
    expect(registry.checkConfig('condition', { when: 'llm', value: ' ' })).toEqual([
      { path: 'value', message: 'write the condition the model should check' },
    ]);
    expect(registry.checkConfig('condition', { when: 'greater' })[0]?.path).toBe('when');
  });
});
