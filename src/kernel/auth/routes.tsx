import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseForm, safeNext, formValues } from '../../platform/http/forms.js';
import { cookieOptions, SESSION_COOKIE } from '../request-context.js';
import { allow } from '../../platform/http/guard.js';
import { accessRoleLabel } from '../../platform/actor.js';
import { emptyForm } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import { getBrand } from '../organisation.js';
import { findPersonById } from '../persons.js';
import { checkLoginLink, consumeLoginLink, requestLoginLink } from './login-links.js';
import { endSession, PENDING_SESSION_MINUTES, SESSION_DAYS, startPendingSession, startSession } from './sessions.js';
import { twoFactorEnabled } from './two-factor.js';
import { twoFactorRoutes } from './two-factor-routes.js';
import { setOwnPassword, verifyPasswordLogin } from './passwords.js';
import { loginLinkForm, passwordLoginForm, setPasswordForm } from './schema.js';
import { AccountPage, BadLinkPage, ConfirmLinkPage, LinkSentPage, LoginPage } from './pages.js';
import { accounts } from './tables.js';

const tokenParams = z.object({ token: z.string().min(10).max(200) });

async function logIn(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, personId: string, next: unknown) {
  if (await twoFactorEnabled(app.db, personId)) {
    // Half-way: a session that opens only the page asking for the code.
    const pending = await startPendingSession(app.db, personId);
    reply.setCookie(SESSION_COOKIE, pending, cookieOptions(req, PENDING_SESSION_MINUTES * 60));
    return reply.redirect(`/login/two-factor?next=${encodeURIComponent(safeNext(next, '/start'))}`, 303);
  }
  const token = await startSession(app.db, req.actor, personId);
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, SESSION_DAYS * 24 * 3600));
  return reply.redirect(safeNext(next, '/start'), 303);
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const loginLimit = { rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } };

  app.get('/login', async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    if (req.actor.kind === 'person') return reply.redirect(safeNext(query.next, '/start'), 303);
    if (req.pendingSecondFactor) return reply.redirect(`/login/two-factor?next=${encodeURIComponent(safeNext(query.next, '/start'))}`, 303);
    const notice = query.expired && !req.flash ? req.t('auth.session_expired') : undefined;
    return reply.html(<LoginPage view={await reply.view()} next={safeNext(query.next, '/start')} linkForm={emptyForm()} passwordForm={emptyForm()} notice={notice} />);
  });

  app.post('/login/link', { config: loginLimit }, async (req, reply) => {
    const form = parseForm(loginLinkForm, req.body, req.t);
    if (!form.ok) {
      return reply
        .status(422)
        .html(<LoginPage view={await reply.view()} next={safeNext(form.values.next, '/start')} linkForm={form} passwordForm={emptyForm()} />);
    }
    const brand = await getBrand(app.db);
    await requestLoginLink(app.db, req.actor, { email: form.data.email, locale: req.locale, baseUrl: app.config.publicUrl, organisationName: brand.name });
    return reply.redirect('/login/sent', 303);
  });

  app.get('/login/sent', async (_req, reply) => reply.html(<LinkSentPage view={await reply.view()} />));

  app.get('/login/link/:token', async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const check = params.success ? await checkLoginLink(app.db, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if (!check.ok) return reply.status(check.reason === 'invalid' ? 404 : 410).html(<BadLinkPage view={await reply.view()} reason={check.reason} />);
    const next = safeNext((req.query as Record<string, string | undefined>).next, '/start');
    return reply.html(<ConfirmLinkPage view={await reply.view()} token={params.data!.token} next={next} />);
  });

  app.post('/login/link/:token', { config: loginLimit }, async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const result = params.success ? await consumeLoginLink(app.db, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    if (!result.ok) return reply.status(result.reason === 'invalid' ? 404 : 410).html(<BadLinkPage view={await reply.view()} reason={result.reason} />);
    return logIn(app, req, reply, result.personId, formValues(req.body).next);
  });

  app.post('/login/password', { config: loginLimit }, async (req, reply) => {
    const form = parseForm(passwordLoginForm, req.body, req.t);
    const render = async (errors: ReturnType<typeof fieldError>[], values: Record<string, unknown>) =>
      reply.status(422).html(<LoginPage view={await reply.view()} next={safeNext(values.next, '/start')} linkForm={emptyForm()} passwordForm={{ values: { email: values.email }, errors }} />);
    if (!form.ok) return render(form.errors, form.values);
    const result = await verifyPasswordLogin(app.db, form.data.email, form.data.password);
    if (!result.ok) return render([fieldError(req.t, 'password', 'auth.wrong_password')], form.data);
    return logIn(app, req, reply, result.personId, form.data.next);
  });

  app.post('/logout', async (req, reply) => {
    if (req.sessionToken) await endSession(app.db, req.actor, req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    reply.flash('success', req.t('auth.logged_out'));
    return reply.redirect('/', 303);
  });

  const accountPage = async (req: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200) => {
    allow(req, req.actor.kind === 'person');
    const actor = req.actor as Extract<typeof req.actor, { kind: 'person' }>;
    const person = await findPersonById(app.db, actor.personId);
    const [account] = await app.db.select({ hash: accounts.passwordHash, totpConfirmedAt: accounts.totpConfirmedAt }).from(accounts).where(eq(accounts.personId, actor.personId));
    const roles = [...new Set(actor.grants.map((g) => req.t(accessRoleLabel[g.role])))];
    return reply
      .status(status)
      .html(<AccountPage view={await reply.view()} email={person?.email ?? null} hasPassword={Boolean(account?.hash)} hasTwoFactor={Boolean(account?.totpConfirmedAt)} roles={roles} form={form} />);
  };

  app.get('/account', async (req, reply) => accountPage(req, reply));

  app.post('/account/password', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const form = parseForm(setPasswordForm, req.body, req.t);
    if (!form.ok) return accountPage(req, reply, { values: {}, errors: form.errors }, 422);
    const result = await setOwnPassword(app.db, req.actor as Extract<typeof req.actor, { kind: 'person' }>, form.data);
    if (!result.ok) return accountPage(req, reply, { values: {}, errors: [fieldError(req.t, 'currentPassword', 'auth.wrong_current_password')] }, 422);
    reply.flash('success', req.t('account.password_saved'));
    return reply.redirect('/account', 303);
  });

  await twoFactorRoutes(app);
}
