import { kindOf, labelFor } from './jsonSchema';
import { errorsByPath, validateObject } from './validate';

const inputSchema = {
  type: 'object',
  properties: {
    fields: {
      type: 'array',
      maxItems: 2,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', minLength: 1, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
          type: { type: 'string', enum: ['text', 'number'] },
          required: { type: 'boolean' },
        },
        required: ['name'],
      },
    },
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    maxTokens: { type: 'integer', minimum: 1 },
    template: { type: 'string', minLength: 1 },
  },
  required: ['template'],
};

describe('the schema form validator', () => {
  it('reports people-friendly messages by path, including inside lists', () => {
    const errors = errorsByPath(
      validateObject(inputSchema, {
        fields: [{ name: '1bad', type: 'text' }, { type: 'nope' }, { name: 'c' }],
        temperature: 3,
        maxTokens: 1.5,
      }),
    );
    expect(errors.get('template')).toBe('Required');
    expect(errors.get('fields')).toBe('Keep at most 2');
    expect(errors.get('fields.0.name')).toBe(
      'Use letters, digits and _ only, starting with a letter',
    );
    expect(errors.get('fields.1.name')).toBe('Required');
    expect(errors.get('fields.1.type')).toContain('Choose one of');
    expect(errors.get('temperature')).toBe('Use 2 or less');
    expect(errors.get('maxTokens')).toBe('Enter a whole number');
  });

  it('accepts a valid config', () => {
    expect(
      validateObject(inputSchema, {
        template: 'Hi',
        fields: [{ name: 'topic' }],
        temperature: 0.7,
      }),
    ).toEqual([]);
  });

  it('picks a widget kind and a label for each schema', () => {
    expect(kindOf({ type: 'string', enum: ['a'] })).toBe('enum');
    expect(kindOf({ type: 'object' })).toBe('json');
    expect(kindOf({ anyOf: [{ type: 'number' }, { type: 'null' }] })).toBe('number');
    expect(labelFor('maxTokens', {})).toBe('Maximum length (tokens)');
    expect(labelFor('knowledgeBaseId', {})).toBe('Knowledge base');
    expect(labelFor('someNewKey', {})).toBe('Some new key');
  });
});
