import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from '@langchain/core/messages';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { convertMessagesToCompletionsMessageParams } from '@langchain/openai';
import { plainCompletionMessages } from './lean-chat.js';

const langchain = (messages: BaseMessage[], model: string) =>
  convertMessagesToCompletionsMessageParams({ messages, model });

describe('plainCompletionMessages (the lean path without @langchain/openai)', () => {
  const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } };
  const cases: [string, BaseMessage[]][] = [
    ['a human message', [new HumanMessage('Hello {x} {{y}}')]],
    ['system + human', [new SystemMessage('Be brief.'), new HumanMessage('Why?')]],
    [
      'a conversation',
      [new SystemMessage('s'), new HumanMessage('q'), new AIMessage('a'), new HumanMessage('q2')],
    ],
    [
      'text and image parts',
      [new HumanMessage({ content: [{ type: 'text', text: 'What is this?' }, image] })],
    ],
    ['empty content', [new HumanMessage('')]],
  ];

  for (const model of ['gpt-4o-mini', 'o3-mini', 'gpt-5', 'gpt-5-chat-latest', 'llama3'])
    for (const [name, messages] of cases)
      it(`writes what LangChain writes: ${name}, ${model}`, () => {
        expect(plainCompletionMessages(messages, model)).toEqual(langchain(messages, model));
      });

  it('writes what LangChain writes for the prompt node’s own templates', async () => {
    const template = ChatPromptTemplate.fromMessages([
      ['system', '{system}'],
      ['human', '{prompt}'],
    ]);
    const messages = await template.formatMessages({ system: 'JSON only', prompt: 'A {title}' });
    expect(plainCompletionMessages(messages, 'gpt-4o-mini')).toEqual(
      langchain(messages, 'gpt-4o-mini'),
    );
  });

  it('leaves anything beyond plain chat to LangChain’s converter', () => {
    const withTools = new AIMessage({
      content: '',
      tool_calls: [{ id: 'c1', name: 'lookup', args: { q: 'x' } }],
    });
    const others: BaseMessage[][] = [
      [withTools],
      [new ToolMessage({ content: 'result', tool_call_id: 'c1' })],
      [new HumanMessage({ content: 'hi', name: 'ann' })],
      [
        new HumanMessage({
          content: [{ type: 'image', source_type: 'base64', data: 'AA', mime_type: 'image/png' }],
        }),
      ],
      [
        new AIMessage({
          content: 'x',
          additional_kwargs: { function_call: { name: 'f', arguments: '{}' } },
        }),
      ],
      [new AIMessage({ content: 'x', response_metadata: { output_version: 'v1' } })],
      [new HumanMessage({ content: [{ type: 'text', text: 'x', extras: { a: 1 } }] })],
    ];
    for (const messages of others)
      expect(plainCompletionMessages(messages, 'gpt-4o-mini')).toBeNull();
  });
});
