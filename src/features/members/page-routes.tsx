import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { reachesUnit, unitScope, type Actor } from '../../platform/actor.js';
import { memo } from '../../platform/cache.js';
import { fieldError, ProblemError, type FieldError } from '../../platform/errors.js';
import { mergeFieldErrors, parseForm, validParts } from '../../platform/http/forms.js';
import { allow } from '../../platform/http/guard.js';
import { emptyForm, type FormState } from '../../platform/html/view.js';
import { listUnits, type Unit } from '../../kernel/units.js';
import { memberProblems, type MemberFailure } from './checks.js';
import { createMember } from './create-member.js';
import { exportMembers } from './export-members.js';
import { viewColleague, viewMember } from './member-detail.js';
import { membershipStatusLabel } from './labels.js';
import { loadMemberSubject } from './member-subject.js';
import { allowedActions, changeMembershipStatus, type StatusFailure } from './membership-status.js';
import { listMembershipTypesCached } from './membership-types.js';
import { can, type MemberAction, type MemberSubject } from './policy.js';
import { listMembers, loadMember, type MemberRow } from './queries.js';
import { idParams, memberInput, memberListQuery, memberUpdate, statusChangeInput, today } from './schema.js';
import { updateMember } from './update-member.js';
import { ColleaguePage, MemberDetailPage } from './pages/detail.js';
import { MemberFormPage, type FormOptions } from './pages/form.js';
import { MemberListPage, type ListOptions } from './pages/list.js';
import { StatusPage } from './pages/status.js';
import { workplaceChoices } from '../../kernel/workplaces.js';
import type { LabelTable } from '../../platform/i18n/labels.js';

/**
 * A browser sends one checkbox as a string, several as a list and none at all; extra e-mail
 * addresses come one per line. The schema sees lists either way, as from the API.
 */
function memberFormBody(body: unknown): Record<string, unknown> {
  const values = { ...((body ?? {}) as Record<string, unknown>) };
  values.sections = ([] as unknown[]).concat(values.sections ?? []).filter((s) => typeof s === 'string' && s !== '');
  values.extraEmails = typeof values.extraEmails === 'string' ? values.extraEmails.split(/[\s,;]+/).filter(Boolean) : [];
  return values;
}

/** Each failure a form shows, as its code (and message key); the API answers the same codes (`memberAnswers`). */
const failureCode = {
  email_taken: 'member.email_taken',
  number_taken: 'member.number_taken',
  invalid_transition: 'member.invalid_transition',
  unit_not_found: 'member.unit_not_found',
  unit_not_allowed: 'member.unit_not_allowed',
  type_not_found: 'member.type_not_found',
  type_inactive: 'member.type_inactive',
  section_not_found: 'member.section_not_found',
  date_before_status: 'member.date_before_status',
} as const satisfies LabelTable<Exclude<StatusFailure['reason'], 'not_found'>>;

/** The register's problems with a form's fields, each on its field. */
function failureErrors(req: FastifyRequest, failures: (MemberFailure | StatusFailure)[]): FieldError[] {
  return failures.map((f) => {
    if (f.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
    return fieldError(req.t, f.field, failureCode[f.reason]);
  });
}

function failureForm(req: FastifyRequest, values: Record<string, unknown>, failure: MemberFailure | StatusFailure): FormState {
  return { values, errors: failureErrors(req, [failure, ...('also' in failure ? (failure.also ?? []) : [])]) };
}

export async function memberPages(app: FastifyInstance): Promise<void> {
  /**
   * The unit tree under the organisation feature's own cache key, so its forgetting on every unit
   * change applies here too (its index offers only the uncached list).
   */
  const listUnitsCached = (): Promise<Unit[]> => memo(app.db, 'units', 5_000, () => listUnits(app.db));

  /** Workplaces change seldom and the filter lists them on every page: a few seconds of memory. */
  const allWorkplaces = () =>
    memo(app.db, 'member-filter-workplaces', 5_000, () =>
      workplaceChoices(app.db),
    );

  async function listOptions(actor: Actor): Promise<ListOptions> {
    const scope = unitScope(actor, 'staff', 'board');
    const within = (unitId: string) => scope === 'all' || scope.has(unitId);
    const [units, types, workplaces] = await Promise.all([listUnitsCached(), listMembershipTypesCached(app.db), allWorkplaces()]);
    return { units: units.filter((u) => within(u.id)), types, workplaces: workplaces.filter((w) => within(w.unitId)) };
  }

  async function formOptions(actor: Actor, member?: MemberRow): Promise<FormOptions> {
    const [units, types] = await Promise.all([listUnitsCached(), listMembershipTypesCached(app.db)]);
    return {
      units: units.filter((u) => u.kind !== 'section' && (reachesUnit(actor, u.id, 'staff') || u.id === member?.unitId)),
      sections: units.filter((u) => u.kind === 'section'),
      types,
    };
  }

  /** The person in the URL, if the actor may see their record at all (404 otherwise) and may do `action` (403 otherwise). */
  async function guardMember(req: FastifyRequest, action: MemberAction): Promise<{ subject: MemberSubject; member: MemberRow }> {
    const params = idParams.safeParse(req.params);
    const subject = params.success ? await loadMemberSubject(app.db, params.data.id) : undefined;
    allow(req, Boolean(subject) && can(req.actor, 'member.view', subject), 'not_found');
    allow(req, can(req.actor, action, subject));
    const member = await loadMember(app.db, subject!.personId);
    if (!member) throw new ProblemError(404, 'http.not_found');
    return { subject: subject!, member };
  }

  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get('/members', async (req, reply) => {
    allow(req, can(req.actor, 'members.list'));
    const filter = memberListQuery.parse(req.query ?? {});
    const [data, options] = await Promise.all([listMembers(app.db, req.actor, filter, req.locale), listOptions(req.actor)]);
    return noStore(reply).html(
      <MemberListPage view={await reply.view()} filter={filter} data={data} options={options} canCreate={can(req.actor, 'members.create')} canExport={can(req.actor, 'members.export')} canImport={can(req.actor, 'members.create')} />,
    );
  });

  app.get('/members/export.csv', async (req, reply) => {
    allow(req, can(req.actor, 'members.export'));
    const filter = memberListQuery.parse(req.query ?? {});
    const csv = await exportMembers(app.db, req.actor, filter, req.locale);
    return noStore(reply)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${req.t('members.export_filename')}-${today()}.csv"`)
      .send(csv);
  });

  app.get('/members/new', async (req, reply) => {
    allow(req, can(req.actor, 'members.create'));
    return reply.html(<MemberFormPage view={await reply.view()} form={emptyForm()} options={await formOptions(req.actor)} />);
  });

  app.post('/members', async (req, reply) => {
    allow(req, can(req.actor, 'members.create'));
    const body = memberFormBody(req.body);
    const form = parseForm(memberInput, body, req.t);
    const render = async (state: FormState) => reply.status(422).html(<MemberFormPage view={await reply.view()} form={state} options={await formOptions(req.actor)} />);
    // The register's checks run on the valid parts too: a taken e-mail shows with a bad postal code.
    if (!form.ok) return render({ values: form.values, errors: mergeFieldErrors(form.errors, failureErrors(req, await memberProblems(app.db, req.actor, validParts(memberInput, body)))) });
    const result = await createMember(app.db, req.actor, form.data);
    if (!result.ok) return render(failureForm(req, memberFormBody(req.body), result));
    reply.flash('success', req.t('members.created', { name: `${result.member.firstName} ${result.member.lastName}`, number: result.member.memberNumber }));
    return reply.redirect(`/members/${result.member.id}`, 303);
  });

  app.get('/members/:id', async (req, reply) => {
    const params = idParams.safeParse(req.params);
    const subject = params.success ? await loadMemberSubject(app.db, params.data.id) : undefined;
    if (subject && can(req.actor, 'member.view', subject)) {
      const detail = await viewMember(app.db, req.actor, subject.personId);
      if (detail) return noStore(reply).html(<MemberDetailPage view={await reply.view()} detail={detail} canEdit={can(req.actor, 'member.edit', subject)} />);
    }
    // A member's own record is their page, built for them.
    if (subject && can(req.actor, 'member.view_own', subject)) return reply.redirect('/me', 303);
    if (subject && can(req.actor, 'member.view_limited', subject)) {
      const person = await viewColleague(app.db, req.actor, subject.personId);
      if (person) return noStore(reply).html(<ColleaguePage view={await reply.view()} person={person} />);
    }
    return allow(req, false, 'not_found');
  });

  app.get('/members/:id/edit', async (req, reply) => {
    const { member } = await guardMember(req, 'member.edit');
    return noStore(reply).html(<MemberFormPage view={await reply.view()} member={member} form={emptyForm()} options={await formOptions(req.actor, member)} />);
  });

  app.post('/members/:id/edit', async (req, reply) => {
    const { member } = await guardMember(req, 'member.edit');
    const body = memberFormBody(req.body);
    const form = parseForm(memberUpdate, body, req.t);
    const render = async (state: FormState) => reply.status(422).html(<MemberFormPage view={await reply.view()} member={member} form={state} options={await formOptions(req.actor, member)} />);
    if (!form.ok) {
      const current = { personId: member.id, typeId: member.typeId, unitId: member.unitId, memberNumber: member.memberNumber };
      return render({ values: form.values, errors: mergeFieldErrors(form.errors, failureErrors(req, await memberProblems(app.db, req.actor, validParts(memberUpdate, body), current))) });
    }
    const result = await updateMember(app.db, req.actor, member.id, form.data);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
      return render(failureForm(req, memberFormBody(req.body), result));
    }
    reply.flash('success', req.t('form.saved'));
    return reply.redirect(`/members/${member.id}`, 303);
  });

  app.get('/members/:id/status', async (req, reply) => {
    const { member } = await guardMember(req, 'member.edit');
    return noStore(reply).html(<StatusPage view={await reply.view()} member={member} actions={allowedActions(member.status)} form={emptyForm()} />);
  });

  app.post('/members/:id/status', async (req, reply) => {
    const { member } = await guardMember(req, 'member.edit');
    const form = parseForm(statusChangeInput, req.body, req.t);
    const render = async (state: FormState) => reply.status(422).html(<StatusPage view={await reply.view()} member={member} actions={allowedActions(member.status)} form={state} />);
    if (!form.ok) return render(form);
    const result = await changeMembershipStatus(app.db, req.actor, member.id, form.data);
    if (!result.ok) {
      if (result.reason === 'not_found') throw new ProblemError(404, 'http.not_found');
      return render(failureForm(req, form.data as Record<string, unknown>, result));
    }
    reply.flash('success', req.t('members.status_changed', { status: req.t(membershipStatusLabel[result.member.status]) }));
    return reply.redirect(`/members/${member.id}`, 303);
  });
}
