import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isLocale } from '../platform/i18n/i18n.js';
import { themeCss } from '../platform/html/colour.js';
import { getBrand, getLogo } from './organisation.js';
import { setPreferredLocale } from './persons.js';
import { safeNext } from '../platform/http/forms.js';
import { cookieOptions, LOCALE_COOKIE } from './request-context.js';

const YEAR = 365 * 24 * 3600;

export async function registerPlatformRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await app.db.execute(sql`select 1`);
      return { status: 'ok' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  app.post('/language', async (req, reply) => {
    const body = z.object({ locale: z.string(), next: z.string().optional() }).safeParse(req.body);
    const locale = body.success ? body.data.locale : undefined;
    if (isLocale(locale)) {
      reply.setCookie(LOCALE_COOKIE, locale, { ...cookieOptions(req, YEAR), httpOnly: false });
      if (req.actor.kind === 'person') await setPreferredLocale(app.db, req.actor, req.actor.personId, locale);
    }
    return reply.redirect(safeNext(body.success ? body.data.next : undefined), 303);
  });

  // Visitors who are not logged in switch language by link: it only sets their cookie.
  app.get('/language', async (req, reply) => {
    const query = z.object({ locale: z.string().optional(), next: z.string().optional() }).safeParse(req.query);
    const locale = query.success ? query.data.locale : undefined;
    if (isLocale(locale)) reply.setCookie(LOCALE_COOKIE, locale, { ...cookieOptions(req, YEAR), httpOnly: false });
    return reply.redirect(safeNext(query.success ? query.data.next : undefined), 303);
  });

  app.get('/theme.css', async (_req, reply) => {
    const brand = await getBrand(app.db);
    return reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=300').send(themeCss(brand.brandColour));
  });

  app.get('/logo', async (_req, reply) => {
    const logo = await getLogo(app.db);
    if (!logo) return reply.status(404).type('text/plain').send('');
    // An SVG logo must never run as a document; it is only ever an image.
    return reply
      .type(logo.mime)
      .header('cache-control', 'public, max-age=300')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .send(logo.bytes);
  });
}
