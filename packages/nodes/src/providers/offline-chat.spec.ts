import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { Validator, type Schema } from '@cfworker/json-schema';
import { jsonInstruction, YES_NO_INSTRUCTION, yesNoQuestion } from '../llm/protocol.js';
import { OFFLINE_LABEL } from './offline-writer.js';
import { OfflineChatModel, splitWords } from './offline-chat.js';

async function stream(model: OfflineChatModel, messages: (HumanMessage | SystemMessage)[]) {
  const chunks = [];
  for await (const chunk of await model.stream(messages)) chunks.push(chunk);
  return chunks;
}

describe('OfflineChatModel', () => {
  const model = new OfflineChatModel();
  const prompt = [
    new HumanMessage(
      'Write a blog post about solar panels for small offices.\n\nFacts:\n[1] Panels pay for themselves within seven years in most regions.',
    ),
  ];

  it('streams word by word, deterministically, with usage on the last chunk', async () => {
    const first = await stream(model, prompt);
    const second = await stream(model, prompt);
    const text = first.map((c) => c.text).join('');
    expect(second.map((c) => c.text).join('')).toBe(text);
    expect(first.length).toBeGreaterThan(50);
    expect(first.slice(0, -1).every((c) => c.text.trim().split(/\s+/).length === 1)).toBe(true);
    const last = first.at(-1)!;
    expect(last.usage_metadata).toEqual({
      input_tokens: expect.any(Number),
      output_tokens: first.length - 1,
      total_tokens: expect.any(Number),
    });
    expect(last.response_metadata).toMatchObject({ offline: true, model_provider: 'offline' });
  });

  it('writes labelled marketing Markdown about the topic, using the facts given', async () => {
    const text = (await stream(model, prompt)).map((c) => c.text).join('');
    const lines = text.split('\n');
    expect(lines[0]).toBe(OFFLINE_LABEL);
    expect(lines.find((l) => l.startsWith('# '))).toMatch(/Solar Panels/);
    expect(lines.filter((l) => l.startsWith('## '))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('- ')).length).toBeGreaterThanOrEqual(9);
    // A retrieved passage's citation stays with the fact it supports.
    expect(text).toContain('Panels pay for themselves within seven years in most regions [1].');
    expect(lines.at(-1)).toMatch(/^\*\*.+\*\*$/);
  });

  it('answers different prompts differently, and invoke() agrees with stream()', async () => {
    const other = (await model.invoke([new HumanMessage('Write about remote work for startups')]))
      .text;
    expect(other).toMatch(/remote work/i);
    expect(other).not.toBe((await model.invoke(prompt)).text);
    expect((await model.invoke(prompt)).text).toBe(
      (await stream(model, prompt)).map((c) => c.text).join(''),
    );
  });

  it('answers JSON that validates against the schema it was given', async () => {
    const schema: Schema = {
      type: 'object',
      required: ['title', 'summary', 'tags', 'readingMinutes', 'status', 'author', 'sections'],
      properties: {
        title: { type: 'string', maxLength: 60 },
        summary: { type: 'string', minLength: 20 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 5 },
        readingMinutes: { type: 'integer', minimum: 3, maximum: 12 },
        status: { enum: ['draft', 'final'] },
        featured: { type: 'boolean' },
        author: { $ref: '#/$defs/person' },
        sections: {
          type: 'array',
          items: {
            type: 'object',
            properties: { heading: { type: 'string' } },
            required: ['heading'],
          },
        },
        published: { type: ['string', 'null'], format: 'date' },
      },
      $defs: {
        person: {
          type: 'object',
          required: ['name', 'email'],
          properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } },
        },
      },
    };
    const messages = [
      new SystemMessage(jsonInstruction(schema)),
      new HumanMessage('Plan a post about electric bikes'),
    ];
    const text = (await stream(model, messages)).map((c) => c.text).join('');
    const value: unknown = JSON.parse(text);
    expect(new Validator(schema, '2020-12', false).validate(value).errors).toEqual([]);
    expect(value).toMatchObject({ title: 'Electric Bikes' });
  });

  it('answers yes or no to a condition by word overlap', async () => {
    const ask = (condition: string, text: string) =>
      model.invoke([
        new SystemMessage(YES_NO_INSTRUCTION),
        new HumanMessage(yesNoQuestion(condition, text)),
      ]);
    expect((await ask('mentions pricing', 'Our pricing starts at $5.')).text).toBe('yes');
    expect((await ask('mentions pricing', 'A poem about the sea.')).text).toBe('no');
  });

  it('cuts prose at maxTokens', async () => {
    const short = new OfflineChatModel({ maxTokens: 5 });
    const chunks = await stream(short, prompt);
    expect(chunks.filter((c) => c.text)).toHaveLength(5);
  });

  it('stops streaming when aborted', async () => {
    const slow = new OfflineChatModel({ tokenDelayMs: 5 });
    const controller = new AbortController();
    const seen: string[] = [];
    const consume = (async () => {
      for await (const chunk of await slow.stream(prompt, { signal: controller.signal })) {
        seen.push(chunk.text);
        if (seen.length === 3) controller.abort();
      }
    })();
    await expect(consume).rejects.toBeDefined();
    expect(seen.length).toBeLessThan(6);
  });
});

describe('splitWords', () => {
  it.each(['', 'one', '  lead and trail  ', 'a\n\nb\tc'])('joins back to %j', (text) => {
    expect(splitWords(text).join('')).toBe(text);
  });
});
