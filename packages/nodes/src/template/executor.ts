import type { NodeExecutor } from '../contract.js';
import type { TemplateConfig } from './definition.js';

/** Pure: the engine rendered `template` before calling; the result is the output. */
export const templateExecutor: NodeExecutor<TemplateConfig> = {
  type: 'template',
  async execute(ctx) {
    return { output: { text: ctx.config.template } };
  },
};
