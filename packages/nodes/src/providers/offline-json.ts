/**
 * The offline model's structured output: a value that satisfies the JSON Schema it was given,
 * filled deterministically from the prompt's topic, so `outputSchema` works without a provider.
 * Covers the common keywords (type, properties, items, enum, const, anyOf/oneOf/allOf, local
 * $ref, min/max); exotic constraints (pattern, if/then) are not solved.
 */
import { isRecord } from '../util/zod-issues.js';
import { pick } from '../util/hash.js';
import { titleCase, type PromptFeatures } from './text-features.js';

type JsonSchema = Record<string, unknown>;
const MAX_DEPTH = 8;

interface FillState {
  root: JsonSchema;
  rand: () => number;
  features: PromptFeatures;
  /** Position inside the enclosing array, so list items differ. */
  index?: number;
}

export function fillSchema(
  root: JsonSchema,
  rand: () => number,
  features: PromptFeatures,
): unknown {
  return fill(root, { root, rand, features }, 'value', 0);
}

function fill(schema: unknown, state: FillState, key: string, depth: number): unknown {
  if (schema === true || !isRecord(schema) || depth > MAX_DEPTH) return null;
  const s = resolveRef(schema, state.root);
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum']) && s['enum'].length) return pick(state.rand, s['enum']);
  for (const combo of ['anyOf', 'oneOf'] as const) {
    const options = s[combo];
    if (Array.isArray(options) && options.length) {
      const option = options.find((o) => !(isRecord(o) && o['type'] === 'null')) ?? options[0];
      return fill(option, state, key, depth + 1);
    }
  }
  if (Array.isArray(s['allOf'])) {
    const merged: JsonSchema = { ...s, allOf: undefined };
    for (const part of s['allOf'])
      if (isRecord(part)) Object.assign(merged, resolveRef(part, state.root));
    return fill(merged, state, key, depth + 1);
  }
  switch (typeOf(s)) {
    case 'object':
      return fillObject(s, state, depth);
    case 'array':
      return fillArray(s, state, key, depth);
    case 'integer':
      return fillNumber(s, state, true);
    case 'number':
      return fillNumber(s, state, false);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return fillString(s, state, key);
  }
}

function typeOf(s: JsonSchema): string {
  const type = s['type'];
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return String(type.find((t) => t !== 'null') ?? type[0] ?? 'string');
  if (isRecord(s['properties'])) return 'object';
  if (s['items'] !== undefined) return 'array';
  return 'string';
}

function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < MAX_DEPTH && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    if (!ref.startsWith('#')) break;
    let target: unknown = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      target = isRecord(target)
        ? target[decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')]
        : undefined;
    }
    if (!isRecord(target)) break;
    const { $ref: _ignored, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

function fillObject(s: JsonSchema, parent: FillState, depth: number): Record<string, unknown> {
  const state: FillState = { ...parent, index: undefined };
  const out: Record<string, unknown> = {};
  const properties = isRecord(s['properties']) ? s['properties'] : {};
  for (const [name, sub] of Object.entries(properties))
    out[name] = fill(sub, state, name, depth + 1);
  // Required names without a property schema still need a value.
  if (Array.isArray(s['required'])) {
    for (const name of s['required'])
      if (typeof name === 'string' && !(name in out)) out[name] = fillString({}, state, name);
  }
  return out;
}

function fillArray(s: JsonSchema, state: FillState, key: string, depth: number): unknown[] {
  const min = typeof s['minItems'] === 'number' ? s['minItems'] : 0;
  const max = typeof s['maxItems'] === 'number' ? s['maxItems'] : 3;
  const count = Math.max(min, Math.min(3, max));
  const prefix = Array.isArray(s['prefixItems']) ? s['prefixItems'] : [];
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = prefix[i] ?? s['items'] ?? {};
    out.push(fill(itemSchema, { ...state, index: i }, singular(key), depth + 1));
  }
  return out;
}

function fillNumber(s: JsonSchema, state: FillState, integer: boolean): number {
  const num = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : undefined);
  const lo =
    num('minimum') ?? (num('exclusiveMinimum') !== undefined ? num('exclusiveMinimum')! + 1 : 1);
  const hi =
    num('maximum') ??
    (num('exclusiveMaximum') !== undefined ? num('exclusiveMaximum')! - 1 : Math.max(lo, 10));
  const value = lo + state.rand() * Math.max(0, hi - lo);
  return integer
    ? Math.min(Math.max(Math.round(value), Math.ceil(lo)), Math.floor(hi))
    : Math.round(value * 100) / 100;
}

function fillString(s: JsonSchema, state: FillState, key: string): string {
  const { topic, keywords } = state.features;
  const i = state.index;
  const format = s['format'];
  let text: string;
  if (format === 'date-time') text = '2025-01-01T09:00:00Z';
  else if (format === 'date') text = '2025-01-01';
  else if (format === 'email') text = 'hello@example.com';
  else if (format === 'uri' || format === 'url') text = `https://example.com/${slug(topic)}`;
  else if (/title|headline|name|subject/i.test(key)) text = titleCase(topic);
  else if (/slug/i.test(key)) text = slug(topic);
  else if (/summary|description|intro|excerpt|body|content|text/i.test(key)) {
    text = `A clear, practical look at ${topic} and what it means for your team.`;
  } else if (/tag|keyword|categor|topic/i.test(key)) {
    const candidates = [
      ...new Set([
        ...keywords,
        ...topic
          .toLowerCase()
          .split(/\s+/)
          .filter((w) => w.length > 2),
        topic,
      ]),
    ];
    text =
      (i === undefined ? pick(state.rand, candidates) : candidates[i]) ??
      `${topic} ${(i ?? 0) + 1}`;
  } else
    text =
      i === undefined ? `${humanise(key)} for ${topic}` : `${humanise(key)} ${i + 1} for ${topic}`;
  const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
  const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : Infinity;
  while (text.length < min) text += ` ${topic}`;
  return text.slice(0, max);
}

function singular(key: string): string {
  return key.replace(/s$/, '');
}

function humanise(key: string): string {
  const spaced = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : 'Value';
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item'
  );
}
