import { ChatPromptTemplate } from '@langchain/core/prompts';
import type { BaseMessage } from '@langchain/core/messages';
import { buildMessages } from './messages.js';

/** What the prompt node built with LangChain's prompt templates before it built messages itself. */
async function viaTemplates(system: string, prompt: string): Promise<BaseMessage[]> {
  const template = system
    ? ChatPromptTemplate.fromMessages([
        ['system', '{system}'],
        ['human', '{prompt}'],
      ])
    : ChatPromptTemplate.fromMessages([['human', '{prompt}']]);
  return template.formatMessages(system ? { system, prompt } : { prompt });
}

const shape = (messages: BaseMessage[]) =>
  messages.map((m) => ({
    type: m.getType(),
    content: m.content,
    name: m.name,
    additional_kwargs: m.additional_kwargs,
    response_metadata: m.response_metadata,
  }));

describe('buildMessages', () => {
  const cases: [string, string, string][] = [
    ['a plain prompt', '', 'Write about solar panels'],
    ['a system prompt', 'You write for marketers.', 'Write about solar panels'],
    ['braces and mustache text, verbatim', 'Answer as {json}', 'Use {{brief.topic}} and {x}'],
    ['an empty prompt', '', ''],
    ['unicode and newlines', 'Système', 'Ligne 1\nLigne 2 — ✓'],
  ];
  for (const [name, system, template] of cases)
    it(`builds what LangChain's prompt templates built: ${name}`, async () => {
      const built = await buildMessages({ template, system });
      expect(shape(built)).toEqual(shape(await viaTemplates(system, template)));
      expect(built.at(-1)?.content).toBe(template);
    });

  it('adds context and feedback to the human message, and a JSON instruction to the system one', async () => {
    const built = await buildMessages({
      template: 'Draft a post',
      context: ['Fact one', 'Fact two'],
      feedback: 'Shorter, please',
      outputSchema: { type: 'object', properties: { title: { type: 'string' } } },
    });
    expect(built.map((m) => m.getType())).toEqual(['system', 'human']);
    expect(built[1]?.content).toContain('Context:\nFact one\n\nFact two');
    expect(built[1]?.content).toContain('Shorter, please');
    expect(String(built[0]?.content)).toContain('title');
  });
});
