import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuth } from './http/auth.ts';
import { registerErrorHandler, sendError } from './http/errorHandler.ts';
import { runWithContext } from './lib/context.ts';
import { AppError } from './lib/errors.ts';
import { setListCache } from './lib/resultCache.ts';
import { agreementRoutes } from './modules/agreements/routes.ts';
import { agreementVersionRoutes } from './modules/agreements/versionRoutes.ts';
import { attachmentRoutes } from './modules/attachments/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { awardRoutes } from './modules/awards/routes.ts';
import { documentRoutes } from './modules/documents/routes.ts';
import { exchangeRoutes } from './modules/exchange/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { indicatorRoutes } from './modules/indicators/routes.ts';
import { legalRoutes } from './modules/legal/routes.ts';
import { liveRoutes } from './modules/live/routes.ts';
import { meetingRoutes } from './modules/meetings/routes.ts';
import { notificationRoutes } from './modules/notifications/routes.ts';
import { configureNotifications } from './modules/notifications/settings.ts';
import { reportFormRoutes } from './modules/reports/formRoutes.ts';
import { reportRoutes } from './modules/reports/routes.ts';
import { reportXlsxRoutes } from './modules/reports/xlsxRoutes.ts';
import { reviewRoutes } from './modules/reviews/routes.ts';
import { rollupRoutes } from './modules/rollup/routes.ts';
import { taskEditRoutes } from './modules/tasks/editRoutes.ts';
import { taskRoutes } from './modules/tasks/routes.ts';
import { unitRoutes } from './modules/units/routes.ts';
import { userRoutes } from './modules/users/routes.ts';

// Validation messages from zod come out in Vietnamese.
z.config(z.locales.vi());

const root = fileURLToPath(new URL('../../', import.meta.url));
export const APP_VERSION: string = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).version;
const WEB_DIST = `${root}dist/web`;

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
}

export async function buildApp(database: Database, config: Config, options: AppOptions = {}) {
  const app = Fastify({
    // JSON lines (with requestId) for machines; readable lines when a person watches a terminal.
    logger: options.logger ?? {
      level: config.logLevel,
      ...(config.prettyLogs
        ? {
            transport: {
              target: 'pino-pretty',
              options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
            },
          }
        : {}),
    },
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    // A request id in every response and log line; a caller's own id is kept when sane.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,100}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: false } },
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: Fastify's built-in text/plain parser would let a plain-text
  // body through to validation (400) instead of answering 415 as documented.
  app.removeContentTypeParser('text/plain');
  setListCache(config.listCache);
  configureNotifications(config);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // The request context (request id, IP, locale, actor) follows the request through every
  // await, so services and the audit log read it instead of taking it as an argument.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    const lang = req.headers['accept-language'];
    const locale = typeof lang === 'string' && lang.toLowerCase().startsWith('en') ? 'en' : 'vi';
    const readOnly = req.method === 'GET' || req.method === 'HEAD';
    runWithContext({ requestId: String(req.id), ip: req.ip, locale, actor: null, readOnly }, done);
  });

  registerErrorHandler(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'PhốiHợp API',
        description:
          'API quản lý chương trình phối hợp liên ngành. Xác thực bằng cookie phiên (kèm tiêu đề x-csrf-token cho thao tác ghi) hoặc Authorization: Bearer phk_… (mã truy cập API).',
        version: APP_VERSION,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'phoihop_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  });

  registerAuth(app, database.db, config);

  await app.register(healthRoutes(database, APP_VERSION));
  await app.register(authRoutes(database.db, config));
  await app.register(unitRoutes(database.db));
  await app.register(userRoutes(database.db));
  await app.register(auditRoutes(database.db));
  await app.register(taskRoutes(database.db));
  await app.register(taskEditRoutes(database.db));
  await app.register(legalRoutes(database.db));
  await app.register(agreementRoutes(database.db));
  await app.register(agreementVersionRoutes(database.db));
  await app.register(attachmentRoutes(database.db, config));
  await app.register(indicatorRoutes(database.db));
  await app.register(reportFormRoutes(database.db));
  await app.register(reportRoutes(database.db));
  await app.register(reportXlsxRoutes(database.db));
  await app.register(rollupRoutes(database.db));
  await app.register(documentRoutes(database.db));
  await app.register(meetingRoutes(database.db));
  await app.register(reviewRoutes(database.db));
  await app.register(awardRoutes(database.db));
  await app.register(exchangeRoutes(database.db));
  await app.register(notificationRoutes(database.db));
  await app.register(liveRoutes(database));

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const serveWeb = options.serveWeb ?? true;
  if (serveWeb && existsSync(`${WEB_DIST}/index.html`)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: ['index.html'] });
  }
  // Unknown API routes answer in the catalogue's format; any other GET is a route of the
  // single-page app, which the browser resolves from index.html.
  app.setNotFoundHandler((req, reply) => {
    if (
      req.url.startsWith('/api/') ||
      req.method !== 'GET' ||
      !serveWeb ||
      !existsSync(`${WEB_DIST}/index.html`)
    ) {
      return sendError(reply, req, 'ROUTE_NOT_FOUND');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
