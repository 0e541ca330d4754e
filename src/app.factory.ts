import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { ConsoleLogger, HttpStatus, INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { ErrorBody } from './common/error-body';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { mountQueueDashboard } from './dashboard/admin-pages/queue-dashboard';
import { requestIdFor } from './logging/request-id';
import { StartupLogBuffer } from './logging/startup-log-buffer';
import { OPENAPI_PATH, setUpOpenApi } from './openapi';

const PAGE_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
};

const SWAGGER_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'self'";

/** JSON bodies larger than this are refused with 413; the CSV import has its own limit. */
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the application exactly as production runs it; main.ts and the
 * end-to-end tests both call this, so tests exercise the real wiring.
 */
export async function createApp(
  config: AppConfig,
  options: AppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: Math.max(JSON_BODY_LIMIT, config.importMaxBytes),
    trustProxy: config.trustProxyHops || false,
    genReqId: requestIdFor,
    // A path with broken percent-encoding is refused by Fastify's router, before Nest's filters see it.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const body: ErrorBody = {
        statusCode: HttpStatus.BAD_REQUEST,
        error: 'Bad Request',
        message: error.message,
        errors: [{ field: 'url', reason: error.message }],
        requestId: String(request.id),
      };
      void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
    },
  });
  const app = await withStartupLogs((logger) =>
    NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), adapter, {
      logger,
      // Start-up failures must reach main.ts, which prints one line instead of exiting here.
      abortOnError: false,
    }),
  );
  app.enableShutdownHooks();
  app.useGlobalPipes(createValidationPipe());

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request, reply) => {
    // The logger reads the id from the raw request; the caller gets it back to quote in a report.
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
  });
  await app.register(helmet, {
    // Pages run only scripts from this origin: an injected <script> or onclick= would not run.
    contentSecurityPolicy: { directives: PAGE_CSP },
    // Browsers ignore HSTS over plain HTTP; sent only where the public address is HTTPS.
    strictTransportSecurity: config.appUrl.startsWith('https://')
      ? { maxAge: 365 * 24 * 3600, includeSubDomains: true }
      : false,
  });
  fastify.addHook('onRequest', async (request, reply) => {
    // Swagger UI starts itself with inline scripts; its pages show only the API's own document.
    if (request.url.startsWith(`/${OPENAPI_PATH}`)) {
      void reply.header('content-security-policy', SWAGGER_CSP);
    }
  });
  // Signs the dashboard's cookies with APP_SECRET: a session or CSRF cookie cannot be made up.
  await app.register(cookie, { secret: config.appSecret });
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1 } });
  fastify.addContentTypeParser(
    ['text/csv', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: config.importMaxBytes },
    (_request, body, done) => done(null, body),
  );

  setUpOpenApi(app);
  await mountQueueDashboard(app);
  await app.init();
  return app;
}

/** A worker-only process: the same modules and queue workers, no HTTP server. */
export async function createWorkerContext(config: AppConfig): Promise<INestApplicationContext> {
  const context = await withStartupLogs((logger) =>
    NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger,
      abortOnError: false,
    }),
  );
  context.enableShutdownHooks();
  await context.init();
  return context;
}

/**
 * Builds with what Nest logs meanwhile held, then written through the
 * application's own logger, each line with the time it was logged; when the
 * build fails, the held lines go to the console as Nest's would.
 */
async function withStartupLogs<T extends INestApplicationContext>(
  build: (logger: LoggerService) => Promise<T>,
): Promise<T> {
  const startup = new StartupLogBuffer();
  let context: T;
  try {
    context = await build(startup);
  } catch (error) {
    startup.writeTo(new ConsoleLogger());
    throw error;
  }
  const logger = context.get(Logger);
  context.useLogger(logger);
  startup.writeTo(logger);
  return context;
}
