/** A template-safe node id from a type (`prompt`, `prompt_2`, …) not yet taken. */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^[^A-Za-z_]+/, '') || 'step';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) {
    const id = `${clean}_${i}`;
    if (!taken.has(id)) return id;
  }
}

export function randomId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${prefix}${random}`;
}

/** Rewrites `{{old…}}` references to `{{new…}}` in a template string. */
export function renameRefs(template: string, renames: ReadonlyMap<string, string>): string {
  if (!renames.size) return template;
  return template.replace(
    /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)((?:\.[A-Za-z0-9_-]+)*)\s*\}\}/g,
    (whole, id: string, rest: string) => {
      const next = renames.get(id);
      return next ? `{{${next}${rest}}}` : whole;
    },
  );
}
