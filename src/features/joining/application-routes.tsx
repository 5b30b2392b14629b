import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { allow } from '../../platform/http/guard.js';
import { parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { ProblemError } from '../../platform/errors.js';
import { audit } from '../../platform/audit/audit.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { can } from './policy.js';
import { idParams, rejectInput } from './schema.js';
import { getApplication, listApplications, type ApplicationDetail } from './applications.js';
import { approveApplication, rejectApplication, removeApplication, resendConfirmation, type DecisionFailure } from './decisions.js';
import { mailContext } from './mail-context.js';
import { ApplicationPage, ApplicationsPage } from './application-pages.js';

/** Why a decision could not be made, as the queue tells it. */
const decisionFailureText = {
  already_decided: 'join.queue.failed.already_decided',
  not_confirmed: 'join.queue.failed.not_confirmed',
  already_confirmed: 'join.queue.failed.already_confirmed',
  too_many_links: 'join.queue.failed.too_many_links',
} as const satisfies LabelTable<Exclude<DecisionFailure['reason'], 'not_found'>>;

/** The office's queue of applications: staff of the applicant's district decide; admins everywhere. */
export async function applicationPages(app: FastifyInstance): Promise<void> {
  /**
   * The application named in the address, if the actor may handle it. Someone without the staff role
   * is refused (403); staff of another district learn nothing, not even that it exists (404).
   */
  async function applicationFor(req: FastifyRequest): Promise<ApplicationDetail> {
    allow(req, can(req.actor, 'applications.view'));
    const params = idParams.safeParse(req.params);
    const application = params.success ? await getApplication(app.db, params.data.id) : undefined;
    if (!application) throw new ProblemError(404, 'http.not_found');
    allow(req, can(req.actor, 'application.decide', { unitId: application.districtId }), 'not_found');
    return application;
  }

  /** A decision that could not be made is told on the queue, not as an error page: someone may have been quicker. */
  function refused(req: FastifyRequest, reply: FastifyReply, failure: DecisionFailure) {
    if (failure.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
    reply.flash('error', req.t(decisionFailureText[failure.reason]));
    return reply.redirect('/admin/applications', 303);
  }

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, application: ApplicationDetail, form: FormState, status = 200) => {
    // Opening an application shows a person's details: that is a view the audit log records.
    await audit(app.db, req.actor, { action: 'view', entityType: 'person', entityId: application.personId });
    return reply.status(status).header('cache-control', 'no-store').html(<ApplicationPage view={await reply.view()} application={application} rejectForm={form} />);
  };

  app.get('/admin/applications', async (req, reply) => {
    allow(req, can(req.actor, 'applications.view'));
    return reply.header('cache-control', 'no-store').html(<ApplicationsPage view={await reply.view()} queue={await listApplications(app.db, req.actor)} />);
  });

  app.get('/admin/applications/:id', async (req, reply) => {
    const application = await applicationFor(req);
    // An approved application is a membership now: the member register shows it, not this queue.
    if (application.status !== 'applicant' && application.status !== 'rejected') throw new ProblemError(404, 'http.not_found');
    return detailPage(req, reply, application, emptyForm());
  });

  app.post('/admin/applications/:id/approve', async (req, reply) => {
    const application = await applicationFor(req);
    const result = await approveApplication(app.db, req.actor, application.membershipId, req.locale, await mailContext(app));
    if (!result.ok) return refused(req, reply, result);
    reply.flash('success', req.t('join.queue.approved', { name: result.name, memberNumber: result.memberNumber }));
    return reply.redirect('/admin/applications', 303);
  });

  app.post('/admin/applications/:id/reject', async (req, reply) => {
    const application = await applicationFor(req);
    const form = parseForm(rejectInput, req.body, req.t);
    if (!form.ok) return detailPage(req, reply, application, form, 422);
    const result = await rejectApplication(app.db, req.actor, application.membershipId, form.data.rejectionReason, req.locale, await mailContext(app));
    if (!result.ok) return refused(req, reply, result);
    reply.flash('success', req.t('join.queue.rejected', { name: result.name }));
    return reply.redirect('/admin/applications', 303);
  });

  app.post('/admin/applications/:id/resend', async (req, reply) => {
    const application = await applicationFor(req);
    const result = await resendConfirmation(app.db, req.actor, application.membershipId, req.locale, await mailContext(app));
    if (!result.ok) return refused(req, reply, result);
    reply.flash('success', req.t('join.queue.resent', { name: result.name }));
    return reply.redirect('/admin/applications', 303);
  });

  app.post('/admin/applications/:id/remove', async (req, reply) => {
    const application = await applicationFor(req);
    const result = await removeApplication(app.db, req.actor, application.membershipId);
    if (!result.ok) return refused(req, reply, result);
    reply.flash('success', req.t('join.queue.removed', { name: result.name }));
    return reply.redirect('/admin/applications', 303);
  });
}
