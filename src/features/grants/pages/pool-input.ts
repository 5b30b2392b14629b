import type { FieldError } from '../../../platform/errors.js';
import { fieldLabel } from '../../../platform/errors.js';
import { numberFromText } from '../../../platform/http/forms.js';
import type { Locale, Translate } from '../../../platform/i18n/i18n.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { today } from '../access.js';
import type { PoolView } from '../pools.js';
import { KronerFields, oreToKroner } from './application-input.js';

/*
 * The pool form's fields and the pool's input, both ways. Amounts are typed in kroner (kronor) and
 * become whole øre (öre) before the schema sees them (`KronerFields`, shared with the application
 * forms); checkboxes arrive as one value or several; the questions are a text of one per line.
 */

type PoolField =
  | 'unitId'
  | 'name'
  | 'description'
  | 'rules'
  | 'periodStart'
  | 'periodEnd'
  | 'currency'
  | 'budget'
  | 'maxPerApplication'
  | 'budgetReason'
  | 'purposes'
  | 'applicantKinds'
  | 'opensOn'
  | 'closesOn'
  | 'questions'
  | 'reportDays'
  | 'public';

/** Each field's label on the form, which its errors name too ("Budget i kr. skal udfyldes"). */
export const poolFieldLabel = {
  unitId: 'grant_page.pool_form.unit',
  name: 'grant_page.pool_form.name',
  description: 'grant_page.pool_form.description',
  rules: 'grant_page.pool_form.rules',
  periodStart: 'grant_page.pool_form.period_start',
  periodEnd: 'grant_page.pool_form.period_end',
  currency: 'grant_page.pool_form.currency',
  budget: 'grant_page.pool_form.budget',
  maxPerApplication: 'grant_page.pool_form.max',
  budgetReason: 'grant_page.pool_form.budget_reason',
  purposes: 'grant_page.pool_form.purposes',
  applicantKinds: 'grant_page.pool_form.applicant_kinds',
  opensOn: 'grant_page.pool_form.opens_on',
  closesOn: 'grant_page.pool_form.closes_on',
  questions: 'grant_page.pool_form.questions',
  reportDays: 'grant_page.pool_form.report_days',
  public: 'grant_page.pool_form.public',
} as const satisfies LabelTable<PoolField>;

const isPoolField = (p: string): p is PoolField => Object.hasOwn(poolFieldLabel, p);
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : typeof v === 'string' && v !== '' ? [v.trim()] : []).filter(Boolean);

/** The questions' text as lines: one question a line, blank lines left out. */
export const questionLines = (v: unknown): string[] =>
  text(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * A path of the schema or the use case → the form's field: `purposes.2` is the purposes' group,
 * `questions.3` the questions' text; a path the form has no field for is told above the form.
 */
export const poolFormField = (path: string): string => {
  const head = path.split('.')[0];
  return isPoolField(head) ? head : '';
};

/**
 * The errors on the form's own fields, each naming the field as the form labels it: the schema's
 * messages name a field by the house's table of field names, which knows the pool's fields under
 * other words or not at all ("rules" are a statute's there).
 */
export function withPoolLabels(t: Translate, errors: readonly FieldError[]): FieldError[] {
  const order = Object.keys(poolFieldLabel);
  // The summary lists the problems in the form's order, whichever check found them.
  const place = (e: FieldError) => order.indexOf(poolFormField(e.path));
  const labelled = errors.map((e) => {
    const path = poolFormField(e.path);
    if (!path) return { ...e, path };
    // "Choose at least one" reads better than the house's "… must have at least 1" for a group of checkboxes.
    if (e.code === 'validation.too_few' && (path === 'purposes' || path === 'applicantKinds')) return { ...e, path, message: t(path === 'purposes' ? 'grant_page.pool_form.purposes_required' : 'grant_page.pool_form.applicant_kinds_required') };
    const house = fieldLabel(t, e.path);
    const own = t(poolFieldLabel[path as PoolField]);
    return { ...e, path, message: house && e.message.includes(house) ? e.message.replace(house, own) : e.message };
  });
  return labelled.map((e, i) => ({ e, i })).sort((a, b) => place(a.e) - place(b.e) || a.i - b.i).map((x) => x.e);
}

/** The form's fields → the pool's input (a new pool with its unit, or a change without it). */
export function poolFromForm(values: Record<string, unknown>, t: Translate, opts: { withUnit: boolean; withCurrency: boolean; withReason: boolean }) {
  const kroner = new KronerFields(t);
  const input: Record<string, unknown> = {
    name: text(values.name),
    description: text(values.description),
    rules: text(values.rules),
    periodStart: text(values.periodStart),
    periodEnd: text(values.periodEnd),
    budget: kroner.read('budget', values.budget),
    maxPerApplication: kroner.read('maxPerApplication', values.maxPerApplication),
    purposes: many(values.purposes),
    applicantKinds: many(values.applicantKinds),
    opensOn: text(values.opensOn),
    closesOn: text(values.closesOn),
    questions: questionLines(values.questions),
    reportDays: numberFromText(values.reportDays),
    public: values.public === 'on' || values.public === true,
  };
  if (opts.withUnit) input.unitId = text(values.unitId);
  if (opts.withCurrency) input.currency = text(values.currency) || 'DKK';
  if (opts.withReason) input.budgetReason = text(values.budgetReason);
  return { input, kronerErrors: kroner.errors };
}

/** A new pool's form: this year, the usual purposes and applicants, 30 days to report, in Danish kroner. */
export function newPoolValues(unitId: string | undefined): Record<string, unknown> {
  const year = today().slice(0, 4);
  return {
    unitId,
    periodStart: `${year}-01-01`,
    periodEnd: `${year}-12-31`,
    currency: 'DKK',
    purposes: ['talk', 'workshop', 'network_meeting', 'workplace_visit'],
    applicantKinds: ['members', 'stewards'],
    reportDays: '30',
  };
}

/** A saved pool as its edit form shows it (amounts in kroner, questions one a line, the window only where the pool sets one). */
export function poolValues(locale: Locale, pool: PoolView, row: { opensOn: string | null; closesOn: string | null }): Record<string, unknown> {
  return {
    name: pool.name,
    description: pool.description,
    rules: pool.rules,
    periodStart: pool.periodStart,
    periodEnd: pool.periodEnd,
    currency: pool.currency,
    budget: oreToKroner(locale, pool.budget),
    maxPerApplication: oreToKroner(locale, pool.maxPerApplication),
    purposes: pool.purposes,
    applicantKinds: pool.applicantKinds,
    opensOn: row.opensOn ?? '',
    closesOn: row.closesOn ?? '',
    questions: pool.questions.map((q) => q.text).join('\n'),
    reportDays: String(pool.reportDays),
    public: pool.public,
  };
}
