import type { FastifyInstance, FastifyReply } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { formValues, mergeFieldErrors, parseForm, validParts } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { can } from './policy.js';
import { joinInput, tokenParams } from './schema.js';
import { applyForMembership, checkJoinConfirmation, confirmApplication, joinChoiceProblems } from './join.js';
import { problemsToFieldErrors } from '../../platform/outcomes.js';
import { loadJoinOptions } from './join-options.js';
import { mailContext } from './mail-context.js';
import { BadConfirmationPage, ConfirmedPage, ConfirmPage, JoinPage, JoinSentPage } from './join-pages.js';

/** Each reason an application is refused, as its code (and message key) on the form. */

/** The public "become a member" form and the double opt-in that follows it. */
export async function joinPages(app: FastifyInstance): Promise<void> {
  // The same budget as log-in requests: each accepted form sends a mail.
  const limit = { rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } };

  const joinPage = async (reply: FastifyReply, form: FormState, status = 200) => {
    const view = await reply.view();
    return reply.status(status).html(<JoinPage view={view} options={await loadJoinOptions(app.db, view.locale)} form={form} />);
  };

  app.get('/join', async (req, reply) => {
    allow(req, can(req.actor, 'join.apply'));
    return joinPage(reply, emptyForm());
  });

  app.post('/join', { config: limit }, async (req, reply) => {
    allow(req, can(req.actor, 'join.apply'));
    const form = parseForm(joinInput, req.body, req.t);
    if (!form.ok) {
      // The register's checks run on the valid parts too: an unknown district shows with a bad postal code.
      const problems = await joinChoiceProblems(app.db, validParts(joinInput, form.values));
      return joinPage(reply, { values: form.values, errors: mergeFieldErrors(form.errors, problemsToFieldErrors(req.t, problems)) }, 422);
    }
    const result = await applyForMembership(app.db, req.actor, form.data, await mailContext(app));
    if (!result.ok) return joinPage(reply, { values: formValues(req.body), errors: problemsToFieldErrors(req.t, result.errors) }, 422);
    return reply.redirect('/join/sent', 303);
  });

  app.get('/join/sent', async (_req, reply) => reply.html(<JoinSentPage view={await reply.view()} />));

  app.get('/join/confirm/:token', async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const check = params.success ? await checkJoinConfirmation(app.db, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    // The token is in the address: keep it out of other sites' logs and out of caches.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    if (!check.ok) return reply.status(check.reason === 'invalid' ? 404 : 410).html(<BadConfirmationPage view={await reply.view()} reason={check.reason} />);
    return reply.html(<ConfirmPage view={await reply.view()} token={params.data!.token} />);
  });

  app.post('/join/confirm/:token', { config: limit }, async (req, reply) => {
    const params = tokenParams.safeParse(req.params);
    const result = params.success ? await confirmApplication(app.db, req.actor, params.data.token) : ({ ok: false, reason: 'invalid' } as const);
    reply.header('referrer-policy', 'no-referrer');
    if (!result.ok) return reply.status(result.reason === 'invalid' ? 404 : 410).html(<BadConfirmationPage view={await reply.view()} reason={result.reason} />);
    return reply.redirect('/join/confirmed', 303);
  });

  app.get('/join/confirmed', async (_req, reply) => reply.html(<ConfirmedPage view={await reply.view()} />));
}
