import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { lazyAsync } from '@flowpress/shared';
import { requestPath } from '../http/request-path.js';
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
 * what `SwaggerModule.setup` serves (UI page, its init script and assets, the JSON) on a small
 * Express app of its own, which an `onRequest` hook hands the docs paths to, on Node's request
 * and response. Why Express here while the server runs on Fastify: SwaggerModule registers
 * routes and static assets on an HTTP adapter, and a running Fastify cannot get new routes or
 * plugins — an Express app can be made on the first request, so the docs cost nothing until then.
 */
export function setupOpenApi(
  app: INestApplication,
  instance: FastifyInstance,
  version: string,
): void {
  type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;
  // Mounted on the first docs request; a failed mount is not cached (the next request tries again).
  const docs = lazyAsync(async (): Promise<NodeHandler> => {
    const [swagger, { default: express }, { ExpressAdapter }] = await Promise.all([
      applySwaggerDecorators(),
      import('express'),
      import('@nestjs/platform-express'),
    ]);
    const router = express();
    router.disable('x-powered-by');
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
    return (req, res) => router(req, res);
  });
  instance.addHook('onRequest', (request, reply, done) => {
    const path = requestPath(request.raw);
    if (path !== DOCS && path !== DOCS_JSON && !path.startsWith(`${DOCS}/`)) return done();
    docs().then((handler) => {
      void reply.hijack();
      handler(request.raw, reply.raw);
    }, done);
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
