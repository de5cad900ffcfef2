import { kindOf, unwrap, type JsonSchema } from './jsonSchema';

/** A new list item: declared defaults, and a unique `name` when the item needs one. */
export function newItem(schema: JsonSchema, siblings: unknown[]): unknown {
  const s = unwrap(schema);
  const kind = kindOf(s);
  if (kind !== 'object')
    return (
      s.default ?? (kind === 'number' || kind === 'integer' ? 0 : kind === 'boolean' ? false : '')
    );
  const item: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(s.properties ?? {})) {
    if (child.default !== undefined) item[key] = structuredClone(child.default);
  }
  if (s.properties?.name && (s.required ?? []).includes('name')) {
    const taken = new Set(
      siblings.map((x) =>
        x && typeof x === 'object' ? (x as { name?: unknown }).name : undefined,
      ),
    );
    let i = siblings.length + 1;
    while (taken.has(`field_${i}`)) i++;
    item.name = `field_${i}`;
  }
  return item;
}
