/**
 * The `@nestjs/swagger` decorators the controllers use, applied when the OpenAPI document is first
 * asked for instead of when the controllers load. Importing `@nestjs/swagger` at all loads its
 * whole index (≈ 100 files, and ≈ 430 of `es-toolkit/compat` it pulls in): ≈ 280 ms of CPU and
 * ≈ 10 MiB at every start, for a document most processes never serve. Each decorator here records
 * the real one with its target; `applySwaggerDecorators()` imports the package and replays them in
 * the order they ran, so the metadata is exactly what the real decorators write.
 */
import type { ApiBodyOptions, ApiResponseNoStatusOptions, ApiTagOptions } from '@nestjs/swagger';
import { lazyAsync } from '@flowpress/shared';

type Swagger = typeof import('@nestjs/swagger');
type AnyDecorator = (
  target: object,
  key?: string | symbol,
  descriptor?: PropertyDescriptor,
) => unknown;

interface Recorded {
  target: object;
  key: string | symbol | undefined;
  descriptor: PropertyDescriptor | undefined;
  real: (swagger: Swagger) => AnyDecorator;
}

const recorded: Recorded[] = [];
/** How many of `recorded` have been applied (a controller loaded later is applied next time). */
let appliedCount = 0;
const swaggerPackage = lazyAsync(() => import('@nestjs/swagger'));

function deferred(real: (swagger: Swagger) => AnyDecorator): ClassDecorator & MethodDecorator {
  // Method decorators return the descriptor unchanged; class decorators return nothing (keep it).
  const record = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    recorded.push({ target, key, descriptor, real });
    return descriptor;
  };
  return record as ClassDecorator & MethodDecorator;
}

export const ApiTags = (...tags: (string | ApiTagOptions)[]) =>
  deferred((s) => s.ApiTags(...tags) as AnyDecorator);
export const ApiBearerAuth = (name?: string) =>
  deferred((s) => s.ApiBearerAuth(name) as AnyDecorator);
export const ApiConsumes = (...mimeTypes: string[]) =>
  deferred((s) => s.ApiConsumes(...mimeTypes) as AnyDecorator);
export const ApiExcludeController = (disable?: boolean) =>
  deferred((s) => s.ApiExcludeController(disable) as AnyDecorator);
export const ApiOkResponse = (options?: ApiResponseNoStatusOptions) =>
  deferred((s) => s.ApiOkResponse(options) as AnyDecorator);
export const ApiCreatedResponse = (options?: ApiResponseNoStatusOptions) =>
  deferred((s) => s.ApiCreatedResponse(options) as AnyDecorator);
/** `options` may be a function: the body's JSON Schema is then built with the document too. */
export const ApiBody = (options: ApiBodyOptions | (() => ApiBodyOptions)) =>
  deferred((s) => s.ApiBody(typeof options === 'function' ? options() : options) as AnyDecorator);

/** Imports `@nestjs/swagger` and applies each recorded decorator once, in the order they ran. */
export async function applySwaggerDecorators(): Promise<Swagger> {
  const swagger = await swaggerPackage();
  for (; appliedCount < recorded.length; appliedCount++) {
    const { target, key, descriptor, real } = recorded[appliedCount]!;
    real(swagger)(target, key, descriptor);
  }
  return swagger;
}
