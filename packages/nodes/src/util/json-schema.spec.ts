import { z } from 'zod';
import { withObjectView } from './json-schema.js';

const union = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('a'), name: z.string().describe('the a name'), size: z.number() }),
  z.object({ kind: z.literal('b'), name: z.string().describe('the b name').optional() }),
]);

describe('withObjectView', () => {
  it('adds an object view of a discriminated union and keeps the branches', () => {
    const schema = withObjectView(z.toJSONSchema(union) as Record<string, unknown>);
    expect(schema).toMatchObject({
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['a', 'b'] },
        name: { type: 'string' },
        size: { type: 'number' },
      },
      required: ['kind'],
    });
    expect((schema['properties'] as Record<string, object>)['name']).not.toHaveProperty(
      'description',
    );
    expect(schema['oneOf']).toHaveLength(2);
  });

  it('leaves plain object schemas alone', () => {
    const plain = z.toJSONSchema(z.object({ a: z.string() })) as Record<string, unknown>;
    expect(withObjectView(plain)).toBe(plain);
  });
});
