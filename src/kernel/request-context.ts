import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymous, type Actor } from '../platform/actor.js';
import { isLocale, localeFromAcceptLanguage, translator, type Locale } from '../platform/i18n/i18n.js';
import { resumeSession } from './auth/sessions.js';
import { twoFactorRequiredFor } from './auth/two-factor.js';
import { resolveApiToken } from './auth/api-tokens.js';
import { ProblemError } from '../platform/errors.js';
import { loadGrants } from './grants.js';
import { getBrand } from './organisation.js';
import type { FlashKind, View } from '../platform/html/view.js';

export const SESSION_COOKIE = 'forening_session';
export const LOCALE_COOKIE = 'forening_lang';
export const FLASH_COOKIE = 'forening_flash';

/** Files and health served at exactly these paths (a query string allowed, for cache-busting). */
const BARE_PATHS = ['/logo', '/theme.css', '/healthz'];
/** Folders of static files. */
const BARE_PREFIXES = ['/public/', '/api/docs/static/'];

/**
 * Requests for files and health need no actor, language or session look-up. Matched by whole path,
 * not by prefix: `/logout` starts with `/logo`, and skipping its session look-up left sessions alive.
 */
export function isBare(url: string): boolean {
  const path = url.split('?', 1)[0];
  return BARE_PATHS.includes(path) || BARE_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Whether our cookies carry `Secure`: from the address people use, not from how this request came in,
 * which behind a proxy without TRUST_PROXY looks like plain http even when the browser uses https.
 */
export function secureCookies(config: { publicUrl: string }): boolean {
  return config.publicUrl.startsWith('https:');
}

/** The options of every cookie we set or clear (a cookie is cleared only with the options it was set with). */
export function cookieOptions(req: FastifyRequest, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies(req.server.config),
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

export const TWO_FACTOR_SETUP_PATH = '/account/two-factor';

/** What a person who must set up two-factor log-in can still reach: its set-up, log-out and the language. */
function opensDuringTwoFactorSetup(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === TWO_FACTOR_SETUP_PATH || path.startsWith(`${TWO_FACTOR_SETUP_PATH}/`) || path === '/logout' || path === '/language';
}

async function resolveActor(app: FastifyInstance, req: FastifyRequest): Promise<{ actor: Actor; preferred: string | null }> {
  const ip = req.ip;
  // API tokens are for the API; pages know people only by their session.
  const auth = req.isApi ? req.headers.authorization : undefined;
  if (auth !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(auth);
    const token = match ? await resolveApiToken(app.db, match[1]) : null;
    if (!token) throw new ProblemError(401, 'auth.invalid_token');
    // A personal token is its person, with their rights of today; the audit names the token too.
    if (token.kind === 'personal') {
      return { actor: { kind: 'person', personId: token.personId, firstName: token.firstName, lastName: token.lastName, grants: token.grants, tokenId: token.tokenId, ip }, preferred: null };
    }
    return { actor: { kind: 'token', tokenId: token.tokenId, name: token.name, grants: token.grants, ip }, preferred: null };
  }
  // The API is Bearer-only: a browser's session cookie must not let other sites call it (no CSRF there).
  const cookie = req.isApi ? undefined : req.cookies[SESSION_COOKIE];
  if (cookie) {
    const person = await resumeSession(app.db, cookie);
    if (person?.secondFactorPending) {
      // Half logged in: anonymous to every page and check, but the second step and log-out know the session.
      req.sessionToken = cookie;
      req.pendingSecondFactor = { personId: person.personId };
      return { actor: { ...anonymous, ip }, preferred: person.preferredLocale };
    }
    if (person) {
      req.sessionToken = cookie;
      const grants = await loadGrants(app.db, person.personId);
      const actor: Actor = { kind: 'person', personId: person.personId, firstName: person.firstName, lastName: person.lastName, grants, ip };
      if (!person.twoFactorEnabled) req.twoFactorSetupRequired = await twoFactorRequiredFor(app.db, actor);
      return { actor, preferred: person.preferredLocale };
    }
    req.sessionExpired = true;
  }
  return { actor: { ...anonymous, ip }, preferred: null };
}

export function registerRequestContext(app: FastifyInstance): void {
  app.decorateRequest('actor', null as unknown as typeof anonymous & { kind: 'anonymous' });
  app.decorateRequest('locale', 'da');
  app.decorateRequest('t', null as unknown as FastifyRequest['t']);
  app.decorateRequest('sessionExpired', false);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('pendingSecondFactor', null);
  app.decorateRequest('twoFactorSetupRequired', false);
  app.decorateRequest('flash', null);
  app.decorateRequest('isApi', false);

  app.addHook('onRequest', async (req, reply) => {
    req.actor = anonymous;
    req.isApi = req.url.startsWith('/api/');
    // The language is needed even when resolving the actor fails (a bad token is answered in it).
    const brand = await getBrand(app.db);
    const cookieLocale = req.cookies[LOCALE_COOKIE];
    const early: Locale = (isLocale(cookieLocale) ? cookieLocale : undefined) ?? localeFromAcceptLanguage(req.headers['accept-language']) ?? brand.defaultLocale;
    req.locale = early;
    req.t = translator(early);
    if (isBare(req.url)) return;

    const { actor, preferred } = await resolveActor(app, req);
    req.actor = actor;
    if (req.sessionExpired) reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    // The person's saved choice wins over this browser's cookie, which wins over the browser's languages.
    if (isLocale(preferred) && preferred !== req.locale) {
      req.locale = preferred;
      req.t = translator(preferred);
    }
    const flash = req.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = req.unsignCookie(flash);
      if (unsigned.valid && unsigned.value) {
        try {
          req.flash = JSON.parse(unsigned.value) as FastifyRequest['flash'];
        } catch {
          req.flash = null;
        }
      }
    }
    if (req.sessionExpired && !req.flash) req.flash = { kind: 'info', message: req.t('auth.session_expired') };
    // Until a required second factor is set up, every other page leads to its set-up.
    if (req.twoFactorSetupRequired && !opensDuringTwoFactorSetup(req.url)) return reply.redirect(TWO_FACTOR_SETUP_PATH, 303);
  });

  app.decorateReply('flash', function (this: FastifyReply, kind: FlashKind, message: string) {
    this.setCookie(FLASH_COOKIE, JSON.stringify({ kind, message }), { ...cookieOptions(this.request), signed: true, maxAge: 120 });
  });

  app.decorateReply('view', async function (this: FastifyReply): Promise<View> {
    const req = this.request;
    const reply = this;
    if (req.flash) this.clearCookie(FLASH_COOKIE, cookieOptions(req));
    let csrfToken: string | undefined;
    return {
      t: req.t,
      locale: req.locale,
      actor: req.actor,
      org: await getBrand(app.db),
      path: req.url,
      // Made on first use: a page without forms sets no CSRF cookie and signs nothing.
      get csrfToken() {
        csrfToken ??= reply.generateCsrf();
        return csrfToken;
      },
      flash: req.flash,
    };
  });
}
