/**
 * `{{nodeId.port.path}}` templates. Pure data substitution: a template is parsed into text and
 * references, and rendering only looks values up. Nothing is ever evaluated.
 */

/** Names a template may use that are not node ids. `feedback` is the reviewer's comment. */
export const RESERVED_TEMPLATE_VARS = ['feedback', 'run'] as const;

export interface TemplateRef {
  /** The text between the braces, trimmed. */
  raw: string;
  nodeId: string;
  /** Output port; undefined means the node's default output. */
  port?: string;
  /** Keys into the port's value (object keys or array indexes). */
  path: string[];
  /** Offsets of `{{` and just past `}}` in the source. */
  start: number;
  end: number;
}

export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'ref'; ref: TemplateRef };

export interface TemplateProblem {
  message: string;
  index: number;
}

export interface ParsedTemplate {
  segments: TemplateSegment[];
  refs: TemplateRef[];
  problems: TemplateProblem[];
}

const REF_BODY = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/;

export function parseTemplate(source: string): ParsedTemplate {
  const segments: TemplateSegment[] = [];
  const refs: TemplateRef[] = [];
  const problems: TemplateProblem[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('{{', i);
    if (open < 0) {
      text += source.slice(i);
      break;
    }
    text += source.slice(i, open);
    const close = source.indexOf('}}', open + 2);
    if (close < 0) {
      problems.push({ message: `"{{" at position ${open} is never closed with "}}"`, index: open });
      text += source.slice(open);
      break;
    }
    // `{{ {{a}}`: the first `{{` is a stray one; keep it as text and parse from the next one, so
    // the well-formed reference after it still works.
    const reopen = source.indexOf('{{', open + 2);
    if (reopen >= 0 && reopen < close) {
      problems.push({ message: `"{{" at position ${open} is never closed with "}}"`, index: open });
      text += source.slice(open, reopen);
      i = reopen;
      continue;
    }
    const raw = source.slice(open + 2, close).trim();
    if (!REF_BODY.test(raw)) {
      problems.push({
        message: `"{{${raw}}}" is not a reference: use {{node}} or {{node.port}}`,
        index: open,
      });
      text += source.slice(open, close + 2);
      i = close + 2;
      continue;
    }
    if (text) segments.push({ kind: 'text', text });
    text = '';
    const [nodeId, port, ...path] = raw.split('.') as [string, ...string[]];
    const ref: TemplateRef = { raw, nodeId, path, start: open, end: close + 2 };
    if (port !== undefined) ref.port = port;
    segments.push({ kind: 'ref', ref });
    refs.push(ref);
    i = close + 2;
  }
  if (text) segments.push({ kind: 'text', text });
  return { segments, refs, problems };
}

/**
 * How a looked-up value reads inside text: strings as they are, numbers and booleans as written,
 * lists of strings one per line, anything else as indented JSON. Never throws.
 */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (typeof value === 'function' || typeof value === 'symbol') return '';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('\n');
  try {
    // JSON.stringify throws on cycles and bigints, and answers undefined for some values.
    return (
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) ?? ''
    );
  } catch {
    return String(value);
  }
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/** Follows `path` into a value; undefined when any step is missing. */
export function followPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || current === undefined) return undefined;
    if (Array.isArray(current)) {
      // Only plain indexes: `length`, `1e2` or `-1` find nothing.
      current = ARRAY_INDEX.test(key) ? current[Number(key)] : undefined;
    } else if (typeof current === 'object') {
      current = Object.prototype.hasOwnProperty.call(current, key)
        ? (current as Record<string, unknown>)[key]
        : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

export interface RenderOptions {
  /** What to put where a reference finds nothing: empty text (default) or the reference kept. */
  missing?: 'empty' | 'keep';
}

/**
 * Renders a parsed template. `lookup` answers a reference (undefined when it finds nothing).
 * Returns the text and the references that found nothing.
 */
export function renderTemplate(
  template: string | ParsedTemplate,
  lookup: (ref: TemplateRef) => unknown,
  options: RenderOptions = {},
): { text: string; missing: TemplateRef[] } {
  const parsed = typeof template === 'string' ? parseTemplate(template) : template;
  const missing: TemplateRef[] = [];
  let text = '';
  for (const segment of parsed.segments) {
    if (segment.kind === 'text') {
      text += segment.text;
      continue;
    }
    const value = lookup(segment.ref);
    if (value === undefined) {
      missing.push(segment.ref);
      if (options.missing === 'keep') text += `{{${segment.ref.raw}}}`;
      continue;
    }
    text += valueToText(value);
  }
  return { text, missing };
}

/**
 * Looks a reference up in node outputs: `{{node}}` is the node's default port, `{{node.port}}`
 * a port, deeper keys follow into the value. `vars` answers reserved names like `feedback`.
 */
export function lookupRef(
  ref: TemplateRef,
  outputs: Readonly<Record<string, Record<string, unknown> | undefined>>,
  defaultPortOf: (nodeId: string) => string | undefined,
  vars: Readonly<Record<string, unknown>> = {},
): unknown {
  if (Object.prototype.hasOwnProperty.call(vars, ref.nodeId)) {
    const base = vars[ref.nodeId];
    return followPath(base, ref.port === undefined ? ref.path : [ref.port, ...ref.path]);
  }
  // Own keys only, everywhere: `{{constructor.name}}` or `{{__proto__.x}}` must find nothing.
  const output = hasOwn(outputs, ref.nodeId) ? outputs[ref.nodeId] : undefined;
  if (!output || typeof output !== 'object') return undefined;
  const port = ref.port ?? defaultPortOf(ref.nodeId);
  if (port === undefined || !hasOwn(output, port)) {
    // `{{node.key}}` where key is not a port: read it from the default port's JSON.
    const fallbackPort = defaultPortOf(ref.nodeId);
    if (ref.port !== undefined && fallbackPort !== undefined && hasOwn(output, fallbackPort)) {
      return followPath(output[fallbackPort], [ref.port, ...ref.path]);
    }
    return undefined;
  }
  return followPath(output[port], ref.path);
}

function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
