import { Layout } from '../../../platform/html/layout.js';
import { CheckboxField, ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { applicantKindLabel, purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import { applicantKinds, currencies, grantPurposes, type Currency } from '../tables.js';

/** The pool being changed, as the edit form needs it; absent for a new pool. */
export interface PoolFormTarget {
  id: string;
  name: string;
  unitName: string;
  currency: Currency;
  /** What is already granted: the budget may not fall below it, and the currency is fixed once money is committed. */
  granted: number;
}

export interface PoolFormProps {
  view: View;
  form: FormState;
  /** The units the reader's staff grant reaches (a new pool only). */
  units?: { id: string; name: string }[];
  pool?: PoolFormTarget;
}

const currencyLabel = {
  DKK: 'grant_page.pool_form.currency_dkk',
  SEK: 'grant_page.pool_form.currency_sek',
} as const satisfies LabelTable<Currency>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const checked = (v: unknown): boolean => v === true || v === 'on';

/**
 * A pool's form, for a new pool and for changing one: what it is, its period and money (typed in
 * kroner), what it funds and who may apply, its window and questions, its report days and whether
 * its page is public. A plain POST: it works without JavaScript. Changing the budget asks why; the
 * reason is kept with the budget's history.
 */
export function PoolFormPage({ view, form, units, pool }: PoolFormProps): JSX.Element {
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const title = pool ? t('grant_page.pool_form.edit_title', { pool: pool.name }) : t('grant_page.pool_form.create_title');
  const action = pool ? `/grants/pools/${pool.id}/edit` : '/grants/pools/new';
  const currencyLocked = pool !== undefined && pool.granted > 0;
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/grants" safe>
          {t('grants.nav')}
        </a>
        {pool ? (
          <>
            {' › '}
            <a href={`/grants/pools/${pool.id}`} safe>
              {pool.name}
            </a>
          </>
        ) : (
          ''
        )}
      </nav>
      <PageHeader title={title} lead={pool ? pool.unitName : t('grant_page.pool_form.create_lead')} />
      <ErrorSummary view={view} errors={e} />
      <form method="post" action={action} class="card form grant-form" novalidate>
        <Csrf view={view} />
        <fieldset class="form-section">
          <legend safe>{t('grant_page.pool_form.about_legend')}</legend>
          {units ? (
            <SelectField name="unitId" label={t('grant_page.pool_form.unit')} value={v.unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} errors={e} required />
          ) : (
            ''
          )}
          <TextField name="name" label={t('grant_page.pool_form.name')} hint={t('grant_page.pool_form.name_hint')} value={v.name} errors={e} maxlength={200} required />
          <TextArea name="description" label={t('grant_page.pool_form.description')} hint={t('grant_page.pool_form.description_hint')} value={v.description} errors={e} rows={3} maxlength={5000} />
          <TextArea name="rules" label={t('grant_page.pool_form.rules')} hint={t('grant_page.pool_form.rules_hint')} value={v.rules} errors={e} rows={8} maxlength={20000} />
        </fieldset>
        <fieldset class="form-section">
          <legend safe>{t('grant_page.pool_form.money_legend')}</legend>
          <div class="grid compact field-pair">
            <TextField name="periodStart" type="date" label={t('grant_page.pool_form.period_start')} value={v.periodStart} errors={e} required />
            <TextField name="periodEnd" type="date" label={t('grant_page.pool_form.period_end')} value={v.periodEnd} errors={e} required />
          </div>
          {currencyLocked ? (
            <p>
              <strong safe>{t('grant_page.pool_form.currency')}</strong>
              <span safe>{`: ${pool!.currency}. ${t('grant_page.pool_form.currency_locked')}`}</span>
            </p>
          ) : (
            <ChoiceGroup name="currency" type="radio" legend={t('grant_page.pool_form.currency')} options={currencies.map((c) => ({ value: c, label: t(currencyLabel[c]) }))} checked={[String(v.currency ?? 'DKK')]} errors={e} />
          )}
          <div class="grid compact field-pair">
            <TextField
              name="budget"
              label={t('grant_page.pool_form.budget')}
              hint={pool && pool.granted > 0 ? t('grant_page.pool_form.budget_hint_granted', { granted: money(locale, pool.granted, pool.currency) }) : t('grant_page.pool_form.kroner_hint')}
              value={v.budget}
              errors={e}
              inputmode="decimal"
              required
            />
            <TextField name="maxPerApplication" label={t('grant_page.pool_form.max')} hint={t('grant_page.pool_form.max_hint')} value={v.maxPerApplication} errors={e} inputmode="decimal" required />
          </div>
          {pool ? <TextField name="budgetReason" label={t('grant_page.pool_form.budget_reason')} hint={t('grant_page.pool_form.budget_reason_hint')} value={v.budgetReason} errors={e} maxlength={500} /> : ''}
        </fieldset>
        <fieldset class="form-section">
          <legend safe>{t('grant_page.pool_form.applications_legend')}</legend>
          <ChoiceGroup name="purposes" type="checkbox" legend={t('grant_page.pool_form.purposes')} options={grantPurposes.map((p) => ({ value: p, label: t(purposeLabel[p]) }))} checked={list(v.purposes)} errors={e} />
          <ChoiceGroup
            name="applicantKinds"
            type="checkbox"
            legend={t('grant_page.pool_form.applicant_kinds')}
            hint={t('grant_page.pool_form.applicant_kinds_hint')}
            options={applicantKinds.map((k) => ({ value: k, label: t(applicantKindLabel[k]) }))}
            checked={list(v.applicantKinds)}
            errors={e}
          />
          <div class="grid compact field-pair">
            <TextField name="opensOn" type="date" label={t('grant_page.pool_form.opens_on')} hint={t('grant_page.pool_form.window_hint')} value={v.opensOn} errors={e} />
            <TextField name="closesOn" type="date" label={t('grant_page.pool_form.closes_on')} hint={t('grant_page.pool_form.window_hint')} value={v.closesOn} errors={e} />
          </div>
          <TextArea name="questions" label={t('grant_page.pool_form.questions')} hint={t('grant_page.pool_form.questions_hint')} value={v.questions} errors={e} rows={4} />
          <TextField name="reportDays" label={t('grant_page.pool_form.report_days')} hint={t('grant_page.pool_form.report_days_hint')} value={v.reportDays} errors={e} inputmode="numeric" required />
        </fieldset>
        <CheckboxField name="public" label={t('grant_page.pool_form.public')} hint={t('grant_page.pool_form.public_hint')} checked={checked(v.public)} errors={e} />
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {pool ? t('grant_page.pool_form.save') : t('grant_page.pool_form.create_submit')}
          </button>
          <a class="button button-secondary" href={pool ? `/grants/pools/${pool.id}` : '/grants'} safe>
            {t('grant_page.pool_form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
