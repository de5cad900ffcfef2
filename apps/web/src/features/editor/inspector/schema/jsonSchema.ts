/** The subset of JSON Schema (draft 2020-12, as zod emits it) the inspector understands. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** A step's hint for a field that needs its own picker, e.g. `credential`, `knowledge-base`. */
  'x-widget'?: string;
}

export type FieldKind =
  'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'array' | 'object' | 'json' | 'unknown';

export function asSchema(value: unknown): JsonSchema {
  return value && typeof value === 'object' ? (value as JsonSchema) : {};
}

/** `anyOf: [X, {type: 'null'}]` (a nullable X) reads as X. */
export function unwrap(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  const real = options.filter((o) => o.type !== 'null');
  if (real.length === 1)
    return {
      ...real[0],
      ...(schema.description ? { description: schema.description } : {}),
      ...(schema.default !== undefined ? { default: schema.default } : {}),
    };
  const consts = real.filter((o) => o.const !== undefined);
  if (consts.length === real.length) return { type: 'string', enum: consts.map((o) => o.const) };
  return schema;
}

export function kindOf(raw: JsonSchema): FieldKind {
  const schema = unwrap(raw);
  if (Array.isArray(schema.enum)) return 'enum';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
    case 'array':
      return type;
    case 'object':
      return schema.properties && Object.keys(schema.properties).length ? 'object' : 'json';
    default:
      return schema.anyOf || schema.oneOf ? 'json' : 'unknown';
  }
}

const FRIENDLY: Record<string, string> = {
  system: 'System instructions',
  maxTokens: 'Maximum length (tokens)',
  outputSchema: 'Answer format (JSON Schema)',
  topK: 'Passages to fetch',
  knowledgeBaseId: 'Knowledge base',
  caseSensitive: 'Match upper and lower case',
  when: 'Check',
  size: 'Image size',
  count: 'Number of images',
  temperature: 'Creativity (temperature)',
  instructions: 'Instructions for the reviewer',
  maxRevisions: 'Maximum revision rounds',
  target: 'Publish to',
  url: 'URL',
  credentialId: 'Credential',
  prompt: 'Image prompt',
  input: 'Text to check',
};

/** `maxTokens` → "Max tokens", with friendlier names for well-known keys. */
export function labelFor(key: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  if (FRIENDLY[key]) return FRIENDLY[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function optionLabel(value: unknown): string {
  const text = String(value);
  const spaced = text.replace(/[_-]+/g, ' ');
  return /^[a-z]/.test(spaced) ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : spaced;
}

export function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * A `oneOf` of objects told apart by one property with a `const` (zod's discriminated union,
 * e.g. the publish step's `target`): the form for the branch the value picks, with the
 * discriminator as a choice of all branches. Anything else comes back as it was.
 */
export function resolveUnion(schema: JsonSchema, value: Record<string, unknown>): JsonSchema {
  const branches = (schema.oneOf ?? schema.anyOf ?? []).filter((b) => b.properties);
  // (A schema may also list every branch's properties at the top; the branches decide.)
  if (branches.length < 2) return schema;
  const first = branches[0]!;
  const key = Object.keys(first.properties ?? {}).find((k) =>
    branches.every((b) => b.properties?.[k]?.const !== undefined),
  );
  if (!key) return schema;
  const chosen = branches.find((b) => b.properties?.[key]?.const === value[key]) ?? first;
  return {
    type: 'object',
    ...(schema.description ? { description: schema.description } : {}),
    properties: {
      [key]: { type: 'string', enum: branches.map((b) => b.properties?.[key]?.const) },
      ...Object.fromEntries(Object.entries(chosen.properties ?? {}).filter(([k]) => k !== key)),
    },
    required: [...new Set([key, ...(chosen.required ?? [])])],
  };
}
