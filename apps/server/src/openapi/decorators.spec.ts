import 'reflect-metadata';
import { Controller, Get, Post } from '@nestjs/common';
import * as real from '@nestjs/swagger';
import * as deferred from './decorators.js';

const KEYS = Object.values(real.DECORATORS);

/** Every swagger metadata key on the class and on its methods, as the document scanner reads them. */
function swaggerMetadata(cls: new () => object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const onClass: unknown = Reflect.getMetadata(key, cls);
    if (onClass !== undefined) out[`class ${key}`] = onClass;
    for (const name of ['list', 'create']) {
      const method = (cls.prototype as Record<string, object>)[name]!;
      const value: unknown = Reflect.getMetadata(key, method);
      if (value !== undefined) out[`${name} ${key}`] = value;
    }
  }
  return out;
}

function twin(d: typeof real | typeof deferred) {
  const body = { schema: { type: 'object', properties: { name: { type: 'string' } } } };
  // The deferred ApiBody also takes a function (the schema is then built with the document).
  const apiBody = d === deferred ? deferred.ApiBody(() => body) : real.ApiBody(body);
  @d.ApiTags('things')
  @d.ApiBearerAuth()
  @Controller('things')
  class Things {
    @Get()
    @d.ApiOkResponse({ schema: { type: 'array' } })
    list() {
      return [];
    }

    @Post()
    @d.ApiCreatedResponse({ description: 'made' })
    @d.ApiConsumes('application/json')
    @apiBody
    create() {
      return {};
    }
  }
  return Things;
}

describe('deferred swagger decorators', () => {
  it('write nothing until the document is built, then exactly what the real ones write', async () => {
    const withReal = twin(real);
    const withDeferred = twin(deferred);
    expect(Object.keys(swaggerMetadata(withReal)).length).toBeGreaterThan(5);
    expect(swaggerMetadata(withDeferred)).toEqual({});
    await deferred.applySwaggerDecorators();
    expect(swaggerMetadata(withDeferred)).toEqual(swaggerMetadata(withReal));
  });

  it('apply a class decorated later on the next build, and nothing twice', async () => {
    await deferred.applySwaggerDecorators();
    const later = twin(deferred);
    expect(swaggerMetadata(later)).toEqual({});
    await deferred.applySwaggerDecorators();
    await deferred.applySwaggerDecorators();
    expect(swaggerMetadata(later)).toEqual(swaggerMetadata(twin(real)));
  });

  it('exclude a controller the same way', async () => {
    @deferred.ApiExcludeController()
    @Controller('hidden')
    class Hidden {}
    expect(Reflect.getMetadata(real.DECORATORS.API_EXCLUDE_CONTROLLER, Hidden)).toBeUndefined();
    await deferred.applySwaggerDecorators();
    expect(Reflect.getMetadata(real.DECORATORS.API_EXCLUDE_CONTROLLER, Hidden)).toEqual([true]);
  });
});
