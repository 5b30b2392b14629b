import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stewardWorkplaces, hasRole, reachesUnit, type Actor } from '../../platform/actor.js';
import { allow } from '../../platform/http/guard.js';
import { formValues, parseForm } from '../../platform/http/forms.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { fieldError } from '../../platform/errors.js';
import { listUnits, type Unit } from '../../kernel/units.js';
import { memberCompanyOptions } from '../member-companies/index.js';
import { can } from './policy.js';
import { workplaceFailureCode } from './labels.js';
import { refuse } from '../../platform/outcomes.js';
import { listWorkplaces } from './list.js';
import { getWorkplaceDetail } from './detail.js';
import { createWorkplace, getWorkplace, updateWorkplace } from './workplaces.js';
import { idParams, workplaceFilter, workplaceInput, type WorkplaceFilter } from './schema.js';
import { WorkplaceListPage } from './pages/list.js';
import { WorkplaceDetailPage } from './pages/detail.js';
import { WorkplaceFormPage } from './pages/forms.js';

export const PAGE_SIZE = 50;

/** A use-case failure that names a field, as the form shows it. */
export function failureForm(req: FastifyRequest, values: Record<string, unknown>, failure: { field: string; reason: keyof typeof workplaceFailureCode }): FormState {
  return { values, errors: [fieldError(req.t, failure.field, workplaceFailureCode[failure.reason])] };
}

/** The id in the URL; a malformed one is as unknown as a missing workplace. */
export function workplaceId(req: FastifyRequest): string {
  const params = idParams.safeParse(req.params);
  if (!params.success) refuse(req, 'not_found');
  return params.data.id;
}

/** Units the actor may put a workplace in. */
async function unitsForForm(app: FastifyInstance, actor: Actor): Promise<Unit[]> {
  return (await listUnits(app.db)).filter((u) => reachesUnit(actor, u.id, 'staff'));
}

export async function workplacePages(app: FastifyInstance): Promise<void> {
  app.get('/workplaces', async (req, reply) => {
    allow(req, can(req.actor, 'workplace.list'));
    const units = (await listUnits(app.db)).filter((u) => reachesUnit(req.actor, u.id, 'staff', 'board'));
    const parsed = parseForm(workplaceFilter, req.query, req.t);
    const view = await reply.view();
    const canCreate = can(req.actor, 'workplace.create');
    if (!parsed.ok) {
      const empty = { items: [], total: 0, page: 1, pageSize: PAGE_SIZE };
      return reply.status(422).html(<WorkplaceListPage view={view} data={empty} filter={{}} form={parsed} units={units} canCreate={canCreate} />);
    }
    const filter: WorkplaceFilter = { ...parsed.data, pageSize: PAGE_SIZE };
    const data = await listWorkplaces(app.db, req.actor, filter);
    return reply.html(<WorkplaceListPage view={view} data={data} filter={filter} form={emptyForm()} units={units} canCreate={canCreate} />);
  });

  app.get('/workplaces/new', async (req, reply) => {
    allow(req, can(req.actor, 'workplace.create'));
    const [units, companies] = await Promise.all([unitsForForm(app, req.actor), memberCompanyOptions(app.db, req.actor)]);
    return reply.html(<WorkplaceFormPage view={await reply.view()} form={emptyForm()} units={units} companies={companies} />);
  });

  app.post('/workplaces', async (req, reply) => {
    allow(req, can(req.actor, 'workplace.create'));
    const [units, companies] = await Promise.all([unitsForForm(app, req.actor), memberCompanyOptions(app.db, req.actor)]);
    const form = parseForm(workplaceInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<WorkplaceFormPage view={await reply.view()} form={form} units={units} companies={companies} />);
    const result = await createWorkplace(app.db, req.actor, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<WorkplaceFormPage view={await reply.view()} form={failureForm(req, formValues(req.body), result)} units={units} companies={companies} />);
    }
    reply.flash('success', req.t('workplaces.created', { name: result.workplace.name }));
    return reply.redirect(`/workplaces/${result.workplace.id}`, 303);
  });

  app.get('/workplaces/:id', async (req, reply) => {
    allow(req, can(req.actor, 'workplace.list'), 'not_found');
    const result = await getWorkplaceDetail(app.db, req.actor, workplaceId(req), { sortLocale: req.locale === 'sv' ? 'sv' : 'da' });
    if (!result.ok) refuse(req, result.reason);
    const w = result.workplace;
    const abilities = {
      manage: can(req.actor, 'workplace.manage_people', w),
      linkMembers: hasRole(req.actor, 'staff', 'board'),
      linkColleagues: stewardWorkplaces(req.actor).has(w.id),
      contacts: result.contacts,
    };
    return reply.header('cache-control', 'no-store').html(<WorkplaceDetailPage view={await reply.view()} w={w} can={abilities} />);
  });

  app.get('/workplaces/:id/edit', async (req, reply) => {
    const result = await getWorkplace(app.db, req.actor, workplaceId(req));
    if (!result.ok) refuse(req, result.reason);
    if (!can(req.actor, 'workplace.edit', result.workplace)) refuse(req, 'forbidden');
    const [units, companies] = await Promise.all([unitsForForm(app, req.actor), memberCompanyOptions(app.db, req.actor)]);
    return reply.html(<WorkplaceFormPage view={await reply.view()} workplace={result.workplace} form={emptyForm()} units={units} companies={companies} />);
  });

  app.post('/workplaces/:id', async (req, reply) => {
    const id = workplaceId(req);
    const found = await getWorkplace(app.db, req.actor, id);
    if (!found.ok) refuse(req, found.reason);
    if (!can(req.actor, 'workplace.edit', found.workplace)) refuse(req, 'forbidden');
    const [units, companies] = await Promise.all([unitsForForm(app, req.actor), memberCompanyOptions(app.db, req.actor)]);
    const form = parseForm(workplaceInput, req.body, req.t);
    if (!form.ok) return reply.status(422).html(<WorkplaceFormPage view={await reply.view()} workplace={found.workplace} form={form} units={units} companies={companies} />);
    const result = await updateWorkplace(app.db, req.actor, id, form.data);
    if (!result.ok) {
      if (!('field' in result)) refuse(req, result.reason);
      return reply.status(422).html(<WorkplaceFormPage view={await reply.view()} workplace={found.workplace} form={failureForm(req, formValues(req.body), result)} units={units} companies={companies} />);
    }
    reply.flash('success', req.t('form.saved'));
    return reply.redirect(`/workplaces/${id}`, 303);
  });
}
