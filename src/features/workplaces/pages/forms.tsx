import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import { employerKinds } from '../../../kernel/tables.js';
import { employerKindLabel } from '../../../kernel/labels.js';
import { officeLabel } from '../labels.js';
import type { Workplace } from '../workplaces.js';
import { CheckboxField, Crumbs, FormActions } from './parts.js';

export interface CompanyOption {
  id: string;
  name: string;
}

export function WorkplaceFormPage({ view, workplace, form, units, companies }: { view: View; workplace?: Workplace; form: FormState; units: Unit[]; companies: CompanyOption[] }): JSX.Element {
  const { t } = view;
  const v = { ...(workplace ?? {}), ...form.values } as Record<string, unknown>;
  const title = workplace ? t('workplaces.edit_named', { name: workplace.name }) : t('workplaces.new');
  const back = workplace ? `/workplaces/${workplace.id}` : '/workplaces';
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} trail={[{ href: '/workplaces', label: t('workplaces.title') }, ...(workplace ? [{ href: back, label: workplace.name }] : [])]} />
      <PageHeader title={title} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={workplace ? `/workplaces/${workplace.id}` : '/workplaces'} novalidate>
          <Csrf view={view} />
          <TextField name="name" label={t('fields.name')} value={v.name} errors={form.errors} required maxlength={200} />
          <SelectField name="unitId" label={t('fields.unitId')} value={v.unitId} errors={form.errors} required emptyLabel={t('workplaces.choose')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
          <SelectField name="employerKind" label={t('fields.employerKind')} value={v.employerKind ?? 'municipality'} errors={form.errors} required options={employerKinds.map((k) => ({ value: k, label: t(employerKindLabel[k]) }))} />
          <div class="grid grid-2 compact">
            <TextField name="employerName" label={t('fields.employerName')} hint={t('workplaces.employer_name_hint')} value={v.employerName} errors={form.errors} maxlength={200} />
            <SelectField name="memberCompanyId" label={t('fields.memberCompanyId')} hint={t('workplaces.member_company_hint')} value={v.memberCompanyId} errors={form.errors} emptyLabel={t('workplaces.none')} options={companies.map((c) => ({ value: c.id, label: c.name }))} />
          </div>
          <TextField name="pNumber" label={t('fields.pNumber')} hint={t('workplaces.p_number_hint')} value={v.pNumber} errors={form.errors} inputmode="numeric" maxlength={20} />
          <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={form.errors} autocomplete="off" maxlength={200} />
          <div class="grid grid-2 compact">
            <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={form.errors} maxlength={20} />
            <TextField name="city" label={t('fields.city')} value={v.city} errors={form.errors} maxlength={100} />
          </div>
          <FormActions view={view} cancelHref={back} />
        </form>
      </section>
    </Layout>
  );
}

export interface PersonOption {
  personId: string;
  firstName: string;
  lastName: string;
}

export function OfficeFormPage({ view, workplace, form, candidates }: { view: View; workplace: { id: string; name: string }; form: FormState; candidates: PersonOption[] }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const back = `/workplaces/${workplace.id}`;
  return (
    <Layout view={view} title={t('workplaces.appoint')}>
      <Crumbs view={view} trail={[{ href: '/workplaces', label: t('workplaces.title') }, { href: back, label: workplace.name }]} />
      <PageHeader title={t('workplaces.appoint')} lead={t('workplaces.appoint_lead', { workplace: workplace.name })} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        {candidates.length === 0 ? <p class="flash flash-info" safe>{t('workplaces.no_candidates')}</p> : ''}
        <form method="post" action={`/workplaces/${workplace.id}/offices`} novalidate>
          <Csrf view={view} />
          <SelectField name="role" label={t('fields.role')} value={v.role ?? 'steward'} errors={form.errors} required options={(['steward', 'safety_rep'] as const).map((r) => ({ value: r, label: t(officeLabel[r]) }))} />
          <SelectField name="personId" label={t('fields.personId')} hint={t('workplaces.person_hint')} value={v.personId} errors={form.errors} required emptyLabel={t('workplaces.choose')} options={candidates.map((c) => ({ value: c.personId, label: `${c.firstName} ${c.lastName}` }))} />
          <div class="grid grid-2 compact">
            <TextField name="startsOn" type="date" label={t('fields.startsOn')} hint={t('workplaces.starts_hint')} value={v.startsOn} errors={form.errors} />
            <TextField name="endsOn" type="date" label={t('fields.endsOn')} hint={t('workplaces.ends_hint')} value={v.endsOn} errors={form.errors} />
          </div>
          <FormActions view={view} cancelHref={back} submitLabel={t('workplaces.appoint_submit')} />
        </form>
      </section>
    </Layout>
  );
}

export function EmploymentFormPage({ view, workplace, form }: { view: View; workplace: { id: string; name: string }; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const back = `/workplaces/${workplace.id}`;
  return (
    <Layout view={view} title={t('workplaces.add_employment')}>
      <Crumbs view={view} trail={[{ href: '/workplaces', label: t('workplaces.title') }, { href: back, label: workplace.name }]} />
      <PageHeader title={t('workplaces.add_employment')} lead={t('workplaces.employment_lead', { workplace: workplace.name })} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={`/workplaces/${workplace.id}/employments`} novalidate>
          <Csrf view={view} />
          <TextField name="email" type="email" label={t('fields.email')} hint={t('workplaces.employment_email_hint')} value={v.email} errors={form.errors} autocomplete="off" />
          <div class="grid grid-2 compact">
            <TextField name="firstName" label={t('fields.firstName')} value={v.firstName} errors={form.errors} autocomplete="off" maxlength={100} />
            <TextField name="lastName" label={t('fields.lastName')} value={v.lastName} errors={form.errors} autocomplete="off" maxlength={100} />
          </div>
          <TextField name="jobTitle" label={t('fields.jobTitle')} value={v.jobTitle} errors={form.errors} maxlength={120} />
          <CheckboxField name="isLeader" label={t('fields.isLeader')} checked={v.isLeader === 'on' || v.isLeader === true} errors={form.errors} />
          <div class="grid grid-2 compact">
            <TextField name="startsOn" type="date" label={t('fields.startsOn')} value={v.startsOn} errors={form.errors} />
            <TextField name="endsOn" type="date" label={t('fields.endsOn')} value={v.endsOn} errors={form.errors} />
          </div>
          <FormActions view={view} cancelHref={back} submitLabel={t('workplaces.add_employment_submit')} />
        </form>
      </section>
    </Layout>
  );
}

/** Ending an office or an employment: who and what, and the last day. */
export function EndFormPage({ view, workplace, title, lead, action, form }: { view: View; workplace: { id: string; name: string }; title: string; lead: string; action: string; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const back = `/workplaces/${workplace.id}`;
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} trail={[{ href: '/workplaces', label: t('workplaces.title') }, { href: back, label: workplace.name }]} />
      <PageHeader title={title} lead={lead} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={action} novalidate>
          <Csrf view={view} />
          <TextField name="endsOn" type="date" label={t('fields.endsOn')} hint={t('workplaces.end_hint')} value={v.endsOn} errors={form.errors} />
          <FormActions view={view} cancelHref={back} submitLabel={t('workplaces.end_submit')} />
        </form>
      </section>
    </Layout>
  );
}
