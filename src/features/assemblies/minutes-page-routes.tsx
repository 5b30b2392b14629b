import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { ProblemError, type FieldError } from '../../platform/errors.js';
import { pageFailure, refuse, type Failure } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { assemblyFor, assemblyIdOf } from './access.js';
import { approveMinutes, approvingOffices, itemNotesInput, notesWritable, publishMinutes, saveItemNotes } from './minutes.js';
import { minutesContent } from './minutes-content.js';
import { listArchive } from './minutes-archive.js';
import { minutesProblem, readableMinutes, readerLocale, sendMinutesPdf } from './minutes-api.js';
import { MinutesEditorPage, type ItemFormState } from './pages/minutes-editor.js';
import { MinutesReadPage } from './pages/minutes-read.js';
import { ArchivePage } from './pages/archive-list.js';

const idParams = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

/**
 * A failure as lines above the page (or the item's form); refusals end the request the way pages
 * refuse. Only the form's own fields are linked to; an error about the assembly (its status) is plain text.
 */
const minutesPageErrors = (req: FastifyRequest, failure: Failure<string>, fields: readonly string[] = []): FieldError[] =>
  pageFailure(req, failure, minutesProblem, (path) => (fields.includes(path) ? path : '')).errors;

const statusOf = (failure: Failure<string>) => (failure.reason === 'invalid' ? 422 : failure.reason === 'not_approver' ? 403 : 409);

/**
 * The minutes' pages: `/assemblies/{id}/minutes` is the minute taker's editor while the minutes are
 * written (for the minute taker and staff of the unit) and the minutes to read for everyone else who
 * may (the chair and the board read the draft; once published, the roll or the public); its PDF at
 * `/assemblies/{id}/minutes.pdf`; and the archive of past assemblies at `/assemblies/archive`.
 * Every form posts and redirects: no script is needed.
 */
export async function minutesPages(app: FastifyInstance): Promise<void> {
  const idOf = (req: FastifyRequest) => {
    const p = idParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    return p.data.id;
  };

  const minutesPage = async (req: FastifyRequest, reply: FastifyReply, id: string, state: { form?: ItemFormState; errors?: FieldError[]; status?: number } = {}) => {
    const found = await assemblyFor(app.db, req.actor, id, 'assembly.read_minutes');
    if (!found.ok) return refuse(req, found);
    const a = found.assembly;
    const m = await minutesContent(app.db, id, readerLocale(req));
    if (!m) return refuse(req, 'not_found');
    const mayWrite = can(req.actor, 'assembly.take_minutes', a);
    const controls = { offices: approvingOffices(req.actor, a), mayPublish: mayWrite };
    const view = await reply.view();
    reply.header('cache-control', 'no-store');
    reply.status(state.status ?? 200);
    if (mayWrite && notesWritable(a.status)) return reply.html(<MinutesEditorPage view={view} m={m} controls={controls} form={state.form ?? null} errors={state.errors ?? []} />);
    // A form sent to minutes that are no longer written (published meanwhile) is answered above the text.
    return reply.html(<MinutesReadPage view={view} m={m} controls={controls} errors={[...(state.errors ?? []), ...(state.form?.errors.map((e) => ({ ...e, path: '' })) ?? [])]} />);
  };

  app.get('/assemblies/archive', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return reply.html(<ArchivePage view={await reply.view()} entries={await listArchive(app.db, req.actor, readerLocale(req))} />);
  });

  app.get('/assemblies/:id/minutes', async (req, reply) => minutesPage(req, reply, idOf(req)));

  app.get('/assemblies/:id/minutes.pdf', async (req, reply) => {
    const m = await readableMinutes(app, req, idOf(req));
    return sendMinutesPdf(reply, m, (await reply.view()).org.name);
  });

  app.post('/assemblies/:id/minutes/items/:itemId', async (req, reply) => {
    const p = itemParams.safeParse(req.params);
    if (!p.success) throw new ProblemError(404, 'http.not_found');
    const { id, itemId } = p.data;
    // An item of another assembly is not this page's to change.
    if ((await assemblyIdOf(app.db, 'agenda_items', itemId)) !== id) return refuse(req, 'not_found');
    const v = formValues(req.body);
    const values = { notes: typeof v.notes === 'string' ? v.notes : '', decision: typeof v.decision === 'string' ? v.decision : '' };
    const parsed = parseForm(itemNotesInput, values, req.t);
    if (!parsed.ok) return minutesPage(req, reply, id, { form: { itemId, values, errors: parsed.errors }, status: 422 });
    const result = await saveItemNotes(app.db, req.actor, itemId, parsed.data);
    if (!result.ok) {
      const errors = minutesPageErrors(req, result, ['notes', 'decision']);
      return minutesPage(req, reply, id, { form: { itemId, values, errors }, status: statusOf(result) });
    }
    reply.flash('success', result.approvalsWithdrawn ? req.t('minutes.flash.saved_withdrawn') : req.t('minutes.flash.saved'));
    return reply.redirect(`/assemblies/${id}/minutes#item-${itemId}`, 303);
  });

  app.post('/assemblies/:id/minutes/approve', async (req, reply) => {
    const id = idOf(req);
    const result = await approveMinutes(app.db, req.actor, id);
    if (!result.ok) return minutesPage(req, reply, id, { errors: minutesPageErrors(req, result), status: statusOf(result) });
    reply.flash('success', req.t('minutes.flash.approved'));
    return reply.redirect(`/assemblies/${id}/minutes`, 303);
  });

  app.post('/assemblies/:id/minutes/publish', async (req, reply) => {
    const id = idOf(req);
    const result = await publishMinutes(app.db, req.actor, id);
    if (!result.ok) return minutesPage(req, reply, id, { errors: minutesPageErrors(req, result), status: statusOf(result) });
    reply.flash('success', req.t('minutes.flash.published'));
    return reply.redirect(`/assemblies/${id}/minutes`, 303);
  });
}
