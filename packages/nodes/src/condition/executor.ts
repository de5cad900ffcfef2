import { lazyAsync, valueToText } from '@flowpress/shared';
import { NodeError, type NodeContext, type NodeExecutor } from '../contract.js';
import { parseYesNo, YES_NO_INSTRUCTION, yesNoQuestion } from '../llm/protocol.js';
import { streamChat } from '../llm/stream.js';
import { patternProblem, type ConditionConfig } from './definition.js';
import { patternMatches } from './regex.js';

// LangChain's message classes, imported on the first `llm` condition (not at start).
const langchainMessages = lazyAsync(() => import('@langchain/core/messages'));

/** A regex runs on at most this much text, so one huge input can't stall the worker. */
export const MAX_REGEX_SUBJECT_CHARS = 100_000;

/**
 * Outputs only the taken port (`{ true: value }` or `{ false: value }`): the engine treats edges
 * from the absent port as dead and skips that branch.
 */
export const conditionExecutor: NodeExecutor<ConditionConfig> = {
  type: 'condition',
  async execute(ctx) {
    const { config } = ctx;
    // The tested value travels on: the rendered `input`, else what arrived on `in` as it was.
    const passed: unknown = config.input !== '' ? config.input : (ctx.inputs['in'] ?? '');
    const subject = valueToText(passed);
    const taken = await decide(ctx, subject);
    return { output: taken ? { true: passed } : { false: passed } };
  },
};

async function decide(ctx: NodeContext<ConditionConfig>, subject: string): Promise<boolean> {
  const { when, value, caseSensitive } = ctx.config;
  const fold = (s: string) => (caseSensitive ? s : s.toLocaleLowerCase());
  switch (when) {
    case 'contains':
      return fold(subject).includes(fold(value));
    case 'equals':
      return fold(subject.trim()) === fold(value.trim());
    case 'matches':
      return matches(ctx, subject);
    case 'llm':
      return askModel(ctx, subject);
  }
}

async function matches(ctx: NodeContext<ConditionConfig>, subject: string): Promise<boolean> {
  const { value, caseSensitive } = ctx.config;
  // `value` is a template field: what was checked at save time may render differently.
  const problem = patternProblem(value, caseSensitive);
  if (problem) throw new NodeError(problem, { code: 'invalid_config' });
  let text = subject;
  if (text.length > MAX_REGEX_SUBJECT_CHARS) {
    ctx.emit({
      type: 'log',
      level: 'warn',
      message: `input is ${text.length} characters; the expression was tested on the first ${MAX_REGEX_SUBJECT_CHARS}`,
    });
    text = text.slice(0, MAX_REGEX_SUBJECT_CHARS);
  }
  return patternMatches(value, caseSensitive, text, ctx.signal);
}

async function askModel(ctx: NodeContext<ConditionConfig>, subject: string): Promise<boolean> {
  // Message objects, not a prompt template: the user's text is never parsed for variables.
  const { HumanMessage, SystemMessage } = await langchainMessages();
  const messages = [
    new SystemMessage(YES_NO_INSTRUCTION),
    new HumanMessage(yesNoQuestion(ctx.config.value, subject)),
  ];
  const answer = await streamChat(ctx, messages, {
    model: ctx.config.model,
    temperature: 0,
    emitTokens: false,
  });
  const verdict = parseYesNo(answer);
  if (verdict === null) {
    const preview = answer.length > 80 ? `${answer.slice(0, 80)}…` : answer;
    throw new NodeError(`the model answered ${JSON.stringify(preview)} instead of yes or no`, {
      code: 'unclear_answer',
    });
  }
  ctx.emit({ type: 'log', level: 'info', message: `the model answered ${verdict ? 'yes' : 'no'}` });
  return verdict;
}
