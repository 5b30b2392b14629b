import { Layout } from '../../../platform/html/layout.js';
import { CheckboxField, Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { AssemblyRules } from '../tables.js';
import { majorities } from '../tables.js';
import { majorityLabel } from '../labels.js';

const pct = (v: number | null) => (v === null ? '' : String(Math.round(v * 100)));

/** The statutes' rules for a unit's assemblies, as the office sets them. Shares are typed as percentages. */
export function AssemblyRulesPage({ view, unit, rules, form, mayEdit }: { view: View; unit: { id: string; name: string }; rules: AssemblyRules; form: FormState; mayEdit: boolean }): JSX.Element {
  const { t } = view;
  const v = { ...rules, quorum: pct(rules.quorum), statuteQuorum: pct(rules.statuteQuorum), ...(form.values as Record<string, unknown>) } as Record<string, unknown>;
  const majorityOptions = majorities.map((m) => ({ value: m, label: t(majorityLabel[m]) }));
  return (
    <Layout view={view} title={t('assembly_page.rules_title', { unit: unit.name })}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/assemblies" safe>
          {t('assembly_page.list_title')}
        </a>
      </nav>
      <PageHeader title={t('assembly_page.rules_title', { unit: unit.name })} lead={t('assembly_page.rules_lead')} />
      <ErrorSummary view={view} errors={form.errors} />
      <form method="post" action={`/assemblies/rules/${unit.id}`} class="card form" novalidate>
        <Csrf view={view} />
        <fieldset disabled={!mayEdit}>
          <TextField name="noticeDays" type="number" inputmode="numeric" label={t('fields.noticeDays')} value={v.noticeDays} errors={form.errors} required />
          <TextField name="motionDeadlineDays" type="number" inputmode="numeric" label={t('fields.motionDeadlineDays')} value={v.motionDeadlineDays} errors={form.errors} required />
          <TextField name="rollCutoffDays" type="number" inputmode="numeric" label={t('fields.rollCutoffDays')} hint={t('assembly_page.cutoff_hint')} value={v.rollCutoffDays} errors={form.errors} required />
          <TextField name="quorum" type="number" inputmode="numeric" label={`${t('fields.quorum')} (%)`} hint={t('assembly_page.quorum_hint')} value={v.quorum} errors={form.errors} />
          <TextField name="statuteQuorum" type="number" inputmode="numeric" label={`${t('fields.statuteQuorum')} (%)`} value={v.statuteQuorum} errors={form.errors} />
          <SelectField name="majority" label={t('fields.majority')} value={v.majority} options={majorityOptions} errors={form.errors} />
          <SelectField name="statuteMajority" label={t('fields.statuteMajority')} value={v.statuteMajority} options={majorityOptions} errors={form.errors} />
          <CheckboxField name="blankVotesCount" label={t('fields.blankVotesCount')} hint={t('assembly_page.blank_hint')} checked={v.blankVotesCount === true || v.blankVotesCount === 'on'} errors={form.errors} />
          <CheckboxField name="proxiesAllowed" label={t('fields.proxiesAllowed')} checked={v.proxiesAllowed === true || v.proxiesAllowed === 'on'} errors={form.errors} />
          <TextField name="proxiesPerHolder" type="number" inputmode="numeric" label={t('fields.proxiesPerHolder')} value={v.proxiesPerHolder} errors={form.errors} required />
          <button type="submit" class="button" safe>
            {t('assembly_page.save_rules')}
          </button>
        </fieldset>
      </form>
    </Layout>
  );
}
