import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { locales, type Locale } from '../../../platform/i18n/i18n.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import type { MembershipType } from '../membership-types.js';

/** The label of the name in each language ("Navn på svensk"): the field's name in `field-labels.ts`. */
const nameTranslationLabel = {
  da: 'fields.nameTranslations_da',
  sv: 'fields.nameTranslations_sv',
  en: 'fields.nameTranslations_en',
} as const satisfies LabelTable<Locale>;

/** A field for the name in each language but the organisation's default one, which is `name`. */
function NameTranslations({ view, prefix, values, stored, errors }: { view: View; prefix: string; values: Record<string, unknown>; stored: MembershipType['nameTranslations']; errors: FormState['errors'] }): JSX.Element {
  const { t } = view;
  const others = locales.filter((l) => l !== view.org.defaultLocale);
  return (
    <fieldset class="settings-fieldset">
      <legend safe>{t('fields.nameTranslations')}</legend>
      <p class="hint" safe>
        {t('members.types_translations_hint')}
      </p>
      <div class="grid grid-2 compact">
        {others.map((l) => (
          <TextField prefix={prefix} name={`nameTranslations_${l}`} label={t(nameTranslationLabel[l])} value={values[`nameTranslations_${l}`] ?? stored[l] ?? ''} errors={errors} maxlength={100} />
        ))}
      </div>
    </fieldset>
  );
}

/** Which form on the page was sent with mistakes: the new type, or the type with this id. */
export type TypesFormState = { target: 'new' | string; form: FormState } | null;

export function MembershipTypesPage({ view, types, usage, failed }: { view: View; types: MembershipType[]; usage: Map<string, number>; failed: TypesFormState }): JSX.Element {
  const { t } = view;
  const newForm = failed?.target === 'new' ? failed.form : { values: {}, errors: [] };
  return (
    <Layout view={view} title={t('members.types_title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>
          {t('nav.admin')}
        </a>
      </nav>
      <PageHeader title={t('members.types_title')} lead={t('members.types_lead')} />
      <ul class="member-type-list">
        {types.map((ty) => {
          const mine = failed?.target === ty.id ? failed.form : { values: {}, errors: [] };
          const v = { ...ty, ...mine.values } as Record<string, unknown>;
          const prefix = `type-${ty.id}`;
          const count = usage.get(ty.id) ?? 0;
          return (
            <li class="card">
              <form method="post" action={`/admin/membership-types/${ty.id}`} novalidate aria-labelledby={`${prefix}-title`}>
                <h2 id={`${prefix}-title`} class="member-type-title">
                  <span safe>{ty.name}</span> <code safe>{ty.code}</code>{' '}
                  {ty.active ? '' : (
                    <Badge kind="warning">
                      <span safe>{t('members.types_inactive')}</span>
                    </Badge>
                  )}
                </h2>
                <p class="muted" safe>
                  {t('members.types_usage', { count })}
                </p>
                <ErrorSummary view={view} errors={mine.errors} prefix={prefix} />
                <Csrf view={view} />
                <div class="grid grid-2 compact">
                  <TextField prefix={prefix} name="name" label={t('fields.name')} value={v.name} errors={mine.errors} required maxlength={100} />
                  <TextField prefix={prefix} name="position" type="number" label={t('fields.position')} value={v.position} errors={mine.errors} />
                </div>
                <NameTranslations view={view} prefix={prefix} values={mine.values} stored={ty.nameTranslations} errors={mine.errors} />
                <div class="member-choice">
                  <input type="checkbox" id={`${prefix}-active`} name="active" value="on" checked={Boolean(v.active)} />
                  <label for={`${prefix}-active`} safe>
                    {t('members.types_active')}
                  </label>
                </div>
                <div class="form-actions">
                  <button type="submit" class="button button-secondary" safe>
                    {t('form.save')}
                  </button>
                </div>
              </form>
            </li>
          );
        })}
      </ul>
      <section class="card" aria-labelledby="new-type">
        <h2 id="new-type" safe>
          {t('members.types_add')}
        </h2>
        <form method="post" action="/admin/membership-types" novalidate>
          <ErrorSummary view={view} errors={newForm.errors} prefix="new" />
          <Csrf view={view} />
          <div class="grid grid-3 compact">
            <TextField prefix="new" name="code" label={t('fields.code')} hint={t('members.code_hint')} value={newForm.values.code} errors={newForm.errors} required maxlength={30} />
            <TextField prefix="new" name="name" label={t('fields.name')} value={newForm.values.name} errors={newForm.errors} required maxlength={100} />
            <TextField prefix="new" name="position" type="number" label={t('fields.position')} value={newForm.values.position ?? types.length + 1} errors={newForm.errors} />
          </div>
          <NameTranslations view={view} prefix="new" values={newForm.values} stored={{}} errors={newForm.errors} />
          <button type="submit" class="button" safe>
            {t('members.types_add')}
          </button>
        </form>
      </section>
    </Layout>
  );
}
