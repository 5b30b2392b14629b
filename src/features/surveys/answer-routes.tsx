import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../platform/errors.js';
import { formValues } from '../../platform/http/forms.js';
import type { View } from '../../platform/html/view.js';
import { isLocale, translator } from '../../platform/i18n/i18n.js';
import { refuse } from '../../platform/outcomes.js';
import { LOCALE_COOKIE } from '../../kernel/request-context.js';
import { persons } from '../../kernel/tables.js';
import { answerForm, respondentFor, respondentFromLink, saveDraft, submitResponse, type AnswerForm, type AnswerRefusal, type Respondent } from './answering.js';
import { minGroupOf } from './surveys.js';
import { answerErrors, answersFromForm, postedValues, valuesFromAnswers, type AnswerValues } from './pages/answer-input.js';
import { AnswerFormPage } from './pages/answer-form.js';
import { AnswerClosedPage, AnswerDonePage, LinkInvalidPage } from './pages/answer-done.js';

const tokenParams = z.object({ token: z.string().min(1).max(512) });
const waveParams = z.object({ waveId: z.uuid() });

/** Who answers which wave, and where their form posts. */
interface Target {
  respondent: Respondent;
  waveId: string;
  /** The form's address: `/s/{token}` or `/surveys/answer/{waveId}`. */
  base: string;
}

/**
 * The pages where a member answers a survey: behind the personal link of the invitation
 * (`/s/{token}`, no log-in: the token is the proof, as the mailings' invitation links are), and
 * from my page when signed in (`/surveys/answer/{waveId}`). Both show the same form, save a draft to
 * continue later, and send the answers through the same use cases as the API. Forms carry the
 * platform's CSRF token: the page sets its secret cookie for a visitor as for a member.
 */
export async function surveyAnswerPages(app: FastifyInstance): Promise<void> {
  /**
   * The page in the language of the person the link is for (the invitation was in it), unless the
   * visitor has chosen one or is signed in with their own.
   */
  const viewFor = async (req: FastifyRequest, reply: FastifyReply, t: Target): Promise<View> => {
    const view = await reply.view();
    if (t.respondent.via === 'link' && req.actor.kind === 'anonymous' && !req.cookies[LOCALE_COOKIE]) {
      const [p] = await app.db.select({ locale: persons.preferredLocale }).from(persons).where(eq(persons.id, t.respondent.personId));
      if (p && isLocale(p.locale)) {
        view.locale = p.locale;
        view.t = translator(p.locale);
      }
    }
    return view;
  };

  /** Answering pages are the person's own: never kept by a cache; a link's address is a credential, kept out of referrers and search engines. */
  const privately = (reply: FastifyReply, t: Target | null) => {
    reply.header('cache-control', 'no-store');
    if (!t || t.respondent.via === 'link') reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    return reply;
  };

  const badLink = async (reply: FastifyReply) => privately(reply, null).status(404).html(<LinkInvalidPage view={await reply.view()} />);

  /** The person and wave of a personal link; null when the link is not genuine. */
  const byLink = async (req: FastifyRequest): Promise<Target | null> => {
    const p = tokenParams.safeParse(req.params);
    if (!p.success) return null;
    const link = await respondentFromLink(app.db, p.data.token);
    if (!link.ok) return null;
    return { respondent: link.respondent, waveId: link.waveId, base: `/s/${encodeURIComponent(p.data.token)}` };
  };

  /** The signed-in person and the wave of the address; someone not logged in is sent to log in. */
  const bySession = async (req: FastifyRequest): Promise<Target> => {
    if (req.actor.kind !== 'person') return refuse(req, 'forbidden');
    const p = waveParams.safeParse(req.params);
    if (!p.success) return refuse(req, 'not_found');
    const who = await respondentFor(app.db, req.actor, p.data.waveId, undefined);
    if (!who.ok) return refuse(req, 'forbidden');
    return { respondent: who.respondent, waveId: p.data.waveId, base: `/surveys/answer/${p.data.waveId}` };
  };

  /** The wave's form for the person; not invited (or no such wave) reads as the link not working, or not found. */
  const formOf = async (req: FastifyRequest, reply: FastifyReply, t: Target): Promise<AnswerForm | null> => {
    const found = await answerForm(app.db, t.respondent, t.waveId);
    if (found.ok) return found.form;
    if (t.respondent.via === 'link') {
      await badLink(reply);
      return null;
    }
    return refuse(req, 'not_found');
  };

  const showForm = async (req: FastifyRequest, reply: FastifyReply, t: Target, form: AnswerForm, values: AnswerValues, errors: FieldError[], status = 200) =>
    privately(reply, t)
      .status(status)
      .html(<AnswerFormPage view={await viewFor(req, reply, t)} form={form} values={values} errors={errors} action={t.base} via={t.respondent.via} minGroup={minGroupOf(form.survey)} />);

  const showDone = async (req: FastifyRequest, reply: FastifyReply, t: Target, form: AnswerForm, already: boolean, status = 200) =>
    privately(reply, t)
      .status(status)
      .html(<AnswerDonePage view={await viewFor(req, reply, t)} form={form} minGroup={minGroupOf(form.survey)} already={already} via={t.respondent.via} />);

  const showClosed = async (req: FastifyRequest, reply: FastifyReply, t: Target, form: AnswerForm, state: 'closed' | 'not_open', status = 200) =>
    privately(reply, t)
      .status(status)
      .html(<AnswerClosedPage view={await viewFor(req, reply, t)} form={form} state={state} via={t.respondent.via} />);

  /** The page for the wave as it stands: thank you when answered, the times when it is not open, else the form with the draft. */
  const page = async (req: FastifyRequest, reply: FastifyReply, t: Target | null) => {
    if (!t) return badLink(reply);
    const form = await formOf(req, reply, t);
    if (!form) return reply;
    if (form.answered) return showDone(req, reply, t, form, true);
    if (form.state !== 'open') return showClosed(req, reply, t, form, form.state);
    return showForm(req, reply, t, form, valuesFromAnswers(form.questions, form.draft), []);
  };

  /** A refusal of sending or saving, shown on the page: the form again with the errors (nothing saved), or why it cannot be answered. */
  const refused = async (req: FastifyRequest, reply: FastifyReply, t: Target, form: AnswerForm, failure: AnswerRefusal, posted: AnswerValues) => {
    switch (failure.reason) {
      case 'invalid': {
        const view = await viewFor(req, reply, t);
        return showForm(req, reply, t, form, posted, answerErrors(view.t, view.locale, form.questions, failure.errors), 422);
      }
      case 'already_answered':
        return showDone(req, reply, t, form, true, 409);
      case 'wave_closed':
        return showClosed(req, reply, t, form, 'closed', 409);
      case 'wave_not_open':
        return showClosed(req, reply, t, form, 'not_open', 409);
      default:
        // Not invited, or a link of another wave: the form was found a moment ago, so this is a wave deleted meanwhile.
        if (t.respondent.via === 'link') return badLink(reply);
        return refuse(req, 'not_found');
    }
  };

  const submit = async (req: FastifyRequest, reply: FastifyReply, t: Target | null) => {
    if (!t) return badLink(reply);
    const form = await formOf(req, reply, t);
    if (!form) return reply;
    const body = formValues(req.body);
    const result = await submitResponse(app.db, t.respondent, t.waveId, answersFromForm(form.questions, body));
    if (!result.ok) return refused(req, reply, t, form, result, postedValues(body));
    return showDone(req, reply, t, form, false);
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, t: Target | null) => {
    if (!t) return badLink(reply);
    const form = await formOf(req, reply, t);
    if (!form) return reply;
    const body = formValues(req.body);
    const result = await saveDraft(app.db, t.respondent, t.waveId, answersFromForm(form.questions, body));
    if (!result.ok) return refused(req, reply, t, form, result, postedValues(body));
    const view = await viewFor(req, reply, t);
    reply.flash('success', view.t(t.respondent.via === 'link' ? 'surveys.answer.saved_link' : 'surveys.answer.saved_session'));
    return privately(reply, t).redirect(t.base, 303);
  };

  app.get('/s/:token', async (req, reply) => page(req, reply, await byLink(req)));
  app.post('/s/:token', async (req, reply) => submit(req, reply, await byLink(req)));
  app.post('/s/:token/save', async (req, reply) => save(req, reply, await byLink(req)));

  app.get('/surveys/answer/:waveId', async (req, reply) => page(req, reply, await bySession(req)));
  app.post('/surveys/answer/:waveId', async (req, reply) => submit(req, reply, await bySession(req)));
  app.post('/surveys/answer/:waveId/save', async (req, reply) => save(req, reply, await bySession(req)));
}
