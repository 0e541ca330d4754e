import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where Swagger UI is served; the OpenAPI document is at /docs-json. */
export const OPENAPI_PATH = 'docs';

/** Serves Swagger UI at /docs and the OpenAPI document at /docs-json. */
export function setUpOpenApi(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fushata')
      .setDescription(
        'Coordinates outreach campaigns run county by county. Every /api route needs `Authorization: Bearer <token>` from POST /api/auth/login or a personal API token.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}
