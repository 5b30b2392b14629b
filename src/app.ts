import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
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
import { logOptions } from './platform/logging.js';
import { ProblemError } from './platform/errors.js';
import './platform/http/context.js';
import { registerRequestContext, secureCookies } from './kernel/request-context.js';
import { fastifyTrustProxy } from './platform/http/trust-proxy.js';
import { frameworkErrors, registerErrorHandling } from './platform/http/error-handling.js';
import { registerInputGuard } from './platform/http/input-guard.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { registerPlatformRoutes } from './kernel/http-routes.js';
import { authRoutes } from './kernel/auth/routes.js';
import { plugIn, type Feature } from './kernel/feature.js';
import { features as allFeatures } from './features.js';

export interface AppOptions {
  config: Config;
  database: Database;
  jobs?: Jobs | null;
  /** The cookie-signing secret; from SESSION_SECRET or made once per installation. */
  secret: string;
  logger?: FastifyServerOptions['logger'];
  /** The features to serve; all of them unless a test wants fewer. */
  features?: readonly Feature[];
}

/** Log lines carry method, route and status, never query strings, tokens or cookies. */
const serializers = {
  req(req: { method: string; url: string; routeOptions?: { url?: string }; id: string }) {
    return { method: req.method, url: req.routeOptions?.url ?? req.url.split('?')[0].replace(/\/login\/link\/[^/]+/, '/login/link/:token'), reqId: req.id };
  },
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const features = opts.features ?? allFeatures;
  const app = Fastify({
    logger: opts.logger ?? { ...logOptions(config.LOG_LEVEL), serializers, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a path parameter over 100 characters, a broken %-escape) as problems too.
    frameworkErrors,
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
  registerSecurityHeaders(app, {
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
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: secureCookies(config) },
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
  registerInputGuard(app);

  // Every state-changing form is CSRF-checked; the API is Bearer-only and needs no such check.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/') || route.config?.csrf === false || !methods.some((m) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(m))) return;
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });

  await app.register(registerPlatformRoutes);
  await app.register(authRoutes);
  plugIn(features);
  for (const feature of features) if (feature.routes) await app.register(feature.routes);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
