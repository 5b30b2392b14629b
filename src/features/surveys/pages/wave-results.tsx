import type { FieldError } from '../../../platform/errors.js';
import { Layout } from '../../../platform/html/layout.js';
import { Badge, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { inLocale, type Question } from '../questions.js';
import type { WaveResults } from '../results.js';
import type { ResultsQuery } from '../schema.js';
import type { WaveStatus } from '../tables.js';
import { waveStatusBadge, waveStatusLabel } from '../labels.js';
import { formatShare, QuestionResultView } from './question-result.js';

/*
 * A wave's results for the survey's unit's staff and board: what the wave was (period, status,
 * invited, answered, rate), a filter by the background variables the survey declares (a plain GET
 * form), the smallest-group rule in words, then every question in order under its section's
 * heading. The printed report (report-page.tsx) shows the same parts without the form and the menu.
 */

/** What the page says about the wave as a whole (never filtered: invitees have no background). */
export interface WaveHeader {
  surveyId: string;
  waveId: string;
  title: string;
  waveName: string;
  opensAt: Date;
  closesAt: Date;
  status: WaveStatus;
  responses: number;
  invitees: number;
  rate: number | null;
  minGroup: number;
}

export type FilterName = keyof ResultsQuery;

/** One select of the filter form: a declared background variable and its categories in this wave. */
export interface FilterField {
  name: FilterName;
  label: string;
  value: string;
  options: { value: string; label: string; enough: boolean }[];
}

export interface WaveResultsProps {
  view: View;
  header: WaveHeader;
  questions: Question[];
  /** null when the filter was refused (too small a group, a bad value). */
  results: WaveResults | null;
  filters: FilterField[];
  /** The chosen categories in words, when a filter is in use. */
  filterText: string | null;
  /** The query string of the filter in use ('' or '?unit=…'), carried to the report. */
  filterQuery: string;
  errors: FieldError[];
  /** Question keys more than one wave asked: they link to their trend. */
  trendKeys: ReadonlySet<string>;
  may: { export: boolean };
}

export const trendHref = (surveyId: string, key: string): string => `/surveys/${surveyId}/trend?question=${encodeURIComponent(key)}`;

/** Period, status, invitees, responses and rate of the wave; with a filter, the responses of the group too. */
export function WaveFacts({ view, header, results, filterText }: { view: View; header: WaveHeader; results: WaveResults | null; filterText: string | null }): JSX.Element {
  const { t, locale } = view;
  return (
    <dl class="facts survey-facts">
      <dt safe>{t('surveys.results.facts.period')}</dt>
      <dd safe>{`${formatDate(locale, header.opensAt)} – ${formatDate(locale, header.closesAt)}`}</dd>
      <dt safe>{t('surveys.results.facts.status')}</dt>
      <dd>
        <Badge kind={waveStatusBadge[header.status]}>
          <span safe>{t(waveStatusLabel[header.status])}</span>
        </Badge>
      </dd>
      <dt safe>{t('surveys.results.facts.invitees')}</dt>
      <dd safe>{formatNumber(locale, header.invitees)}</dd>
      <dt safe>{t('surveys.results.facts.responses')}</dt>
      <dd safe>{formatNumber(locale, header.responses)}</dd>
      <dt safe>{t('surveys.results.facts.rate')}</dt>
      <dd safe>{header.rate === null ? '–' : formatShare(locale, header.rate)}</dd>
      {filterText !== null && results ? (
        <>
          <dt safe>{t('surveys.results.facts.filtered')}</dt>
          <dd safe>{t('surveys.results.filter.active', { count: results.responses, n: formatNumber(locale, results.responses), groups: filterText })}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

/** The smallest-group rule, as every results page and report states it. */
export function SmallGroupRule({ view, minGroup }: { view: View; minGroup: number }): JSX.Element {
  return (
    <p class="survey-rule" safe>
      {view.t('surveys.results.rule', { min: minGroup })}
    </p>
  );
}

/**
 * The questions in order, grouped under their sections' headings (h2; questions are h3). Questions
 * before the first section stand under a plain "Questions" heading, so headings never skip a level.
 * A wave under the smallest group shows no question at all, only why.
 */
export function QuestionSections({ view, header, questions, results, trendKeys }: { view: View; header: WaveHeader; questions: Question[]; results: WaveResults; trendKeys: ReadonlySet<string> }): JSX.Element {
  const { t, locale } = view;
  if (results.suppressed) {
    return (
      <div class="flash flash-warning" role="status">
        <p safe>{t('surveys.results.wave_suppressed', { count: results.responses, n: formatNumber(locale, results.responses), min: results.minGroup })}</p>
      </div>
    );
  }
  const byKey = new Map(results.questions.map((r) => [r.key, r]));
  const groups: { heading: string; items: { q: Question; number: number }[] }[] = [];
  questions.forEach((q, i) => {
    if (q.section || groups.length === 0) groups.push({ heading: q.section ? inLocale(q.section, locale) : t('surveys.results.questions_heading'), items: [] });
    groups[groups.length - 1].items.push({ q, number: i + 1 });
  });
  return (
    <>
      {groups.map((g, gi) => (
        <section class="survey-section" aria-labelledby={`section-${gi + 1}`}>
          <h2 id={`section-${gi + 1}`} safe>
            {g.heading}
          </h2>
          {g.items.map(({ q, number }) => {
            const r = byKey.get(q.key);
            return r ? <QuestionResultView view={view} question={q} result={r} number={number} minGroup={results.minGroup} trendHref={trendKeys.has(q.key) ? trendHref(header.surveyId, q.key) : undefined} /> : '';
          })}
        </section>
      ))}
    </>
  );
}

function FilterSelect({ view, field, errors }: { view: View; field: FilterField; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const id = `filter-${field.name}`;
  const error = errors.find((e) => e.path === field.name);
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id} safe>
        {field.label}
      </label>
      {error ? (
        <p class="field-error" id={`${id}-error`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <select id={id} name={field.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : 'filter-hint'}>
        <option value="" safe>
          {t('surveys.results.filter.any')}
        </option>
        {field.options.map((o) => (
          <option value={o.value} selected={o.value === field.value} disabled={!o.enough} safe>
            {o.enough ? o.label : `${o.label} (${t('surveys.results.filter.too_few')})`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filter by background variables: a GET form, so it works without JavaScript and the address can be shared. */
function FilterForm({ view, header, filters, errors }: { view: View; header: WaveHeader; filters: FilterField[]; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  if (filters.length === 0) return '';
  const action = `/surveys/waves/${header.waveId}/results`;
  return (
    <form method="get" action={action} class="card" role="search" aria-label={t('surveys.results.filter.label')}>
      <p class="hint" id="filter-hint" safe>
        {t('surveys.results.filter.hint', { min: header.minGroup })}
      </p>
      <div class="filters">
        {filters.map((f) => (
          <FilterSelect view={view} field={f} errors={errors} />
        ))}
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('surveys.results.filter.submit')}
          </button>
          <a href={action} class="button button-secondary" safe>
            {t('surveys.results.filter.reset')}
          </a>
        </div>
      </div>
    </form>
  );
}

/** A refused filter (too small a group, a bad value): said plainly, above the form, with no results below. */
function FilterRefusal({ errors }: { errors: FieldError[] }): JSX.Element {
  if (errors.length === 0) return '';
  return (
    <div class="flash flash-error" role="alert">
      {errors.map((e) => (
        <p safe>{e.message}</p>
      ))}
    </div>
  );
}

export function WaveResultsPage(props: WaveResultsProps): JSX.Element {
  const { view, header, questions, results, filters, filterText, filterQuery, errors, trendKeys, may } = props;
  const { t } = view;
  return (
    <Layout view={view} title={`${t('surveys.results.title')} · ${header.title} · ${header.waveName}`}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/surveys" safe>
          {t('surveys.nav')}
        </a>
        {' › '}
        <a href={`/surveys/${header.surveyId}`} safe>
          {header.title}
        </a>
      </nav>
      <PageHeader title={header.title} lead={t('surveys.results.lead', { wave: header.waveName })}>
        <a class="button button-secondary" href={`/surveys/waves/${header.waveId}/report${filterQuery}`} safe>
          {t('surveys.results.report_link')}
        </a>
        {may.export ? (
          <a class="button button-secondary" href={`/api/v1/survey-waves/${header.waveId}/export.csv`} download="" safe>
            {t('surveys.results.download_csv')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <WaveFacts view={view} header={header} results={results} filterText={filterText} />
      <SmallGroupRule view={view} minGroup={header.minGroup} />
      <FilterRefusal errors={errors} />
      <FilterForm view={view} header={header} filters={filters} errors={errors} />
      {results ? <QuestionSections view={view} header={header} questions={questions} results={results} trendKeys={trendKeys} /> : ''}
    </Layout>
  );
}
