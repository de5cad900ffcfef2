import type { ChatPromptTemplate } from '@langchain/core/prompts';
import type { BaseMessage } from '@langchain/core/messages';
import { lazyAsync, valueToText } from '@flowpress/shared';
import { FEEDBACK_PREFIX, jsonInstruction } from '../llm/protocol.js';

/**
 * The templates only hold LangChain variables; the user's text goes in as variable values, which
 * LangChain never parses. So a prompt containing `{` or `{{x}}` reaches the model verbatim.
 * Built once, on the first prompt (LangChain is not imported before a model is needed).
 */
const templates = lazyAsync(
  async (): Promise<{
    withSystem: ChatPromptTemplate;
    withoutSystem: ChatPromptTemplate;
  }> => {
    const { ChatPromptTemplate } = await import('@langchain/core/prompts');
    return {
      withSystem: ChatPromptTemplate.fromMessages([
        ['system', '{system}'],
        ['human', '{prompt}'],
      ]),
      withoutSystem: ChatPromptTemplate.fromMessages([['human', '{prompt}']]),
    };
  },
);

export interface PromptParts {
  /** The rendered template. */
  template: string;
  system?: string;
  /** Values on the `context` input; appended when the template did not already include them. */
  context?: unknown;
  /** The reviewer's comment on a previous draft. */
  feedback?: unknown;
  outputSchema?: Record<string, unknown>;
}

export async function buildMessages(parts: PromptParts): Promise<BaseMessage[]> {
  let prompt = parts.template;
  const extra = contextNotInTemplate(parts.template, parts.context);
  if (extra.length) prompt += `\n\nContext:\n${extra.join('\n\n')}`;
  const feedback = typeof parts.feedback === 'string' ? parts.feedback.trim() : '';
  // A template may already show `{{feedback}}` itself; don't say it twice.
  if (feedback && !parts.template.includes(feedback))
    prompt += `\n\n${FEEDBACK_PREFIX} ${feedback}`;

  const systemParts = [
    parts.system?.trim(),
    parts.outputSchema && jsonInstruction(parts.outputSchema),
  ];
  const system = systemParts.filter((s): s is string => !!s).join('\n\n');
  const { withSystem, withoutSystem } = await templates();
  return system
    ? withSystem.formatMessages({ system, prompt })
    : withoutSystem.formatMessages({ prompt });
}

/**
 * Connecting an edge to `context` should matter even when the template forgot `{{node}}`, so
 * values not already rendered into the template are appended (in arrival order).
 */
function contextNotInTemplate(template: string, context: unknown): string[] {
  if (context === undefined || context === null) return [];
  const values = Array.isArray(context) ? context : [context];
  const out: string[] = [];
  for (const value of values) {
    const text = valueToText(value).trim();
    if (text && !template.includes(text) && !out.includes(text)) out.push(text);
  }
  return out;
}
