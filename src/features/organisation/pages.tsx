import { Layout } from '../../platform/html/layout.js';
import { CheckboxField, Csrf, EmptyState, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { locales, type Locale } from '../../platform/i18n/i18n.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { formatNumber } from '../../platform/i18n/format.js';
import { ABOUT_MAX_LENGTH, currencies, PRIVACY_NOTICE_MAX_LENGTH } from '../../kernel/schema.js';
import { unitKinds } from '../../kernel/tables.js';
import { unitKindLabel } from '../../kernel/labels.js';
import type { Organisation } from '../../kernel/organisation.js';
import type { Unit } from '../../kernel/units.js';

const languageNames = { da: 'Dansk', sv: 'Svenska', en: 'English' } as const;

/** The label of "about us" in each language ("Om os på svensk"): the field's name in `field-labels.ts`. */
const aboutTranslationLabel = {
  da: 'fields.aboutTranslations_da',
  sv: 'fields.aboutTranslations_sv',
  en: 'fields.aboutTranslations_en',
} as const satisfies LabelTable<Locale>;

export function OrganisationPage({ view, org, form, logoErrors }: { view: View; org: Organisation; form: FormState; logoErrors: FormState['errors'] }): JSX.Element {
  const { t } = view;
  const v = { ...org, ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('admin.organisation')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>
          {t('nav.admin')}
        </a>
      </nav>
      <PageHeader title={t('admin.organisation')} lead={t('admin.organisation_text')} />
      <div class="grid grid-sidebar">
        <section class="card">
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/admin/organisation" novalidate>
            <Csrf view={view} />
            <div class="grid grid-2 compact">
              <TextField name="name" label={t('fields.name')} value={v.name} errors={form.errors} required maxlength={200} />
              <TextField name="shortName" label={t('fields.shortName')} value={v.shortName} errors={form.errors} required maxlength={20} />
            </div>
            <TextArea name="aboutText" label={t('fields.aboutText')} hint={t('organisation.about_hint')} value={v.aboutText} errors={form.errors} rows={6} maxlength={ABOUT_MAX_LENGTH} />
            {/* "About us" in each language but the default one, which is the text above. */}
            <fieldset class="settings-fieldset" id="about-translations">
              <legend safe>{t('fields.aboutTranslations')}</legend>
              <p class="hint" safe>
                {t('organisation.about_translations_hint')}
              </p>
              {locales
                .filter((l) => l !== org.defaultLocale)
                .map((l) => (
                  <TextArea
                    name={`aboutTranslations_${l}`}
                    label={t(aboutTranslationLabel[l])}
                    value={form.values[`aboutTranslations_${l}`] ?? org.aboutTranslations[l] ?? ''}
                    errors={form.errors}
                    rows={6}
                    maxlength={ABOUT_MAX_LENGTH}
                  />
                ))}
            </fieldset>
            <div class="grid grid-2 compact">
              <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={form.errors} autocomplete="email" />
              <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={form.errors} autocomplete="tel" />
            </div>
            <TextField name="address" label={t('fields.address')} value={v.address} errors={form.errors} autocomplete="street-address" />
            <TextField name="website" type="url" label={t('fields.website')} value={v.website} errors={form.errors} autocomplete="url" />
            <div class="grid grid-3 compact">
              <SelectField name="defaultLocale" label={t('fields.defaultLocale')} value={v.defaultLocale} errors={form.errors} options={locales.map((l) => ({ value: l, label: languageNames[l] }))} />
              <SelectField name="currency" label={t('fields.currency')} value={v.currency} errors={form.errors} options={currencies.map((c) => ({ value: c, label: c }))} />
              <TextField name="brandColour" type="color" label={t('fields.brandColour')} value={v.brandColour} errors={form.errors} hint={t('organisation.colour_hint')} />
            </div>
            {/* No maxlength: a browser cuts a pasted text at the limit without a word; the server refuses it and says so. */}
            <fieldset class="settings-fieldset" id="privacy">
              <legend safe>{t('organisation.privacy_title')}</legend>
              <p class="hint">
                <span safe>{t('organisation.privacy_text', { max: formatNumber(view.locale, PRIVACY_NOTICE_MAX_LENGTH) })}</span>{' '}
                <a href="/privacy" safe>
                  {t('organisation.privacy_view')}
                </a>
              </p>
              {locales.map((l) => (
                <TextArea name={`privacyNotice_${l}`} label={languageNames[l]} value={form.values[`privacyNotice_${l}`] ?? org.privacyNotice[l] ?? ''} errors={form.errors} rows={8} />
              ))}
            </fieldset>
            <fieldset class="settings-fieldset">
              <legend safe>{t('organisation.security_title')}</legend>
              <CheckboxField
                name="requireTwoFactorForStaff"
                label={t('fields.requireTwoFactorForStaff')}
                hint={t('organisation.two_factor_hint')}
                checked={form.errors.length ? form.values.requireTwoFactorForStaff === 'on' : org.requireTwoFactorForStaff}
                errors={form.errors}
              />
            </fieldset>
            <button type="submit" class="button" safe>
              {t('form.save')}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="logo-title">
          <h2 id="logo-title" safe>
            {t('organisation.logo')}
          </h2>
          {org.hasLogo ? <img src={`/logo?v=${view.org.version}`} alt={t('organisation.current_logo')} class="logo-preview" /> : <p class="muted" safe>{t('organisation.no_logo')}</p>}
          <ErrorSummary view={view} errors={logoErrors} prefix="logo" />
          <form method="post" action="/admin/organisation/logo" enctype="multipart/form-data">
            <Csrf view={view} />
            <div class={logoErrors.length ? 'field field-invalid' : 'field'}>
              <label for="logo-logo" safe>
                {t('organisation.upload_logo')}
              </label>
              <p class="hint" id="logo-hint" safe>
                {t('organisation.logo_hint')}
              </p>
              {logoErrors.map((e) => (
                <p class="field-error" id="logo-error-logo" safe>
                  {e.message}
                </p>
              ))}
              <input id="logo-logo" type="file" name="logo" accept="image/png,image/jpeg,image/svg+xml,image/webp" aria-describedby="logo-hint" />
            </div>
            <button type="submit" class="button button-secondary" safe>
              {t('organisation.upload')}
            </button>
          </form>
          {org.hasLogo ? (
            <form method="post" action="/admin/organisation/logo/delete">
              <Csrf view={view} />
              <button type="submit" class="button button-link danger" safe>
                {t('organisation.remove_logo')}
              </button>
            </form>
          ) : (
            ''
          )}
        </section>
      </div>
    </Layout>
  );
}

function parentOptions(view: View, units: Unit[], selfId?: string) {
  return units
    .filter((u) => u.id !== selfId && u.kind !== 'section')
    .map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name} (${view.t(unitKindLabel[u.kind])})` }));
}

export function UnitsPage({ view, units }: { view: View; units: Unit[] }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('admin.units')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>
          {t('nav.admin')}
        </a>
      </nav>
      <PageHeader title={t('admin.units')} lead={t('admin.units_text')}>
        <a href="/admin/units/new" class="button" safe>
          {t('units.new')}
        </a>
      </PageHeader>
      {units.length === 0 ? (
        <EmptyState title={t('units.empty_title')} text={t('units.empty_text')}>
          <a href="/admin/units/new" class="button" safe>
            {t('units.new')}
          </a>
        </EmptyState>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('admin.units')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('fields.name')}
                </th>
                <th scope="col" safe>
                  {t('fields.kind')}
                </th>
                <th scope="col" safe>
                  {t('fields.email')}
                </th>
                <th scope="col" safe>
                  {t('fields.phone')}
                </th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr>
                  <td>
                    <span class="tree-indent" aria-hidden="true" safe>
                      {'\u2003'.repeat(u.depth)}
                    </span>
                    <a href={`/admin/units/${u.id}`} safe>
                      {u.name}
                    </a>
                  </td>
                  <td safe>{t(unitKindLabel[u.kind])}</td>
                  <td safe>{u.email ?? ''}</td>
                  <td safe>{u.phone ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

export function UnitFormPage({ view, units, unit, form }: { view: View; units: Unit[]; unit?: Unit; form: FormState }): JSX.Element {
  const { t } = view;
  const v = { ...(unit ?? {}), ...form.values } as Record<string, unknown>;
  const title = unit ? t('units.edit', { name: unit.name }) : t('units.new');
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>
          {t('nav.admin')}
        </a>
        <span aria-hidden="true"> / </span>
        <a href="/admin/units" safe>
          {t('admin.units')}
        </a>
      </nav>
      <PageHeader title={title} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={unit ? `/admin/units/${unit.id}` : '/admin/units'} novalidate>
          <Csrf view={view} />
          <TextField name="name" label={t('fields.name')} value={v.name} errors={form.errors} required maxlength={120} />
          <div class="grid grid-2 compact">
            <TextField name="shortName" label={t('fields.shortName')} value={v.shortName} errors={form.errors} maxlength={20} />
            <SelectField name="kind" label={t('fields.kind')} value={v.kind ?? 'district'} errors={form.errors} options={unitKinds.map((k) => ({ value: k, label: t(unitKindLabel[k]) }))} required />
          </div>
          <SelectField name="parentId" label={t('fields.parentId')} value={v.parentId} errors={form.errors} emptyLabel={t('units.no_parent')} options={parentOptions(view, units, unit?.id)} hint={t('units.parent_hint')} />
          <div class="grid grid-2 compact">
            <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={form.errors} />
            <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={form.errors} />
          </div>
          <TextField name="address" label={t('fields.address')} value={v.address} errors={form.errors} />
          <TextField name="position" type="number" label={t('fields.position')} value={v.position ?? 0} errors={form.errors} hint={t('units.position_hint')} />
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('form.save')}
            </button>
            <a href="/admin/units" class="button button-secondary" safe>
              {t('form.cancel')}
            </a>
          </div>
        </form>
        {unit ? (
          <form method="post" action={`/admin/units/${unit.id}/delete`} class="danger-zone">
            <Csrf view={view} />
            <button type="submit" class="button button-danger" safe>
              {t('units.delete')}
            </button>
          </form>
        ) : (
          ''
        )}
      </section>
    </Layout>
  );
}
