import { defaultPort, edgePort, nodeTypeInfoSchema, resolvePorts, type NodeTypeInfo } from './catalog.js';
import type { PortSpec } from './ports.js';
import { INFOS } from './__fixtures__/catalog.js';

const input = INFOS.input!;

function withRule(rule: Partial<NonNullable<NodeTypeInfo['dynamicOutputs']>['fromConfigList']>, outputs: PortSpec[] = []): NodeTypeInfo {
  return {
    ...input,
    outputs,
    dynamicOutputs: { fromConfigList: { key: 'fields', nameKey: 'name', ...rule } },
  };
}

describe('resolvePorts', () => {
  it('returns the static ports of a type without dynamic outputs', () => {
    const prompt = INFOS.prompt!;
    expect(resolvePorts(prompt, { template: 'x' })).toEqual({ inputs: prompt.inputs, outputs: prompt.outputs });
  });

  it('makes one output per input field, typed through typeMap', () => {
    const ports = resolvePorts(input, {
      fields: [
        { name: 'topic', type: 'text', required: true },
        { name: 'words', type: 'number' },
        { name: 'draft', type: 'boolean' },
        { name: 'meta', type: 'json' },
      ],
    });
    expect(ports).toEqual({
      inputs: [],
      outputs: [
        { name: 'topic', type: 'text' },
        { name: 'words', type: 'json' },
        { name: 'draft', type: 'json' },
        { name: 'meta', type: 'json' },
      ],
    });
  });

  it('types a field as any when its type is missing, unknown, not a string, or a prototype key', () => {
    const ports = resolvePorts(input, {
      fields: [
        { name: 'a' },
        { name: 'b', type: 'video' },
        { name: 'c', type: 3 },
        { name: 'd', type: 'constructor' },
        { name: 'e', type: '__proto__' },
        { name: 'f', type: 'toString' },
      ],
    });
    expect(ports.outputs.map((p) => p.type)).toEqual(['any', 'any', 'any', 'any', 'any', 'any']);
  });

  it('types every field as any without typeKey or typeMap', () => {
    expect(resolvePorts(withRule({}), { fields: [{ name: 'x', type: 'text' }] }).outputs).toEqual([{ name: 'x', type: 'any' }]);
    expect(resolvePorts(withRule({ typeKey: 'type' }), { fields: [{ name: 'x', type: 'text' }] }).outputs).toEqual([
      { name: 'x', type: 'any' },
    ]);
  });

  it('skips items that are not objects or have no usable name', () => {
    const ports = resolvePorts(input, {
      fields: [null, 'topic', 7, ['name'], { name: '' }, { name: 5 }, {}, { name: 'ok', type: 'text' }],
    });
    expect(ports.outputs).toEqual([{ name: 'ok', type: 'text' }]);
  });

  it('keeps the first of several items with the same name, and never shadows a static port', () => {
    const info = withRule({ typeKey: 'type', typeMap: { text: 'text', json: 'json' } }, [{ name: 'all', type: 'json' }]);
    const ports = resolvePorts(info, {
      fields: [
        { name: 'topic', type: 'text' },
        { name: 'topic', type: 'json' },
        { name: 'all', type: 'text' },
      ],
    });
    expect(ports.outputs).toEqual([
      { name: 'all', type: 'json' },
      { name: 'topic', type: 'text' },
    ]);
  });

  it('lists static outputs before dynamic ones', () => {
    const info = withRule({}, [{ name: 'values', type: 'json' }]);
    expect(resolvePorts(info, { fields: [{ name: 'x' }] }).outputs.map((p) => p.name)).toEqual(['values', 'x']);
  });

  it('has only the static ports when the list is missing or not an array', () => {
    for (const data of [{}, { fields: 'topic' }, { fields: { name: 'topic' } }, { fields: null }]) {
      expect(resolvePorts(input, data)).toEqual({ inputs: [], outputs: [] });
    }
  });

  it('does not read the list from the prototype', () => {
    const info = withRule({ key: 'constructor' });
    expect(resolvePorts(info, {}).outputs).toEqual([]);
  });

  it('reads keys with other names when the rule says so', () => {
    const info = withRule({ key: 'columns', nameKey: 'id', typeKey: 'kind', typeMap: { list: 'documents' } });
    expect(resolvePorts(info, { columns: [{ id: 'rows', kind: 'list' }] }).outputs).toEqual([{ name: 'rows', type: 'documents' }]);
  });
});

describe('defaultPort and edgePort', () => {
  const ports: PortSpec[] = [
    { name: 'text', type: 'text' },
    { name: 'json', type: 'json' },
  ];

  it('defaults to the first port', () => {
    expect(defaultPort(ports)).toEqual(ports[0]);
    expect(defaultPort([])).toBeUndefined();
  });

  it('picks the named port, the default for a missing or empty handle, nothing for an unknown one', () => {
    expect(edgePort(ports, 'json')).toBe(ports[1]);
    expect(edgePort(ports, undefined)).toBe(ports[0]);
    expect(edgePort(ports, null)).toBe(ports[0]);
    expect(edgePort(ports, '')).toBe(ports[0]);
    expect(edgePort(ports, 'nope')).toBeUndefined();
    expect(edgePort([], undefined)).toBeUndefined();
  });
});

describe('nodeTypeInfoSchema', () => {
  it('accepts every fixture type', () => {
    for (const info of Object.values(INFOS)) expect(nodeTypeInfoSchema.safeParse(info).success).toBe(true);
  });

  it('refuses an unknown category or a dynamic port type outside the port types', () => {
    expect(nodeTypeInfoSchema.safeParse({ ...input, category: 'magic' }).success).toBe(false);
    const bad = { ...input, dynamicOutputs: { fromConfigList: { key: 'f', nameKey: 'n', typeMap: { x: 'video' } } } };
    expect(nodeTypeInfoSchema.safeParse(bad).success).toBe(false);
  });
});
