import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { mergeFieldErrors, parseForm, validParts } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { translator } from '../../platform/i18n/i18n.js';
import { endAllSessions } from '../../kernel/auth/sessions.js';
import { cookieOptions, SESSION_COOKIE } from '../../kernel/request-context.js';
import { can } from './policy.js';
import { consentsInput, contactInput } from './schema.js';
import { hasRecord, loadMyRecord, type MyRecord } from './my-record.js';
import { consentHistory, contactProblems, setMyConsents, updateMyContact } from './me.js';
import { problemsToFieldErrors } from '../../platform/outcomes.js';
import { exportMyData } from './export.js';
import { mailContext } from './mail-context.js';
import { MeConsentsPage, MeEditPage, MePage, NoRecordPage } from './me-pages.js';
import { loadMyNewsletters } from '../mailings/index.js';
import { pendingEmailChange } from '../../kernel/email-change.js';
import { renderMyPageSections } from '../../kernel/my-page.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

class NoRecord extends Error {}

/** "My page": the logged-in person's own record, their consents and their data to take with them. */
export async function mePages(app: FastifyInstance): Promise<void> {
  /**
   * The logged-in person and their record. Anyone else is sent to log in; a person the register holds
   * no membership or employment for gets a page saying so (403), not someone else's data.
   */
  async function mine(req: FastifyRequest): Promise<{ actor: PersonActor; record: MyRecord }> {
    allow(req, req.actor.kind === 'person');
    const actor = req.actor as PersonActor;
    const record = await loadMyRecord(app.db, actor.personId, req.locale);
    if (!record || !can(actor, 'me.use', { personId: actor.personId, hasRecord: hasRecord(record) })) throw new NoRecord();
    return { actor, record };
  }

  // Private pages (this plugin's routes only): never kept by a shared computer's cache or a proxy.
  app.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler(async (err, _req, reply) => {
    if (err instanceof NoRecord) return reply.status(403).html(<NoRecordPage view={await reply.view()} />);
    throw err;
  });

  const editPage = async (reply: FastifyReply, record: MyRecord, form: FormState, status = 200) =>
    reply.status(status).html(<MeEditPage view={await reply.view()} record={record} form={form} pendingEmail={await pendingEmailChange(app.db, record.person.id)} />);
  const consentsPage = async (reply: FastifyReply, record: MyRecord, form: FormState, status = 200) =>
    reply.status(status).html(<MeConsentsPage view={await reply.view()} record={record} history={await consentHistory(app.db, record.person.id)} form={form} />);

  app.get('/me', async (req, reply) => {
    const { record } = await mine(req);
    // The newsletter line is what the mailings will do: the same answer /me/newsletters shows.
    const newsletters = await loadMyNewsletters(app.db, record.person.id);
    // What the features after this one have for the person (their applications to a pool, …).
    const view = await reply.view();
    const sections = await renderMyPageSections({ db: app.db, personId: record.person.id, locale: view.locale, t: view.t });
    return reply.html(<MePage view={view} record={record} newsletters={newsletters} sections={sections} />);
  });

  app.get('/me/edit', async (req, reply) => {
    const { record } = await mine(req);
    return editPage(reply, record, emptyForm());
  });

  app.post('/me/edit', async (req, reply) => {
    const { actor, record } = await mine(req);
    const form = parseForm(contactInput, req.body, req.t);
    if (!form.ok) {
      // An address someone else has is said with the form's other errors, not on the next submit.
      const problems = await contactProblems(app.db, actor.personId, validParts(contactInput, form.values));
      return editPage(reply, record, { values: form.values, errors: mergeFieldErrors(form.errors, problemsToFieldErrors(req.t, problems)) }, 422);
    }
    const result = await updateMyContact(app.db, actor, form.data, await mailContext(app));
    if (!result.ok) return editPage(reply, record, { values: form.data, errors: problemsToFieldErrors(req.t, result.errors) }, 422);
    // Said in the language just chosen: the next page is in it too.
    const say = translator(form.data.preferredLocale);
    if (result.emailPending) reply.flash('success', say('me.email_pending_sent', { email: result.emailPending }));
    else reply.flash('success', say(result.changed.length ? 'me.saved' : 'me.nothing_changed'));
    return reply.redirect('/me', 303);
  });

  app.get('/me/consents', async (req, reply) => {
    const { record } = await mine(req);
    return consentsPage(reply, record, emptyForm());
  });

  app.post('/me/consents', async (req, reply) => {
    const { actor, record } = await mine(req);
    const form = parseForm(consentsInput, req.body, req.t);
    if (!form.ok) return consentsPage(reply, record, form, 422);
    const result = await setMyConsents(app.db, actor, form.data);
    reply.flash('success', req.t(result.changed.length ? 'me.consents_saved' : 'me.nothing_changed'));
    return reply.redirect('/me/consents', 303);
  });

  // Any logged-in person may end their own sessions, with or without a record in the register.
  app.post('/me/log-out-everywhere', async (req, reply) => {
    allow(req, req.actor.kind === 'person');
    const actor = req.actor as PersonActor;
    await endAllSessions(app.db, actor, actor.personId);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
    reply.flash('success', req.t('me.logged_out_everywhere'));
    return reply.redirect('/', 303);
  });

  app.get('/me/export.json', async (req, reply) => {
    const { actor } = await mine(req);
    const data = await exportMyData(app.db, actor, req.locale);
    const date = new Date().toISOString().slice(0, 10);
    // A fixed file name with the date only: the person's name stays out of headers and download folders' logs.
    return reply
      .header('content-disposition', `attachment; filename="my-data-${date}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
}
