import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { errorSchema, responseJsonSchema } from './schemas.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * OpenAPI at /api/docs (UI) and /api/docs-json. Routes come from the controllers; request bodies
 * from the same shared zod schemas that validate them (`@ZodBody`); every operation documents the
 * contract's error shape. Built on first request, not at start-up.
 */
export function setupOpenApi(app: INestApplication, version: string): void {
  let document: OpenAPIObject | undefined;
  const build = (): OpenAPIObject => {
    if (document) return document;
    const config = new DocumentBuilder()
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
    const doc = SwaggerModule.createDocument(app, config, { autoTagControllers: false });
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
    document = doc;
    return doc;
  };
  SwaggerModule.setup('api/docs', app, build, {
    jsonDocumentUrl: 'api/docs-json',
    raw: ['json'],
    customSiteTitle: 'Flowpress API',
  });
}
