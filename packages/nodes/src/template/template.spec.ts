import { runNode } from '../testing.js';
import { templateDefinition } from './definition.js';
import { templateExecutor } from './executor.js';

describe('template node', () => {
  it('returns the rendered template as text, without calling a model', async () => {
    const { output, tokens, usage } = await runNode(templateDefinition, templateExecutor, {
      config: { template: 'Title: Solar\n\nBody with {braces}' },
      inputs: { in: ['ignored'] },
    });
    expect(output).toEqual({ text: 'Title: Solar\n\nBody with {braces}' });
    expect(tokens).toEqual([]);
    expect(usage).toEqual([]);
  });

  it('declares the template as its template field', () => {
    expect(templateDefinition.templateFields).toEqual(['template']);
    expect(templateDefinition.outputs).toEqual([{ name: 'text', type: 'text', label: 'Text' }]);
  });
});
