import { isRecord } from './zod-issues.js';

type Schema = Record<string, unknown>;

/**
 * A discriminated union (e.g. the publish node's `target`) exports as `oneOf: [objects]`, which a
 * form cannot draw from. This adds what forms read — `type: "object"`, every branch's
 * `properties` (the discriminator as an enum) and the keys every branch requires — and keeps the
 * `oneOf` for the exact per-branch rules. Other schemas are returned as they are.
 */
export function withObjectView(schema: Schema): Schema {
  const branches = schema['oneOf'] ?? schema['anyOf'];
  if (schema['type'] !== undefined || !Array.isArray(branches) || branches.length === 0)
    return schema;
  if (!branches.every((b) => isRecord(b) && b['type'] === 'object' && isRecord(b['properties'])))
    return schema;
  const objects = branches as (Schema & { properties: Record<string, Schema> })[];
  const properties: Record<string, Schema> = {};
  const consts = new Map<string, unknown[]>();
  for (const branch of objects) {
    for (const [key, property] of Object.entries(branch.properties)) {
      if (isRecord(property) && 'const' in property) {
        consts.set(key, [...(consts.get(key) ?? []), property['const']]);
        const { const: _const, ...rest } = property;
        properties[key] ??= rest;
      } else if (!(key in properties)) {
        properties[key] = property;
      } else if (properties[key]?.['description'] !== property['description']) {
        // Branches describe it differently (e.g. which credential type): keep no branch's words.
        const { description: _description, ...rest } = properties[key] ?? {};
        properties[key] = rest;
      }
    }
  }
  for (const [key, values] of consts) {
    if (values.length === objects.length) properties[key] = { ...properties[key], enum: values };
  }
  const requiredSets = objects.map((b) =>
    Array.isArray(b['required']) ? (b['required'] as string[]) : [],
  );
  const required = (requiredSets[0] ?? []).filter((key) =>
    requiredSets.every((set) => set.includes(key)),
  );
  return { ...schema, type: 'object', properties, ...(required.length ? { required } : {}) };
}
