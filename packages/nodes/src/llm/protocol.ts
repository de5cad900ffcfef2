/**
 * The words the nodes put in front of a chat model, in one place: the offline model reads the
 * same markers to answer in kind (JSON for a schema, one word for a yes/no question), so
 * structured output and `llm` conditions work without a provider.
 */
import { isRecord } from '../util/zod-issues.js';

export const FEEDBACK_PREFIX = 'Reviewer feedback to address:';

export const JSON_SCHEMA_MARKER = 'JSON Schema of the answer:';

/** System instructions for structured output; the schema comes last so it can be read back. */
export function jsonInstruction(schema: Record<string, unknown>): string {
  return [
    'Answer with one JSON value that conforms to the JSON Schema below.',
    'Output only the JSON: no explanations, no Markdown, no code fences.',
    JSON_SCHEMA_MARKER,
    JSON.stringify(schema),
  ].join('\n');
}

/** The schema a `jsonInstruction` carries, or null when `text` holds none. */
export function extractJsonSchema(text: string): Record<string, unknown> | null {
  const at = text.lastIndexOf(JSON_SCHEMA_MARKER);
  if (at < 0) return null;
  try {
    const parsed: unknown = JSON.parse(text.slice(at + JSON_SCHEMA_MARKER.length).trim());
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const YES_NO_INSTRUCTION =
  'You decide whether a text satisfies a condition. Answer with exactly one word: yes or no.';
export const CONDITION_LABEL = 'Condition:';
export const TEXT_LABEL = 'Text:';

export function yesNoQuestion(condition: string, text: string): string {
  return `${CONDITION_LABEL} ${condition}\n\n${TEXT_LABEL}\n${text}`;
}

/** Reads a `yesNoQuestion` back: the offline model answers it by word overlap. */
export function parseYesNoQuestion(question: string): { condition: string; text: string } | null {
  if (!question.startsWith(CONDITION_LABEL)) return null;
  const split = question.indexOf(`\n\n${TEXT_LABEL}\n`);
  if (split < 0) return null;
  return {
    condition: question.slice(CONDITION_LABEL.length, split).trim(),
    text: question.slice(split + TEXT_LABEL.length + 3),
  };
}

/** A model's yes/no answer: true, false, or null when it said something else. */
export function parseYesNo(answer: string): boolean | null {
  const word = /^[\s"'*_`.(]*(yes|no|true|false)\b/i.exec(answer)?.[1]?.toLowerCase();
  if (word === undefined) return null;
  return word === 'yes' || word === 'true';
}
