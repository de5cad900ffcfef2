import type { BaseMessage } from '@langchain/core/messages';
import { lazyAsync, valueToText } from '@flowpress/shared';
import { FEEDBACK_PREFIX, jsonInstruction } from '../llm/protocol.js';

/**
 * LangChain's message classes, imported on the first prompt (not before a model is needed).
 * The messages are built directly: what `ChatPromptTemplate.fromMessages([['system', '{system}'],
 * ['human', '{prompt}']]).formatMessages(...)` gave for the same text (messages.spec.ts compares
 * them), without its per-call template machinery or loading `@langchain/core/prompts` at all.
 * The user's text is never parsed as a template, so `{` or `{{x}}` reaches the model verbatim.
 */
const messageClasses = lazyAsync(() => import('@langchain/core/messages'));

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
  const { HumanMessage, SystemMessage } = await messageClasses();
  return system
    ? [new SystemMessage(system), new HumanMessage(prompt)]
    : [new HumanMessage(prompt)];
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
