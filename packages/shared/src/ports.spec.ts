import { incompatibilityReason, portsCompatible, portSpecSchema, portTypeSchema, type PortType } from './ports.js';

const TYPES: PortType[] = ['text', 'json', 'documents', 'images', 'any'];

/**
 * The whole matrix, source (row) → target (column). The README's table is this one; change
 * them together.
 */
const MATRIX: Record<PortType, Record<PortType, boolean>> = {
  text: { text: true, json: false, documents: false, images: false, any: true },
  json: { text: true, json: true, documents: false, images: false, any: true },
  documents: { text: true, json: true, documents: true, images: false, any: true },
  images: { text: false, json: true, documents: false, images: true, any: true },
  any: { text: true, json: true, documents: true, images: true, any: true },
};

const cases = TYPES.flatMap((source) => TYPES.map((target) => [source, target, MATRIX[source][target]] as const));

describe('portsCompatible', () => {
  it('covers all 25 pairs', () => {
    expect(cases).toHaveLength(25);
    expect(portTypeSchema.options).toEqual(TYPES);
  });

  it.each(cases)('%s → %s: %s', (source, target, expected) => {
    expect(portsCompatible(source, target)).toBe(expected);
  });

  it('lets every type feed itself and any, and any feed everything', () => {
    for (const t of TYPES) {
      expect(portsCompatible(t, t)).toBe(true);
      expect(portsCompatible(t, 'any')).toBe(true);
      expect(portsCompatible('any', t)).toBe(true);
    }
  });
});

describe('incompatibilityReason', () => {
  it.each(cases)('%s → %s', (source, target, compatible) => {
    const reason = incompatibilityReason(source, target);
    if (compatible) expect(reason).toBeNull();
    else expect(reason).toBe(`a ${source} output cannot feed a ${target} input`);
  });
});

describe('port schemas', () => {
  it('parses a port spec and refuses an unknown type', () => {
    expect(portSpecSchema.parse({ name: 'in', type: 'any', multiple: true })).toEqual({ name: 'in', type: 'any', multiple: true });
    expect(portSpecSchema.safeParse({ name: 'in', type: 'video' }).success).toBe(false);
  });
});
