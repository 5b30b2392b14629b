import { Layout } from '../../../platform/html/layout.js';
import { ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { locales } from '../../../platform/i18n/i18n.js';
import { membershipStatusLabel } from '../labels.js';
import type { MemberRow } from '../queries.js';
import { newMemberStatuses } from '../schema.js';
import { Crumbs, formErrors } from './shared.js';

const languageNames = { da: 'Dansk', sv: 'Svenska', en: 'English' } as const;

export interface FormOptions {
  /** Districts (and the national level) the staff member may place members in. */
  units: { id: string; name: string; depth: number }[];
  sections: { id: string; name: string }[];
  types: { id: string; name: string; active: boolean }[];
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : Array.isArray(v) ? v.join('\n') : String(v));

/** New member (no `member`) or edit; re-rendered with what was typed and the errors when invalid. */
export function MemberFormPage({ view, member, form, options }: { view: View; member?: MemberRow; form: FormState; options: FormOptions }): JSX.Element {
  const { t } = view;
  const errors = formErrors(form.errors);
  const v = { country: 'DK', status: 'active', ...(member ?? {}), ...form.values } as Record<string, unknown>;
  const title = member ? t('members.edit_title', { name: `${member.firstName} ${member.lastName}` }) : t('members.new_title');
  const action = member ? `/members/${member.id}/edit` : '/members';
  const sections = Array.isArray(v.sections) ? (v.sections as string[]) : typeof v.sections === 'string' ? [v.sections] : [];
  // A member keeps a retired type; nobody new is given one.
  const types = options.types.filter((ty) => ty.active || ty.id === member?.typeId);
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view}>
        {member ? (
          <>
            <span aria-hidden="true"> / </span>
            <a href={`/members/${member.id}`} safe>
              {`${member.firstName} ${member.lastName}`}
            </a>
          </>
        ) : (
          ''
        )}
      </Crumbs>
      <PageHeader title={title} />
      <form method="post" action={action} novalidate class="card">
        <ErrorSummary view={view} errors={errors} />
        <Csrf view={view} />
        <h2 safe>{t('members.person_section')}</h2>
        <div class="grid grid-2 compact">
          <TextField name="firstName" label={t('fields.firstName')} value={v.firstName} errors={errors} required maxlength={100} autocomplete="off" />
          <TextField name="lastName" label={t('fields.lastName')} value={v.lastName} errors={errors} required maxlength={100} autocomplete="off" />
          <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={errors} maxlength={254} autocomplete="off" />
          <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={errors} maxlength={40} autocomplete="off" />
        </div>
        <TextArea name="extraEmails" label={t('fields.extraEmails')} hint={t('members.extra_emails_hint')} value={text(v.extraEmails)} errors={errors} rows={2} />
        <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={errors} maxlength={200} autocomplete="off" />
        <div class="grid grid-3 compact">
          <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={errors} maxlength={20} autocomplete="off" />
          <TextField name="city" label={t('fields.city')} value={v.city} errors={errors} maxlength={100} autocomplete="off" />
          <TextField name="country" label={t('fields.country')} hint={t('members.country_hint')} value={v.country} errors={errors} maxlength={2} required autocomplete="off" />
        </div>
        <div class="grid grid-2 compact">
          <TextField name="dateOfBirth" type="date" label={t('fields.dateOfBirth')} value={v.dateOfBirth} errors={errors} />
          <SelectField
            name="preferredLocale"
            label={t('fields.preferredLocale')}
            value={v.preferredLocale}
            errors={errors}
            emptyLabel={t('members.no_locale')}
            options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
        </div>

        <h2 safe>{t('members.membership')}</h2>
        <div class="grid grid-2 compact">
          <SelectField
            name="unitId"
            label={t('fields.unitId')}
            hint={t('members.unit_hint')}
            value={v.unitId}
            errors={errors}
            required
            emptyLabel={t('members.choose')}
            options={options.units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))}
          />
          <SelectField name="typeId" label={t('fields.typeId')} value={v.typeId} errors={errors} required emptyLabel={t('members.choose')} options={types.map((ty) => ({ value: ty.id, label: ty.name }))} />
          <TextField name="memberNumber" label={t('fields.memberNumber')} hint={member ? t('members.number_edit_hint') : t('members.number_hint')} value={v.memberNumber} errors={errors} maxlength={20} />
          <TextField name="joinedOn" type="date" label={t('fields.joinedOn')} hint={member ? undefined : t('members.joined_hint')} value={v.joinedOn} errors={errors} />
        </div>
        {options.sections.length > 0 ? (
          <ChoiceGroup name="sections" type="checkbox" legend={t('fields.sections')} hint={t('members.sections_hint')} options={options.sections.map((s) => ({ value: s.id, label: s.name }))} checked={sections} errors={errors} />
        ) : (
          ''
        )}
        {member ? (
          ''
        ) : (
          <ChoiceGroup
            name="status"
            type="radio"
            legend={t('fields.status')}
            hint={t('members.status_new_hint')}
            checked={[String(v.status)]}
            errors={errors}
            options={newMemberStatuses.map((s) => ({ value: s, label: t(membershipStatusLabel[s]) }))}
          />
        )}
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {member ? t('form.save') : t('members.create')}
          </button>
          <a href={member ? `/members/${member.id}` : '/members'} class="button button-secondary" safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
