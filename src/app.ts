import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { fastifyKitaHtml } from '@kitajs/fastify-html-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import type { Jobs } from './platform/jobs/jobs.js';
import { publicDir } from './platform/paths.js';
import { ProblemError } from './platform/errors.js';
import './platform/http/context.js';
import { registerRequestContext } from './platform/http/request-context.js';
import { registerErrorHandling } from './platform/http/error-handling.js';
import { registerPlatformRoutes } from './platform/http/platform-routes.js';
import { authRoutes } from './platform/auth/routes.js';
import { adminRoutes } from './platform/admin/routes.js';
import { organisationRoutes } from './features/organisation/index.js';
import { homeRoutes } from './features/home/index.js';
import { importRoutes, memberRoutes } from './features/members/index.js';
import { workplaceRoutes } from './features/workplaces/index.js';
import { memberCompanyRoutes } from './features/member-companies/index.js';
import { directoryRoutes } from './features/directory/index.js';
import { joiningRoutes } from './features/joining/index.js';
import { eventRoutes } from './features/events/index.js';
import { workplaceMeetingRoutes } from './features/workplace-meetings/index.js';
import { newsRoutes } from './features/news/index.js';
import { segmentRoutes } from './features/segments/index.js';
import { magazineRoutes } from './features/magazine/index.js';
import { pressRoutes } from './features/press/index.js';
import { mailingRoutes } from './features/mailings/index.js';

export interface AppOptions {
  config: Config;
  database: Database;
  jobs?: Jobs | null;
  /** The cookie-signing secret; from SESSION_SECRET or made once per installation. */
  secret: string;
  logger?: FastifyServerOptions['logger'];
}

/** Log lines carry method, route and status, never query strings, tokens or cookies. */
const serializers = {
  req(req: { method: string; url: string; routeOptions?: { url?: string }; id: string }) {
    return { method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0].replace(/\/login\/link\/[^/]+/, '/login/link/:token'), reqId: req.id };
  },
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger: opts.logger ?? { level: config.LOG_LEVEL, serializers, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', opts.database);
  app.decorate('db', opts.database.db);
  app.decorate('jobs', opts.jobs ?? null);

  await app.register(fastifyCookie, { secret: opts.secret });
  await app.register(fastifyFormbody);
  await app.register(fastifyMultipart, { attachFieldsToBody: true, limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 50 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https:') ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCsrf, {
    cookieKey: 'forening_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true },
    getToken: (req) => {
      const header = req.headers['x-csrf-token'];
      if (typeof header === 'string') return header;
      const field = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof field === 'string') return field;
      // Multipart forms hand over fields as objects with a value.
      if (field && typeof field === 'object' && 'value' in field) return String((field as { value: unknown }).value);
      return undefined;
    },
  });
  // htmx comes from its npm package, served beside our own files: no copy, no client build.
  const require = createRequire(import.meta.url);
  await app.register(fastifyStatic, { root: [publicDir, dirname(require.resolve('htmx.org/dist/htmx.min.js'))], prefix: '/public/', maxAge: '1h' });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Forening API', version: '1', description: 'REST API for integrations. Authenticate with `Authorization: Bearer <token>` (create one with `forening token create`). Errors are application/problem+json (RFC 9457) with `errors: [{ path, code, message }]`.' },
      servers: [{ url: config.publicUrl }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    // Fills components.schemas with the schemas that have an id (Problem), which the routes $ref.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } });
  await app.register(fastifyKitaHtml);

  registerRequestContext(app);
  registerErrorHandling(app);

  // An API body in another format than the route takes is refused before validation: 415, not a puzzling 422.
  app.addHook('preValidation', async (req) => {
    if (!req.isApi || req.body === undefined || !['POST', 'PUT', 'PATCH'].includes(req.method)) return;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!(req.routeOptions.config.accepts ?? ['application/json']).includes(type)) throw new ProblemError(415, 'request.unsupported_media_type');
  });

  // Every state-changing form is CSRF-checked; the API is Bearer-only and needs no such check.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/') || route.config?.csrf === false || !methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });

  await app.register(registerPlatformRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  await app.register(homeRoutes);
  await app.register(organisationRoutes);
  await app.register(memberRoutes);
  await app.register(importRoutes);
  await app.register(workplaceRoutes);
  await app.register(memberCompanyRoutes);
  await app.register(directoryRoutes);
  await app.register(joiningRoutes);
  await app.register(eventRoutes);
  await app.register(workplaceMeetingRoutes);
  await app.register(newsRoutes);
  await app.register(segmentRoutes);
  await app.register(magazineRoutes);
  await app.register(pressRoutes);
  await app.register(mailingRoutes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
