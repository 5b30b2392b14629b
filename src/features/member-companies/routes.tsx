import type { FastifyInstance, FastifyRequest } from 'fastify';
import { reachesUnit } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import { listUnits } from '../../kernel/units.js';
import { can } from './policy.js';
import { refuse } from '../../platform/outcomes.js';
import { createCompany, getCompany, getCompanyDetail, listCompanies, updateCompany, type CompanyFailure } from './companies.js';
import { addContact, removeContact, type ContactFailure } from './contacts.js';
import { companyFilter, companyInput, contactInput, contactParams, idParams } from './schema.js';
import { CompanyListPage } from './pages/list.js';
import { CompanyDetailPage } from './pages/detail.js';
import { CompanyFormPage } from './pages/form.js';
import type { LabelTable } from '../../platform/i18n/labels.js';

const PAGE_SIZE = 50;

type FieldFailure = Extract<CompanyFailure | ContactFailure, { field: string }>;

/** Each failure that names a field, as its code (and message key). */
const failureCode = {
  cvr_taken: 'company.cvr_taken',
  org_number_taken: 'company.org_number_taken',
  unit_not_found: 'company.unit_not_found',
  unit_not_allowed: 'company.unit_not_allowed',
  person_not_found: 'company.person_not_found',
  already_contact: 'company.already_contact',
} as const satisfies LabelTable<FieldFailure['reason']>;

/** A use-case failure that names a field, shown on the form with what was typed. */
function failureForm(req: FastifyRequest, failure: FieldFailure): FormState {
  return { values: formValues(req.body), errors: [fieldError(req.t, failure.field, failureCode[failure.reason])] };
}

function companyId(req: FastifyRequest): string {
  const params = idParams.safeParse(req.params);
  if (!params.success) refuse(req, 'not_found');
  return params.data.id;
}

export async function memberCompanyPages(app: FastifyInstance): Promise<void> {
  const unitsFor = async (req: FastifyRequest) => (await listUnits(app.db)).filter((u) => reachesUnit(req.actor, u.id, 'staff'));

  app.get('/member-companies', async (req, reply) => {
    allow(req, can(req.actor, 'company.list'));
    const parsed = parseForm(companyFilter, req.query, req.t);
    const canCreate = can(req.actor, 'company.create');
    if (!parsed.ok) {
      return reply.status(422).html(<CompanyListPage view={await reply.view()} data={{ items: [], total: 0, page: 1, pageSize: PAGE_SIZE }} filter={{}} form={parsed} canCreate={canCreate} />);
    }
    const filter = { ...parsed.data, pageSize: PAGE_SIZE };
    const data = await listCompanies(app.db, req.actor, filter);
    return reply.html(<CompanyListPage view={await reply.view()} data={data} filter={filter} form={emptyForm()} canCreate={canCreate} />);
  });

  app.get('/member-companies/new', async (req, reply) => {
    allow(req, can(req.actor, 'company.create'));
    return reply.html(<CompanyFormPage view={await reply.view()} form={emptyForm()} units={await unitsFor(req)} />);
  });

  app.post('/member-companies', async (req, reply) => {
    allow(req, can(req.actor, 'company.create'));
    const form = parseForm(companyInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<CompanyFormPage view={await reply.view()} form={form} units={await unitsFor(req)} />);
    const result = await createCompany(app.db, req.actor, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<CompanyFormPage view={await reply.view()} form={failureForm(req, result)} units={await unitsFor(req)} />);
    }
    reply.flash('success', req.t('companies.created', { name: result.company.name }));
    return reply.redirect(`/member-companies/${result.company.id}`, 303);
  });

  app.get('/member-companies/:id', async (req, reply) => {
    allow(req, can(req.actor, 'company.list'), 'not_found');
    const result = await getCompanyDetail(app.db, req.actor, companyId(req));
    if (!result.ok) refuse(req, result.reason);
    const manage = can(req.actor, 'company.edit', result.company);
    return reply.header('cache-control', 'no-store').html(<CompanyDetailPage view={await reply.view()} company={result.company} manage={manage} contactForm={emptyForm()} />);
  });

  app.get('/member-companies/:id/edit', async (req, reply) => {
    const result = await getCompany(app.db, req.actor, companyId(req));
    if (!result.ok) refuse(req, result.reason);
    if (!can(req.actor, 'company.edit', result.company)) refuse(req, 'forbidden');
    return reply.html(<CompanyFormPage view={await reply.view()} company={result.company} form={emptyForm()} units={await unitsFor(req)} />);
  });

  app.post('/member-companies/:id', async (req, reply) => {
    const found = await getCompany(app.db, req.actor, companyId(req));
    if (!found.ok) refuse(req, found.reason);
    if (!can(req.actor, 'company.edit', found.company)) refuse(req, 'forbidden');
    const form = parseForm(companyInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<CompanyFormPage view={await reply.view()} company={found.company} form={form} units={await unitsFor(req)} />);
    const result = await updateCompany(app.db, req.actor, found.company.id, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<CompanyFormPage view={await reply.view()} company={found.company} form={failureForm(req, result)} units={await unitsFor(req)} />);
    }
    reply.flash('success', req.t('form.saved'));
    return reply.redirect(`/member-companies/${found.company.id}`, 303);
  });

  app.post('/member-companies/:id/contacts', async (req, reply) => {
    const id = companyId(req);
    const found = await getCompany(app.db, req.actor, id);
    if (!found.ok) refuse(req, found.reason);
    if (!can(req.actor, 'company.edit', found.company)) refuse(req, 'forbidden');
    const form = parseForm(contactInput, req.body, req.t);
    const result = form.ok ? await addContact(app.db, req.actor, id, form.data) : null;
    if (result && !result.ok && !('field' in result)) refuse(req, result.reason);
    if (!form.ok || (result && !result.ok)) {
      const contactForm = form.ok ? failureForm(req, result as FieldFailure) : form;
      const detail = await getCompanyDetail(app.db, req.actor, id);
      if (!detail.ok) refuse(req, detail.reason);
      return reply.status(422).html(<CompanyDetailPage view={await reply.view()} company={detail.company} manage contactForm={contactForm} />);
    }
    reply.flash('success', req.t('companies.contact_added'));
    return reply.redirect(`/member-companies/${id}`, 303);
  });

  app.post('/member-companies/:id/contacts/:personId/remove', async (req, reply) => {
    const params = contactParams.safeParse(req.params);
    if (!params.success) refuse(req, 'not_found');
    const found = await getCompany(app.db, req.actor, params.data.id);
    if (!found.ok) refuse(req, found.reason);
    if (!can(req.actor, 'company.edit', found.company)) refuse(req, 'forbidden');
    const result = await removeContact(app.db, req.actor, params.data.id, params.data.personId);
    if (!result.ok) refuse(req, 'not_found');
    reply.flash('success', req.t('companies.contact_removed'));
    return reply.redirect(`/member-companies/${params.data.id}`, 303);
  });
}
