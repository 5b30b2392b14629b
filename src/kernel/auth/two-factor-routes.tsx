import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm, safeNext } from '../../platform/http/forms.js';
import { allow } from '../../platform/http/guard.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import { cookieOptions, SESSION_COOKIE } from '../request-context.js';
import { getBrand } from '../organisation.js';
import { findPersonById } from '../persons.js';
import { completePendingSession, SESSION_DAYS } from './sessions.js';
import { disableTwoFactorForm, secondFactorCodeForm, secondFactorRecoveryForm, totpCodeForm } from './schema.js';
import {
  beginTwoFactorSetup,
  confirmTwoFactor,
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorRequiredFor,
  twoFactorStatus,
  verifySecondFactor,
  type Person,
  type SecondFactor,
} from './two-factor.js';
import { RecoveryCodesPage, SecondFactorPage, TwoFactorSetupPage, TwoFactorStatusPage } from './two-factor-pages.js';

function personOf(req: FastifyRequest): Person {
  allow(req, req.actor.kind === 'person');
  return req.actor as Person;
}

/** Two-factor log-in: its set-up on the account page, and the second step of logging in. */
export async function twoFactorRoutes(app: FastifyInstance): Promise<void> {
  const loginLimit = { rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } };
  // Guesses at a code count per person waiting for the second step, from wherever they come.
  const codeLimit = {
    rateLimit: {
      max: app.config.LOGIN_RATE_LIMIT,
      timeWindow: '1 minute',
      hook: 'preHandler' as const,
      keyGenerator: (req: FastifyRequest) => (req.pendingSecondFactor ? `two-factor:${req.pendingSecondFactor.personId}` : `two-factor:${req.ip}`),
    },
  };

  const accountPage = async (req: FastifyRequest, reply: FastifyReply, forms: { setup?: FormState; regenerate?: FormState; disable?: FormState } = {}, status = 200) => {
    const person = personOf(req);
    const required = await twoFactorRequiredFor(app.db, person);
    // The page shows the secret (or may): no cache keeps it.
    reply.header('cache-control', 'no-store');
    let state = await twoFactorStatus(app.db, person.personId);
    if (!state.enabled) {
      const brand = await getBrand(app.db);
      const found = await findPersonById(app.db, person.personId);
      const setup = await beginTwoFactorSetup(app.db, person, { issuer: brand.name, label: found?.email ?? `${person.firstName} ${person.lastName}` });
      if (setup) return reply.status(status).html(<TwoFactorSetupPage view={await reply.view()} setup={setup} required={required} form={forms.setup ?? emptyForm()} />);
      state = await twoFactorStatus(app.db, person.personId);
    }
    return reply
      .status(status)
      .html(<TwoFactorStatusPage view={await reply.view()} status={state} required={required} regenerateForm={forms.regenerate ?? emptyForm()} disableForm={forms.disable ?? emptyForm()} />);
  };

  const codesPage = async (reply: FastifyReply, codes: string[], message: string) => {
    reply.header('cache-control', 'no-store');
    return reply.html(<RecoveryCodesPage view={await reply.view()} codes={codes} message={message} />);
  };

  app.get('/account/two-factor', async (req, reply) => accountPage(req, reply));

  app.post('/account/two-factor', { config: loginLimit }, async (req, reply) => {
    const person = personOf(req);
    const form = parseForm(totpCodeForm, req.body, req.t);
    if (!form.ok) return accountPage(req, reply, { setup: { values: {}, errors: form.errors } }, 422);
    const result = await confirmTwoFactor(app.db, person, form.data.totpCode);
    if (!result.ok && result.reason === 'not_started') return reply.redirect('/account/two-factor', 303);
    if (!result.ok) return accountPage(req, reply, { setup: { values: {}, errors: [fieldError(req.t, 'totpCode', 'two_factor.wrong_code')] } }, 422);
    return codesPage(reply, result.recoveryCodes, req.t('two_factor.enabled'));
  });

  app.post('/account/two-factor/recovery-codes', { config: loginLimit }, async (req, reply) => {
    const person = personOf(req);
    const form = parseForm(totpCodeForm, req.body, req.t);
    if (!form.ok) return accountPage(req, reply, { regenerate: { values: {}, errors: form.errors } }, 422);
    const result = await regenerateRecoveryCodes(app.db, person, form.data.totpCode);
    if (!result.ok && result.reason === 'not_enabled') return reply.redirect('/account/two-factor', 303);
    if (!result.ok) return accountPage(req, reply, { regenerate: { values: {}, errors: [fieldError(req.t, 'totpCode', 'two_factor.wrong_code')] } }, 422);
    return codesPage(reply, result.recoveryCodes, req.t('two_factor.regenerated'));
  });

  app.post('/account/two-factor/disable', { config: loginLimit }, async (req, reply) => {
    const person = personOf(req);
    const form = parseForm(disableTwoFactorForm, req.body, req.t);
    if (!form.ok) return accountPage(req, reply, { disable: { values: {}, errors: form.errors } }, 422);
    const result = await disableTwoFactor(app.db, person, form.data.totpCode);
    if (!result.ok && result.reason === 'not_enabled') return reply.redirect('/account/two-factor', 303);
    // The page then says why it cannot be turned off.
    if (!result.ok && result.reason === 'required') return accountPage(req, reply, {}, 403);
    if (!result.ok) return accountPage(req, reply, { disable: { values: {}, errors: [fieldError(req.t, 'totpCode', 'two_factor.wrong_answer')] } }, 422);
    reply.flash('success', req.t('two_factor.disabled'));
    return reply.redirect('/account', 303);
  });

  // The second step of logging in, for a session that waits for it.
  const secondStep = async (req: FastifyRequest, reply: FastifyReply, next: unknown, forms: { code?: FormState; recovery?: FormState } = {}, status = 200) => {
    reply.header('cache-control', 'no-store');
    return reply
      .status(status)
      .html(<SecondFactorPage view={await reply.view()} next={safeNext(next, '/start')} codeForm={forms.code ?? emptyForm()} recoveryForm={forms.recovery ?? emptyForm()} />);
  };

  /** No session waits for a second factor: to log-in (or on, for someone already logged in). */
  const notWaiting = (req: FastifyRequest, reply: FastifyReply, next: unknown) => reply.redirect(req.actor.kind === 'person' ? safeNext(next, '/start') : '/login', 303);

  const finish = async (req: FastifyRequest, reply: FastifyReply, factor: SecondFactor, next: unknown, wrong: () => Promise<unknown>) => {
    const pending = req.pendingSecondFactor!;
    const check = await verifySecondFactor(app.db, pending.personId, factor, req.actor);
    if (!check.ok) return wrong();
    const token = await completePendingSession(app.db, req.actor, req.sessionToken!, check.via);
    if (!token) return reply.redirect('/login', 303);
    reply.setCookie(SESSION_COOKIE, token, cookieOptions(req, SESSION_DAYS * 24 * 3600));
    return reply.redirect(safeNext(next, '/start'), 303);
  };

  app.get('/login/two-factor', async (req, reply) => {
    const next = (req.query as Record<string, string | undefined>).next;
    if (!req.pendingSecondFactor) return notWaiting(req, reply, next);
    return secondStep(req, reply, next);
  });

  app.post('/login/two-factor', { config: codeLimit }, async (req, reply) => {
    const form = parseForm(secondFactorCodeForm, req.body, req.t);
    const next = form.ok ? form.data.next : form.values.next;
    if (!req.pendingSecondFactor) return notWaiting(req, reply, next);
    if (!form.ok) return secondStep(req, reply, next, { code: { values: {}, errors: form.errors } }, 422);
    return finish(req, reply, { totpCode: form.data.totpCode }, next, () => secondStep(req, reply, next, { code: { values: {}, errors: [fieldError(req.t, 'totpCode', 'two_factor.wrong_code')] } }, 422));
  });

  app.post('/login/two-factor/recovery', { config: codeLimit }, async (req, reply) => {
    const form = parseForm(secondFactorRecoveryForm, req.body, req.t);
    const next = form.ok ? form.data.next : form.values.next;
    if (!req.pendingSecondFactor) return notWaiting(req, reply, next);
    if (!form.ok) return secondStep(req, reply, next, { recovery: { values: {}, errors: form.errors } }, 422);
    return finish(req, reply, { recoveryCode: form.data.recoveryCode }, next, () =>
      secondStep(req, reply, next, { recovery: { values: {}, errors: [fieldError(req.t, 'recoveryCode', 'two_factor.wrong_recovery_code')] } }, 422),
    );
  });
}
