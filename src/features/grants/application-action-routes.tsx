import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldError, fieldErrorsFromZod, ProblemError, type FieldError } from '../../platform/errors.js';
import { formValues, mergeFieldErrors, readMultipart } from '../../platform/http/forms.js';
import { contentDisposition, uploadedFileHeaders } from '../../platform/http/downloads.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import type { GrantAction } from './policy.js';
import { applicationFor } from './access.js';
import { submitApplication, withdrawApplication } from './applications.js';
import { addAttachment, getAttachment, GRANT_ATTACHMENT_MAX_BYTES, removeAttachment } from './attachments.js';
import { addReview, decideApplication } from './decisions.js';
import { closeApplication, recordPayout } from './payouts.js';
import { grantProblem } from './problems.js';
import { decisionInput, payoutInput, reviewInput } from './schema.js';
import { makeEventFromGrant } from './to-event.js';
import { attachmentKinds, type AttachmentKind } from './tables.js';
import { KronerFields } from './pages/application-input.js';
import type { ActiveForm } from './pages/application-parts.js';

/** The application's page, again, with a form's errors on it. */
export type DetailPage = (req: FastifyRequest, reply: FastifyReply, id: string, active?: ActiveForm, status?: number) => Promise<unknown>;

const idParams = z.object({ id: z.uuid() });
const idOf = (req: FastifyRequest): string => {
  const p = idParams.safeParse(req.params);
  if (!p.success) throw new ProblemError(404, 'http.not_found');
  return p.data.id;
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

// An upload over the limit is cut off rather than refused mid-stream, so the page can say so in words.
const uploadConfig = {
  multipartOptions: { limits: { fileSize: GRANT_ATTACHMENT_MAX_BYTES, files: 1, fields: 4, parts: 5 }, throwFileSizeLimit: false },
} as FastifyContextConfig;

/**
 * The actions on an application's page, one use case each: send, withdraw, comment, decide, pay out,
 * close, make an event, add and remove files, and the download of a file. Success comes back to the
 * application with a message; a failure shows the page again with the errors by the form they
 * concern, or above it when they concern the application as a whole.
 */
export function applicationActions(app: FastifyInstance, detailPage: DetailPage): void {
  const mail = { baseUrl: app.config.publicUrl };

  /** Back to the application with a message, or its page with the errors on the form the POST came from. */
  const after = async (req: FastifyRequest, reply: FastifyReply, id: string, key: string, result: { ok: true } | Failure<string>, flash: string, fields: readonly string[] = [], values = formValues(req.body)) => {
    if (result.ok) {
      reply.flash('success', req.t(flash));
      return reply.redirect(`/grants/applications/${id}`, 303);
    }
    const { errors, status } = pageFailure(req, result, grantProblem, (p) => (fields.includes(p) ? p : ''));
    return detailPage(req, reply, id, { key, state: { values, errors } }, status);
  };

  /** A form's own errors: whether the reader may take this step at all comes before what they typed. */
  const invalid = async (req: FastifyRequest, reply: FastifyReply, id: string, key: string, action: GrantAction, errors: FieldError[]) => {
    const gate = await applicationFor(app.db, req.actor, id, action);
    if (!gate.ok) return refuse(req, gate);
    return detailPage(req, reply, id, { key, state: { values: formValues(req.body), errors } }, 422);
  };

  app.post('/grants/applications/:id/submit', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'submit', await submitApplication(app.db, req.actor, id), 'grant_page.application.flash.submitted');
  });

  app.post('/grants/applications/:id/withdraw', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'withdraw', await withdrawApplication(app.db, req.actor, id), 'grant_page.application.flash.withdrawn');
  });

  app.post('/grants/applications/:id/reviews', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const kroner = new KronerFields(req.t);
    const input = { body: text(v.body), recommendation: text(v.recommendation) || null, amount: kroner.read('amount', v.amount) };
    const parsed = reviewInput.safeParse(input);
    if (!parsed.success || kroner.errors.length > 0) return invalid(req, reply, id, 'review', 'grant.review', mergeFieldErrors(kroner.errors, parsed.success ? [] : fieldErrorsFromZod(parsed.error, req.t)));
    return after(req, reply, id, 'review', await addReview(app.db, req.actor, id, parsed.data), 'grant_page.application.flash.reviewed', ['body', 'recommendation', 'amount']);
  });

  app.post('/grants/applications/:id/decision', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const kroner = new KronerFields(req.t);
    const outcome = text(v.outcome);
    // A rejection grants nothing: the amount the form was opened with is no part of it.
    const input = { outcome, amount: outcome === 'rejected' ? null : kroner.read('amount', v.amount), reason: text(v.reason) };
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success || kroner.errors.length > 0) return invalid(req, reply, id, 'decision', 'grant.decide', mergeFieldErrors(kroner.errors, parsed.success ? [] : fieldErrorsFromZod(parsed.error, req.t)));
    const result = await decideApplication(app.db, req.actor, id, parsed.data, mail);
    const flash = parsed.data.outcome === 'granted' ? 'grant_page.application.flash.granted' : 'grant_page.application.flash.rejected';
    return after(req, reply, id, 'decision', result, flash, ['outcome', 'amount', 'reason']);
  });

  app.post('/grants/applications/:id/payout', async (req, reply) => {
    const id = idOf(req);
    const v = formValues(req.body);
    const parsed = payoutInput.safeParse({ paidOn: text(v.paidOn) || undefined, reference: text(v.reference) });
    if (!parsed.success) return invalid(req, reply, id, 'payout', 'grant.pay', fieldErrorsFromZod(parsed.error, req.t));
    return after(req, reply, id, 'payout', await recordPayout(app.db, req.actor, id, parsed.data, mail), 'grant_page.application.flash.paid', ['paidOn', 'reference']);
  });

  app.post('/grants/applications/:id/close', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'close', await closeApplication(app.db, req.actor, id), 'grant_page.application.flash.closed');
  });

  app.post('/grants/applications/:id/event', async (req, reply) => {
    const id = idOf(req);
    return after(req, reply, id, 'event', await makeEventFromGrant(app.db, req.actor, id), 'grant_page.application.flash.event_made');
  });

  app.post(
    '/grants/applications/:id/attachments',
    {
      config: uploadConfig,
      // Whoever does not see the application is refused before the server takes their upload.
      onRequest: async (req) => {
        const gate = await applicationFor(app.db, req.actor, idOf(req), 'grant.application_view');
        if (!gate.ok) refuse(req, gate);
      },
    },
    async (req, reply) => {
      const id = idOf(req);
      const { values, files } = readMultipart(req.body);
      const file = files.file;
      const fail = (code: string, status: number) => detailPage(req, reply, id, { key: 'attachment', state: { values, errors: [fieldError(req.t, 'file', code)] } }, status);
      if (!file) return fail('grant_page.application.choose_file', 422);
      const bytes = await file.toBuffer();
      if (file.file.truncated) return fail('grant.file_too_large', 413);
      const kind: AttachmentKind = (attachmentKinds as readonly string[]).includes(values.kind) ? (values.kind as AttachmentKind) : 'application';
      const result = await addAttachment(app.db, req.actor, id, { fileName: file.filename, bytes, kind });
      const done = result.ok ? { ok: true as const } : result;
      return after(req, reply, id, 'attachment', done, 'grant_page.application.flash.uploaded', ['file'], values);
    },
  );

  app.get('/grants/attachments/:id', async (req, reply) => {
    const found = await getAttachment(app.db, req.actor, idOf(req));
    if (!found.ok) return refuse(req, found);
    const { fileName, contentType, bytes } = found.file;
    return uploadedFileHeaders(reply, { contentType, cacheControl: 'no-store', disposition: contentDisposition('attachment', fileName), size: bytes.length }).send(bytes);
  });

  app.post('/grants/attachments/:id/delete', async (req, reply) => {
    const result = await removeAttachment(app.db, req.actor, idOf(req));
    if (!result.ok) {
      if (result.reason === 'not_found' || result.reason === 'forbidden') return refuse(req, result);
      // The file's application is not told by a refusal; the error page names the state instead.
      throw grantProblem(req, result);
    }
    reply.flash('success', req.t('grant_page.application.flash.removed'));
    return reply.redirect(`/grants/applications/${result.applicationId}`, 303);
  });
}
