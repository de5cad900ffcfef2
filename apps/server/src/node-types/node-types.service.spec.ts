import { nodeTypeInfoSchema } from '@flowpress/shared';
import { NodeTypesService } from './node-types.service.js';

describe('NodeTypesService', () => {
  const service = new NodeTypesService();

  it('lists every node type as a valid NodeTypeInfo, without duplicates', () => {
    const list = service.list();
    expect(list.length).toBeGreaterThanOrEqual(4);
    for (const info of list) expect(nodeTypeInfoSchema.safeParse(info).success).toBe(true);
    const types = list.map((i) => i.type);
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(expect.arrayContaining(['input', 'prompt', 'image', 'template']));
  });

  it('serves a catalog that knows the listed types', () => {
    for (const info of service.list()) expect(service.catalog.info(info.type)).toBe(info);
    expect(service.catalog.info('no-such-type')).toBeUndefined();
  });
});
