import { NodeError, type NodeExecutor } from '../contract.js';
import type { InputConfig } from './definition.js';
import { checkRunInputs } from './run-inputs.js';

/**
 * Exposes the run's inputs, one port per field. The server validated them at `POST /runs`; this
 * checks again because runs also start from schedules and resumes, and applies defaults. Its
 * settings arrive parsed (`ctx.config`), so only the values are checked here.
 */
export const inputExecutor: NodeExecutor<InputConfig> = {
  type: 'input',
  async execute(ctx) {
    const checked = checkRunInputs(ctx.config.fields, ctx.runInputs, { allowUnknown: true });
    if (!checked.ok) {
      const detail = checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      throw new NodeError(`invalid run inputs: ${detail}`, { code: 'invalid_inputs' });
    }
    return { output: checked.value };
  },
};
