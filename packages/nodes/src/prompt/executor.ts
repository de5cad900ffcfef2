import type { NodeExecutor } from '../contract.js';
import { streamChat } from '../llm/stream.js';
import type { PromptConfig } from './definition.js';
import { buildMessages } from './messages.js';
import { assertMatchesSchema, parseModelJson } from './structured.js';

export const promptExecutor: NodeExecutor<PromptConfig> = {
  type: 'prompt',
  async execute(ctx) {
    const { config } = ctx;
    const messages = await buildMessages({
      template: config.template,
      system: config.system,
      context: ctx.inputs['context'],
      feedback: ctx.vars['feedback'],
      outputSchema: config.outputSchema,
    });
    const text = await streamChat(ctx, messages, {
      model: config.model,
      temperature: config.temperature,
      maxTokens: config.maxTokens,
      emitTokens: true,
    });
    if (!config.outputSchema) return { output: { text } };
    const json = parseModelJson(text);
    assertMatchesSchema(json, config.outputSchema);
    return { output: { text, json } };
  },
};
