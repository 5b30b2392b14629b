import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * helmet's security headers on every answer. `@fastify/helmet` called `helmet(options)` for every
 * request, which parses and checks the CSP directives and builds thirteen middlewares each time: a
 * fourteenth of the front page's time in the profile. Built once here, a request only sets the headers.
 * A route still replaces a header it needs otherwise with `reply.header` (a sandboxed file, a mail preview).
 */
export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const apply = helmet(options);
  app.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined));
  });
}
