import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { lazyAsync } from '@flowpress/shared';
import { applySwaggerDecorators } from './decorators.js';
import { errorSchema, responseJsonSchema } from './schemas.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const DOCS = '/api/docs';
const DOCS_JSON = '/api/docs-json';

/**
 * OpenAPI at /api/docs (UI) and /api/docs-json. Routes come from the controllers; request bodies
 * from the same shared zod schemas that validate them (`@ZodBody`); every operation documents the
 * contract's error shape.
 *
 * Nothing of it exists before the first request to those paths: that request imports
 * `@nestjs/swagger`, applies the controllers' deferred decorators (./decorators.ts), and mounts
 * what `SwaggerModule.setup` serves (UI page, its init script and assets, the JSON) on a router
 * this middleware hands the docs paths to. The middleware sits where `SwaggerModule.setup` used to
 * register its routes, before Nest's own, so the order of everything else is unchanged.
 */
export function setupOpenApi(app: INestApplication, version: string): void {
  // Mounted on the first docs request; a failed mount is not cached (the next request tries again).
  const docs = lazyAsync(async (): Promise<express.Router> => {
    const swagger = await applySwaggerDecorators();
    const router = express.Router();
    const adapter = new ExpressAdapter(router);
    // SwaggerModule.setup needs only these of an app: where to register routes and static assets.
    const host = {
      getHttpAdapter: () => adapter,
      useStaticAssets: (path: string, options: object) => adapter.useStaticAssets(path, options),
    } as unknown as INestApplication;
    swagger.SwaggerModule.setup(DOCS.slice(1), host, () => buildDocument(swagger, app, version), {
      jsonDocumentUrl: DOCS_JSON.slice(1),
      raw: ['json'],
      customSiteTitle: 'Flowpress API',
    });
    return router;
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path !== DOCS && req.path !== DOCS_JSON && !req.path.startsWith(`${DOCS}/`))
      return next();
    docs().then((router) => router(req, res, next), next);
  });
}

function buildDocument(
  swagger: typeof import('@nestjs/swagger'),
  app: INestApplication,
  version: string,
): OpenAPIObject {
  const config = new swagger.DocumentBuilder()
    .setTitle('Flowpress API')
    .setDescription(
      'Build, run and review AI content pipelines. Authenticate with `POST /api/auth/login` and send ' +
        '`Authorization: Bearer <token>` (or an `fp_…` API key). Errors are `{statusCode, message, issues?}`.',
    )
    .setVersion(version)
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'A login token or an fp_ API key',
    })
    .build();
  const doc = swagger.SwaggerModule.createDocument(app, config, { autoTagControllers: false });
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Error: responseJsonSchema(errorSchema) };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      op.responses ??= {};
      op.responses.default ??= {
        description: 'Error: 400 invalid (with issues), 401, 403, 404, 409, 413, 429',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return doc;
}
