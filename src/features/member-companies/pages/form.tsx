import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import { countries, countryLabel } from '../schema.js';
import type { MemberCompany } from '../companies.js';
import { Crumbs } from './detail.js';

export function CompanyFormPage({ view, company, form, units }: { view: View; company?: MemberCompany; form: FormState; units: Unit[] }): JSX.Element {
  const { t } = view;
  const v = { ...(company ?? {}), ...form.values } as Record<string, unknown>;
  const title = company ? t('companies.edit_named', { name: company.name }) : t('companies.new');
  const back = company ? `/member-companies/${company.id}` : '/member-companies';
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} current={company ? { href: back, label: company.name } : undefined} />
      <PageHeader title={title} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={company ? `/member-companies/${company.id}` : '/member-companies'} novalidate>
          <Csrf view={view} />
          <TextField name="name" label={t('fields.name')} value={v.name} errors={form.errors} required maxlength={200} />
          <SelectField name="country" label={t('fields.country')} value={v.country ?? 'DK'} errors={form.errors} required options={countries.map((c) => ({ value: c, label: t(countryLabel[c]) }))} />
          <div class="grid grid-2 compact">
            <TextField name="cvr" label={t('fields.cvr')} hint={t('companies.cvr_hint')} value={v.cvr} errors={form.errors} inputmode="numeric" maxlength={40} />
            <TextField name="orgNumber" label={t('fields.orgNumber')} hint={t('companies.org_number_hint')} value={v.orgNumber} errors={form.errors} maxlength={40} />
          </div>
          <SelectField name="unitId" label={t('fields.unitId')} hint={t('companies.unit_hint')} value={v.unitId} errors={form.errors} required emptyLabel={t('companies.choose')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
          <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={form.errors} maxlength={200} />
          <div class="grid grid-2 compact">
            <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={form.errors} maxlength={20} />
            <TextField name="city" label={t('fields.city')} value={v.city} errors={form.errors} maxlength={100} />
          </div>
          <div class="grid grid-2 compact">
            <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={form.errors} />
            <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={form.errors} maxlength={40} />
          </div>
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('form.save')}
            </button>
            <a href={back} class="button button-secondary" safe>
              {t('form.cancel')}
            </a>
          </div>
        </form>
      </section>
    </Layout>
  );
}
