import { runNode } from '../testing.js';
import { registry } from '../registry.js';
import { inputDefinition, type InputConfig } from './definition.js';
import { inputExecutor } from './executor.js';
import { validateRunInputs } from './run-inputs.js';

const config: InputConfig = {
  fields: [
    { name: 'topic', type: 'text', required: true },
    { name: 'words', type: 'number', default: 600 },
    { name: 'draft', type: 'boolean' },
    { name: 'meta', type: 'json', required: true, label: 'Metadata' },
  ],
};

describe('validateRunInputs', () => {
  it('accepts valid inputs and applies defaults', () => {
    const result = validateRunInputs(config, { topic: 'Solar', meta: { a: 1 } });
    expect(result).toEqual({
      ok: true,
      value: { topic: 'Solar', words: 600, draft: null, meta: { a: 1 } },
      issues: [],
    });
  });

  it('reports missing required fields, with their labels', () => {
    const result = validateRunInputs(config, { topic: '' });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([
      { path: 'inputs.topic', message: 'topic is required' },
      { path: 'inputs.meta', message: 'Metadata is required' },
    ]);
  });

  it('coerces nothing: "3" is not a number, "true" is not a boolean, 5 is not text', () => {
    const result = validateRunInputs(config, { topic: 5, words: '3', draft: 'true', meta: null });
    expect(result.issues.map((i) => i.path)).toEqual([
      'inputs.topic',
      'inputs.words',
      'inputs.draft',
      'inputs.meta',
    ]);
    expect(result.issues[0]?.message).toBe('topic must be text, got the number 5');
    expect(result.issues[1]?.message).toBe('words must be a number, got text "3"');
    expect(result.issues[2]?.message).toBe('draft must be true or false, got text "true"');
  });

  it('refuses unknown keys unless allowed', () => {
    const inputs = { topic: 'x', meta: 1, topik: 'typo' };
    expect(validateRunInputs(config, inputs).issues).toEqual([
      {
        path: 'inputs.topik',
        message: '"topik" is not an input of this workflow (inputs: topic, words, draft, meta)',
      },
    ]);
    expect(validateRunInputs(config, inputs, { allowUnknown: true }).ok).toBe(true);
  });

  it('refuses inputs that are not an object, and accepts none when nothing is required', () => {
    expect(validateRunInputs(config, ['a']).issues).toEqual([
      { path: 'inputs', message: 'must be an object of field values' },
    ]);
    expect(validateRunInputs({ fields: [{ name: 'x', type: 'text' }] }, undefined)).toEqual({
      ok: true,
      value: { x: '' },
      issues: [],
    });
  });

  it('reports a broken config instead of throwing', () => {
    const result = validateRunInputs({ fields: [{ name: '1bad' }] }, {});
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.path).toBe('config.fields[0].name');
  });
});

describe('input config', () => {
  it('rejects non-identifier and duplicate names, and defaults of the wrong type', () => {
    const issues = registry.checkConfig('input', {
      fields: [
        { name: 'topic', type: 'text' },
        { name: 'topic', type: 'text' },
        { name: 'my field', type: 'text' },
        { name: 'n', type: 'number', default: 'ten' },
      ],
    });
    expect(issues).toEqual([
      {
        path: 'fields[2].name',
        message: 'must be an identifier: letters, digits and _, not starting with a digit',
      },
      { path: 'fields[3].default', message: 'the default must be a number, got text "ten"' },
      { path: 'fields[1].name', message: 'duplicate field name "topic"' },
    ]);
  });

  it('declares one output per field through dynamicOutputs', () => {
    expect(inputDefinition.dynamicOutputs?.fromConfigList.typeMap).toEqual({
      text: 'text',
      number: 'json',
      boolean: 'json',
      json: 'json',
    });
  });
});

describe('input executor', () => {
  it('outputs one port per field from the run inputs', async () => {
    const { output } = await runNode(inputDefinition, inputExecutor, {
      config,
      runInputs: { topic: 'Solar', meta: [1], extra: 1 },
    });
    expect(output).toEqual({ topic: 'Solar', words: 600, draft: null, meta: [1] });
  });

  it('fails, not retryably, when a required input is missing', async () => {
    await expect(
      runNode(inputDefinition, inputExecutor, { config, runInputs: {} }),
    ).rejects.toMatchObject({
      retryable: false,
      options: { code: 'invalid_inputs' },
    });
  });
});
