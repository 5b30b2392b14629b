import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { allow, LoginRequired } from '../../platform/http/guard.js';
import { parseForm, formValues } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { ProblemError } from '../../platform/errors.js';
import { isLocale } from '../../platform/i18n/i18n.js';
import { canSegment, previewSegment } from '../segments/index.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { zonedInstantFromLocal } from '../../platform/i18n/zoned-time.js';
import { mailingFor } from './access.js';
import { type Refusal, refuse } from '../../platform/outcomes.js';
import { countMailingRecipients } from './audience.js';
import { cancelMailing, pauseMailing, resumeMailing } from './control.js';
import { createMailing, deleteMailing, updateMailing } from './mailings.js';
import { mailingControlDone, mailingStatusLabel } from './labels.js';
import { problemMessage } from './messages.js';
import { formErrors, formOptions, parseMailingForm, valuesOf } from './page-form.js';
import { can, canComposeMailings, canUseMailings } from './policy.js';
import { previewMailing, sendTestMailing } from './preview.js';
import { mailingFailures, mailingProgress } from './progress.js';
import { getMailing, listMailings } from './queries.js';
import { mailingFilter, type MailingOutput } from './schema.js';
import { sendMailing } from './send.js';
import { MailingsPage } from './pages/list.js';
import { MailingFormPage, SegmentCount } from './pages/form.js';
import { ConfirmSendPage, MailingPage, type RecipientPreview } from './pages/detail.js';
import { Progress } from './pages/parts.js';

const idParams = z.object({ id: z.uuid() });
function idOf(req: FastifyRequest): string {
  const parsed = idParams.safeParse(req.params);
  if (!parsed.success) {
    if (req.actor.kind === 'anonymous') throw new LoginRequired();
    throw new ProblemError(404, 'http.not_found');
  }
  return parsed.data.id;
}

/**
 * The staff pages of mailings: the list, compose and edit, one mailing with its previews, test and
 * send (with a confirmation step), live progress with pause and resume, and the failures. Every
 * action calls the same use case as the API.
 */
export async function mailingPages(app: FastifyInstance): Promise<void> {
  const ctx = { baseUrl: app.config.publicUrl };

  const formPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, mailingId: string | null, status = 200) => {
    const options = await formOptions(app.db, req.actor, req.locale);
    const segmentId = typeof form.values.segmentId === 'string' ? form.values.segmentId : '';
    const kind = form.values.kind === 'service' ? 'service' : 'newsletter';
    const topicId = typeof form.values.topicId === 'string' && form.values.topicId ? form.values.topicId : null;
    const count = options.segments.some((s) => s.id === segmentId) ? await countMailingRecipients(app.db, req.actor, { segmentId, kind, topicId }) : null;
    return reply.header('cache-control', 'no-store').status(status).html(<MailingFormPage view={await reply.view()} form={form} options={options} count={count} mailingId={mailingId} />);
  };

  const loadForPage = async (req: FastifyRequest): Promise<MailingOutput> => {
    allow(req, canUseMailings(req.actor), 'not_found');
    const found = await getMailing(app.db, req.actor, idOf(req), req.locale);
    if (!found.ok) refuse(req, found);
    return found.mailing;
  };

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, m: MailingOutput) => {
    const may = { edit: can(req.actor, 'edit', m), send: can(req.actor, 'send', m) };
    let preview: RecipientPreview | null = null;
    if (m.recipients === null && m.segmentId && m.status !== 'cancelled') {
      const count = await countMailingRecipients(app.db, req.actor, m);
      // The people are shown to those who may use the segment; the board sees how many.
      const rows = canSegment(req.actor, 'segment.use', { unitId: m.unitId }) ? await previewSegment(app.db, req.actor, m.segmentId, 20, req.locale) : null;
      if (count !== null) preview = { count, rows: rows?.ok ? rows.items : null };
    }
    const page = Number((req.query as Record<string, unknown>).failures) || 1;
    const failures = m.recipients !== null ? await mailingFailures(app.db, req.actor, m.id, { page }) : null;
    return reply.header('cache-control', 'no-store').html(<MailingPage view={await reply.view()} m={m} may={may} preview={preview} failures={failures?.ok ? failures : null} />);
  };

  app.get('/mailings', async (req, reply) => {
    allow(req, canUseMailings(req.actor));
    const parsed = parseForm(mailingFilter, req.query, req.t);
    const filter = parsed.ok ? parsed.data : { page: 1, unit: undefined, status: undefined };
    const list = await listMailings(app.db, req.actor, filter, req.locale);
    const may = { compose: canComposeMailings(req.actor), topics: canComposeMailings(req.actor) };
    return reply.header('cache-control', 'no-store').html(<MailingsPage view={await reply.view()} list={list} filter={filter} may={may} />);
  });

  app.get('/mailings/new', async (req, reply) => {
    allow(req, canComposeMailings(req.actor));
    const q = req.query as Record<string, unknown>;
    const values: Record<string, unknown> = { kind: 'newsletter', locale: (await reply.view()).org.defaultLocale };
    if (typeof q.segment === 'string') values.segmentId = q.segment;
    return formPage(req, reply, emptyForm(values), null);
  });

  app.post('/mailings', async (req, reply) => {
    allow(req, canComposeMailings(req.actor));
    const view = await reply.view();
    const form = parseMailingForm(req.body, req.t, view.org.defaultLocale);
    if (!form.ok) return formPage(req, reply, form, null, 422);
    const result = await createMailing(app.db, req.actor, form.data, req.locale);
    if (!result.ok) {
      if (result.reason !== 'invalid') return refuse(req, result as Refusal);
      return formPage(req, reply, { values: form.values, errors: formErrors(req.t, result.errors, form.main) }, null, 422);
    }
    reply.flash('success', req.t('mailings.flash.created'));
    return reply.redirect(`/mailings/${result.mailing.id}`, 303);
  });

  // The live count beside the segment select (htmx); no JavaScript: the form shows it after saving.
  app.get('/mailings/segment-count', async (req, reply) => {
    allow(req, canComposeMailings(req.actor));
    const q = req.query as Record<string, unknown>;
    const segmentId = typeof q.segmentId === 'string' && z.uuid().safeParse(q.segmentId).success ? q.segmentId : null;
    const count = segmentId ? await countMailingRecipients(app.db, req.actor, { segmentId, kind: 'service', topicId: null }) : null;
    return reply.header('cache-control', 'no-store').html(<SegmentCount view={await reply.view()} count={count} />);
  });

  app.get('/mailings/:id', async (req, reply) => detailPage(req, reply, await loadForPage(req)));

  app.get('/mailings/:id/edit', async (req, reply) => {
    const m = await loadForPage(req);
    allow(req, can(req.actor, 'edit', m));
    if (m.status !== 'draft') return reply.redirect(`/mailings/${m.id}`, 303);
    return formPage(req, reply, emptyForm(valuesOf(m)), m.id);
  });

  app.post('/mailings/:id', async (req, reply) => {
    const id = idOf(req);
    allow(req, canComposeMailings(req.actor), 'not_found');
    const view = await reply.view();
    const form = parseMailingForm(req.body, req.t, view.org.defaultLocale);
    if (!form.ok) {
      const found = await mailingFor(app.db, req.actor, id, 'edit');
      if (!found.ok) refuse(req, found);
      return formPage(req, reply, form, id, 422);
    }
    const data = form.data;
    // The form always holds every translation: one left empty is removed.
    const contents = { da: data.contents.da ?? { subject: '', body: '' }, sv: data.contents.sv ?? { subject: '', body: '' }, en: data.contents.en ?? { subject: '', body: '' } };
    delete contents[form.main];
    const result = await updateMailing(app.db, req.actor, id, { ...data, unitId: data.unitId ?? undefined, contents }, req.locale);
    if (!result.ok) {
      if (result.reason === 'invalid') return formPage(req, reply, { values: form.values, errors: formErrors(req.t, result.errors, form.main) }, id, 422);
      if (result.reason === 'not_draft') {
        reply.flash('error', problemMessage(req.t, { path: 'status', code: 'mailing.not_draft', params: { status: req.t(mailingStatusLabel[result.status]) } }));
        return reply.redirect(`/mailings/${id}`, 303);
      }
      return refuse(req, result);
    }
    reply.flash('success', req.t('mailings.flash.saved'));
    return reply.redirect(`/mailings/${id}`, 303);
  });

  app.post('/mailings/:id/delete', async (req, reply) => {
    const id = idOf(req);
    allow(req, canComposeMailings(req.actor), 'not_found');
    const result = await deleteMailing(app.db, req.actor, id);
    if (!result.ok) {
      if (result.reason === 'not_draft') {
        reply.flash('error', problemMessage(req.t, { path: 'status', code: 'mailing.not_draft', params: { status: req.t(mailingStatusLabel[result.status]) } }));
        return reply.redirect(`/mailings/${id}`, 303);
      }
      return refuse(req, result);
    }
    reply.flash('success', req.t('mailings.flash.deleted'));
    return reply.redirect('/mailings', 303);
  });

  // The mail itself, for the preview frame: a document of its own with its own inline styles, which
  // the site's CSP would block; it runs no script and may only be framed by our own pages.
  app.get<{ Params: { id: string; locale: string } }>('/mailings/:id/preview/:locale', async (req, reply) => {
    const id = idOf(req);
    allow(req, canUseMailings(req.actor), 'not_found');
    if (!isLocale(req.params.locale)) throw new ProblemError(404, 'http.not_found');
    const result = await previewMailing(app.db, req.actor, id, req.params.locale, ctx);
    if (!result.ok) return refuse(req, result);
    return reply
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; base-uri 'none'")
      .header('x-frame-options', 'SAMEORIGIN')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(result.html);
  });

  app.post('/mailings/:id/test', async (req, reply) => {
    const id = idOf(req);
    allow(req, canComposeMailings(req.actor), 'not_found');
    const result = await sendTestMailing(app.db, req.actor, id, ctx);
    if (!result.ok) {
      if (result.reason === 'no_address') {
        reply.flash('error', req.t('mailings.flash.test_no_address'));
        return reply.redirect(`/mailings/${id}`, 303);
      }
      return refuse(req, result);
    }
    reply.flash('success', req.t('mailings.flash.test_sent', { email: result.to }));
    return reply.redirect(`/mailings/${id}`, 303);
  });

  /** `at` from the datetime-local field, read on the organisation's clock (Copenhagen). */
  const sendTime = (value: unknown): { iso: string; local: string } | 'invalid' | null => {
    if (typeof value !== 'string' || value === '') return null;
    const at = zonedInstantFromLocal(value, organisationTimeZone);
    if (!at || at.getTime() <= Date.now()) return 'invalid';
    return { iso: at.toISOString(), local: value };
  };

  const sendRefused = (req: FastifyRequest, reply: FastifyReply, id: string, message: string) => {
    reply.flash('error', message);
    return reply.redirect(`/mailings/${id}`, 303);
  };

  // The confirmation step: a GET that changes nothing, naming how many get it and when.
  app.get('/mailings/:id/send', async (req, reply) => {
    const m = await loadForPage(req);
    allow(req, can(req.actor, 'send', m));
    if (m.status !== 'draft') return sendRefused(req, reply, m.id, problemMessage(req.t, { path: 'status', code: 'mailing.already_sent' }));
    const q = req.query as Record<string, unknown>;
    const at = q.when === 'later' ? sendTime(q.at) : null;
    if (at === 'invalid' || (q.when === 'later' && at === null)) return sendRefused(req, reply, m.id, req.t('mailings.error.bad_time'));
    const count = (await countMailingRecipients(app.db, req.actor, m)) ?? 0;
    // Sending now to nobody is refused at once; a scheduled mailing may still find people when its time comes.
    if (count === 0 && !at) return sendRefused(req, reply, m.id, problemMessage(req.t, { path: 'segmentId', code: 'mailing.empty_segment' }));
    return reply.header('cache-control', 'no-store').html(<ConfirmSendPage view={await reply.view()} m={m} count={count} at={at} />);
  });

  app.post('/mailings/:id/send', async (req, reply) => {
    const id = idOf(req);
    allow(req, canComposeMailings(req.actor), 'not_found');
    const at = sendTime(formValues(req.body).at);
    if (at === 'invalid') return sendRefused(req, reply, id, req.t('mailings.error.bad_time'));
    const result = await sendMailing(app.db, req.actor, id, { at: at ? new Date(at.iso) : undefined }, ctx);
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, { ok: false, reason: result.reason });
      const problems = result.problems ?? [{ path: result.reason === 'empty_segment' ? 'segmentId' : 'status', code: result.reason === 'empty_segment' ? 'mailing.empty_segment' : 'mailing.already_sent' }];
      return sendRefused(req, reply, id, problems.map((p) => problemMessage(req.t, p)).join(' '));
    }
    reply.flash('success', result.status === 'scheduled' ? req.t('mailings.flash.scheduled') : req.t('mailings.flash.sending', { count: result.recipients ?? 0 }));
    return reply.redirect(`/mailings/${id}`, 303);
  });

  app.get('/mailings/:id/progress', async (req, reply) => {
    const id = idOf(req);
    allow(req, canUseMailings(req.actor), 'not_found');
    const m = await mailingFor(app.db, req.actor, id, 'view');
    if (!m.ok) return refuse(req, m);
    const found = await mailingProgress(app.db, req.actor, id);
    if (!found.ok) return refuse(req, found);
    const p = found.progress;
    return reply.header('cache-control', 'no-store').html(<Progress view={await reply.view()} mayControl={can(req.actor, 'send', m.mailing)} p={{ id, ...p }} />);
  });

  for (const [action, run] of [
    ['pause', pauseMailing],
    ['resume', resumeMailing],
    ['cancel', cancelMailing],
  ] as const) {
    app.post(`/mailings/:id/${action}`, async (req, reply) => {
      const id = idOf(req);
      allow(req, canComposeMailings(req.actor), 'not_found');
      const result = await run(app.db, req.actor, id);
      if (!result.ok) {
        if (result.reason === 'wrong_status') return sendRefused(req, reply, id, problemMessage(req.t, { path: 'status', code: 'mailing.wrong_status', params: { status: req.t(mailingStatusLabel[result.status]) } }));
        return refuse(req, result);
      }
      reply.flash('success', req.t(mailingControlDone[action]));
      return reply.redirect(`/mailings/${id}`, 303);
    });
  }
}
