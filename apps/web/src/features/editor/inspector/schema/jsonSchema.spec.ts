import { kindOf, resolveUnion, type JsonSchema } from './jsonSchema';

const publish: JsonSchema = {
  oneOf: [
    {
      type: 'object',
      properties: { target: { type: 'string', const: 'library' }, title: { type: 'string' } },
      required: ['target'],
    },
    {
      type: 'object',
      properties: {
        target: { type: 'string', const: 'webhook' },
        title: { type: 'string' },
        url: { type: 'string', format: 'uri' },
        credentialId: { type: 'string', format: 'uuid' },
      },
      required: ['target', 'url'],
    },
  ],
};

describe('resolveUnion', () => {
  it('shows the branch the config picks, with the discriminator as a choice', () => {
    const library = resolveUnion(publish, { target: 'library' });
    expect(Object.keys(library.properties ?? {})).toEqual(['target', 'title']);
    expect(kindOf(library.properties!.target!)).toBe('enum');
    expect(library.properties!.target!.enum).toEqual(['library', 'webhook']);
    const webhook = resolveUnion(publish, { target: 'webhook' });
    expect(Object.keys(webhook.properties ?? {})).toEqual([
      'target',
      'title',
      'url',
      'credentialId',
    ]);
    expect(webhook.required).toEqual(['target', 'url']);
    expect(resolveUnion(publish, {}).properties?.url).toBeUndefined();
    const flattened = { ...publish, type: 'object', properties: { target: {}, folder: {} } };
    expect(Object.keys(resolveUnion(flattened, { target: 'library' }).properties ?? {})).toEqual([
      'target',
      'title',
    ]);
  });

  it('leaves plain objects and unions without a discriminator alone', () => {
    const plain: JsonSchema = { type: 'object', properties: { a: { type: 'string' } } };
    expect(resolveUnion(plain, {})).toBe(plain);
    const loose: JsonSchema = { oneOf: [{ properties: { a: {} } }, { properties: { b: {} } }] };
    expect(resolveUnion(loose, {})).toBe(loose);
  });
});
