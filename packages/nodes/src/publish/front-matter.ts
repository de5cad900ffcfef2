/**
 * A tiny YAML front-matter writer for the file target. Strings are written as JSON strings, which
 * are valid YAML double-quoted scalars, so no value can break out of its line.
 */

function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : JSON.stringify(name);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number')
    return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(JSON.stringify(value));
}

function isScalar(value: unknown): boolean {
  return (
    value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)
  );
}

function emit(name: string, value: unknown, indent: string, depth: number, out: string[]): void {
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${indent}${key(name)}: []`);
      return;
    }
    out.push(`${indent}${key(name)}:`);
    for (const item of value) out.push(`${indent}  - ${scalar(item)}`);
    return;
  }
  if (!isScalar(value) && typeof value === 'object' && depth < 2) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    if (entries.length === 0) {
      out.push(`${indent}${key(name)}: {}`);
      return;
    }
    out.push(`${indent}${key(name)}:`);
    for (const [k, v] of entries) emit(k, v, `${indent}  `, depth + 1, out);
    return;
  }
  out.push(`${indent}${key(name)}: ${scalar(value)}`);
}

/** `---\n…\n---\n` with the fields in the given order; undefined values are left out. */
export function frontMatter(fields: ReadonlyArray<readonly [string, unknown]>): string {
  const out: string[] = ['---'];
  for (const [name, value] of fields) if (value !== undefined) emit(name, value, '', 0, out);
  out.push('---', '');
  return out.join('\n');
}

/** Reads a top-level string field back (`name: "value"`) from a document's front matter. */
export function readFrontMatterString(document: string, name: string): string | undefined {
  const end = document.startsWith('---\n') ? document.indexOf('\n---\n', 3) : -1;
  if (end < 0) return undefined;
  const head = document.slice(4, end);
  const line = head.split('\n').find((l) => l.startsWith(`${key(name)}: `));
  if (!line) return undefined;
  try {
    const value: unknown = JSON.parse(line.slice(key(name).length + 2));
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
