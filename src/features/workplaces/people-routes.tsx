import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { emptyForm } from '../../platform/html/view.js';
import { refuse } from '../../platform/outcomes.js';
import { workplaceFor } from './detail.js';
import { appointableMembers, appointOffice, endOffice, findOffice } from './offices.js';
import { addEmployment, endEmployment, findEmployment } from './employments.js';
import { employmentInput, employmentParams, endInput, officeInput, officeParams } from './schema.js';
import { failureForm, workplaceId } from './routes.js';
import { endOfficeLead, officeAppointedText } from './labels.js';
import { EmploymentFormPage, EndFormPage, OfficeFormPage } from './pages/forms.js';

/** The workplace whose people staff are about to change, or the refusal (log in, 403, 404). */
async function managedWorkplace(app: FastifyInstance, req: FastifyRequest) {
  const found = await workplaceFor(app.db, req.actor, workplaceId(req), 'workplace.manage_people');
  if (!found.ok) refuse(req, found.reason);
  return found.workplace;
}

function paramsOf<T>(req: FastifyRequest, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T {
  const parsed = schema.safeParse(req.params);
  if (!parsed.success) refuse(req, 'not_found');
  return parsed.data;
}

/** Stewards and safety reps appointed and ended; employments added and ended. Staff of the unit and admins only. */
export async function workplacePeoplePages(app: FastifyInstance): Promise<void> {
  app.get('/workplaces/:id/offices/new', async (req, reply) => {
    const w = await managedWorkplace(app, req);
    return reply.html(<OfficeFormPage view={await reply.view()} workplace={w} form={emptyForm()} candidates={await appointableMembers(app.db, w.id)} />);
  });

  app.post('/workplaces/:id/offices', async (req, reply) => {
    const w = await managedWorkplace(app, req);
    const form = parseForm(officeInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<OfficeFormPage view={await reply.view()} workplace={w} form={form} candidates={await appointableMembers(app.db, w.id)} />);
    const result = await appointOffice(app.db, req.actor, w.id, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<OfficeFormPage view={await reply.view()} workplace={w} form={failureForm(req, formValues(req.body), result)} candidates={await appointableMembers(app.db, w.id)} />);
    }
    reply.flash('success', req.t(officeAppointedText[form.data.role]));
    return reply.redirect(`/workplaces/${w.id}`, 303);
  });

  const officePage = async (req: FastifyRequest) => {
    const w = await managedWorkplace(app, req);
    const { assignmentId } = paramsOf(req, officeParams);
    const office = await findOffice(app.db, w.id, assignmentId);
    if (!office) refuse(req, 'not_found');
    const person = office.personName;
    return {
      w,
      action: `/workplaces/${w.id}/offices/${assignmentId}/end`,
      title: req.t('workplaces.end_office'),
      lead: req.t(endOfficeLead[office.role === 'safety_rep' ? 'safety_rep' : 'steward'], { name: person, workplace: w.name }),
    };
  };

  app.get('/workplaces/:id/offices/:assignmentId/end', async (req, reply) => {
    const p = await officePage(req);
    return reply.html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={emptyForm()} />);
  });

  app.post('/workplaces/:id/offices/:assignmentId/end', async (req, reply) => {
    const p = await officePage(req);
    const form = parseForm(endInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={form} />);
    const result = await endOffice(app.db, req.actor, p.w.id, paramsOf(req, officeParams).assignmentId, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={failureForm(req, formValues(req.body), result)} />);
    }
    reply.flash('success', req.t('workplaces.office_ended'));
    return reply.redirect(`/workplaces/${p.w.id}`, 303);
  });

  app.get('/workplaces/:id/employments/new', async (req, reply) => {
    const w = await managedWorkplace(app, req);
    return reply.html(<EmploymentFormPage view={await reply.view()} workplace={w} form={emptyForm()} />);
  });

  app.post('/workplaces/:id/employments', async (req, reply) => {
    const w = await managedWorkplace(app, req);
    const form = parseForm(employmentInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<EmploymentFormPage view={await reply.view()} workplace={w} form={form} />);
    const result = await addEmployment(app.db, req.actor, w.id, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<EmploymentFormPage view={await reply.view()} workplace={w} form={failureForm(req, formValues(req.body), result)} />);
    }
    reply.flash('success', req.t('workplaces.employment_added'));
    return reply.redirect(`/workplaces/${w.id}`, 303);
  });

  const employmentPage = async (req: FastifyRequest) => {
    const w = await managedWorkplace(app, req);
    const { employmentId } = paramsOf(req, employmentParams);
    const employment = await findEmployment(app.db, w.id, employmentId);
    if (!employment) refuse(req, 'not_found');
    return {
      w,
      employmentId,
      action: `/workplaces/${w.id}/employments/${employmentId}/end`,
      title: req.t('workplaces.end_employment'),
      lead: req.t('workplaces.end_employment_lead', { name: `${employment.firstName} ${employment.lastName}`, workplace: w.name }),
    };
  };

  app.get('/workplaces/:id/employments/:employmentId/end', async (req, reply) => {
    const p = await employmentPage(req);
    return reply.html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={emptyForm()} />);
  });

  app.post('/workplaces/:id/employments/:employmentId/end', async (req, reply) => {
    const p = await employmentPage(req);
    const form = parseForm(endInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={form} />);
    const result = await endEmployment(app.db, req.actor, p.w.id, p.employmentId, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<EndFormPage view={await reply.view()} workplace={p.w} title={p.title} lead={p.lead} action={p.action} form={failureForm(req, formValues(req.body), result)} />);
    }
    reply.flash('success', req.t('workplaces.employment_ended'));
    return reply.redirect(`/workplaces/${p.w.id}`, 303);
  });
}
