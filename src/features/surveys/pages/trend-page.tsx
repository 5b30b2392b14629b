import type { FieldError } from '../../../platform/errors.js';
import { LineChart } from '../../../platform/html/charts.js';
import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { answerValues, inLocale, type Question } from '../questions.js';
import type { Counts, Trend, TrendPoint } from '../results.js';
import { formatMean, formatShare, suppressedNote, valueLabels } from './question-result.js';

/*
 * One question across the waves that asked it. What a union's board follows: for a scale the mean
 * per wave on the scale's own axis, and the share answering one of the two top values ("4 or 5"),
 * which reads as "how many are satisfied" without a line per value; for a choice each option's
 * share; for a matrix each statement's mean; for a number its mean. A wave under the smallest group
 * is a gap in the line and says so; a table gives the responses per wave.
 */

export interface TrendChoice {
  key: string;
  number: number;
  text: string;
  /** How many opened waves asked it. */
  waves: number;
  retired: boolean;
}

export interface TrendPageProps {
  view: View;
  surveyId: string;
  surveyTitle: string;
  minGroup: number;
  choices: TrendChoice[];
  selected: string | null;
  trend: Trend | null;
  errors: FieldError[];
}

/** The scale's two top values ("4", "5"). */
const topValues = (q: Question): string[] => answerValues(q).slice(-2);

/**
 * The share answering one of the top two values, from what the results show: both counts shown, or
 * every other count shown (the rest of those who answered). A share whose group, or whose
 * complement, is a small group is not shown either, so it never stands for fewer than the smallest group.
 */
export function topShare(q: Question, p: TrendPoint, minGroup: number): number | null {
  if (p.suppressed || p.answered === null || p.answered === 0) return null;
  const counts = p.counts as Counts;
  const top = topValues(q);
  const rest = answerValues(q).filter((v) => !top.includes(v));
  let n: number | null = null;
  if (top.every((v) => typeof counts[v] === 'number')) n = top.reduce((s, v) => s + (counts[v] as number), 0);
  else if (rest.every((v) => typeof counts[v] === 'number')) n = p.answered - rest.reduce((s, v) => s + (counts[v] as number), 0);
  if (n === null) return null;
  const small = (k: number) => k > 0 && k < minGroup;
  if (small(n) || small(p.answered - n)) return null;
  return n / p.answered;
}

const orList = (locale: Locale, items: string[]) => new Intl.ListFormat(intlTag[locale], { type: 'disjunction' }).format(items);

function TrendCharts({ view, trend, minGroup }: { view: View; trend: Trend; minGroup: number }): JSX.Element {
  const { t, locale } = view;
  const q = trend.question;
  const xLabels = trend.waves.map((w) => w.name);
  const gapNote = suppressedNote(view, minGroup);
  const common = { xLabels, t, locale, xHeader: t('surveys.trend.col_wave'), gapNote };
  const mean = (p: TrendPoint): number | null => (typeof p.mean === 'number' ? p.mean : null);
  if (q.type === 'scale') {
    const values = orList(locale, topValues(q));
    return (
      <div class="grid grid-2 align-start">
        <LineChart {...common} id={`trend-${q.key}-mean`} title={t('surveys.trend.mean_title', { min: q.min, max: q.max })} series={[{ label: t('surveys.results.mean'), values: trend.waves.map(mean) }]} yMin={q.min ?? undefined} yMax={q.max ?? undefined} />
        <LineChart {...common} id={`trend-${q.key}-top`} title={t('surveys.trend.top_title', { values })} series={[{ label: t('surveys.trend.top_series', { values }), values: trend.waves.map((p) => topShare(q, p, minGroup)) }]} percent />
      </div>
    );
  }
  if (q.type === 'single' || q.type === 'multiple') {
    const series = valueLabels(q, locale).map((o) => ({ label: o.label, values: trend.waves.map((p) => (p.shares as Record<string, number | null>)[o.value] ?? null) }));
    return <LineChart {...common} id={`trend-${q.key}-shares`} title={t(q.type === 'multiple' ? 'surveys.trend.share_title_multiple' : 'surveys.trend.share_title')} series={series} percent />;
  }
  if (q.type === 'matrix') {
    const series = q.statements.map((s) => ({ label: inLocale(s.label, locale) || s.key, values: trend.waves.map((p) => ((p.mean ?? {}) as Record<string, number | null>)[s.key] ?? null) }));
    return <LineChart {...common} id={`trend-${q.key}-means`} title={t('surveys.trend.matrix_title', { min: q.min, max: q.max })} series={series} yMin={q.min ?? undefined} yMax={q.max ?? undefined} />;
  }
  if (q.type === 'number') return <LineChart {...common} id={`trend-${q.key}-mean`} title={t('surveys.trend.number_title')} series={[{ label: t('surveys.results.mean'), values: trend.waves.map(mean) }]} />;
  return (
    <p class="muted" safe>
      {t('surveys.trend.text_no_chart')}
    </p>
  );
}

/** Responses per wave, the number who answered the question, and (scales, numbers) its mean. */
function TrendTable({ view, trend, minGroup }: { view: View; trend: Trend; minGroup: number }): JSX.Element {
  const { t, locale } = view;
  const q = trend.question;
  const withMean = q.type === 'scale' || q.type === 'number';
  const withTop = q.type === 'scale';
  const top = orList(locale, topValues(q));
  const note = suppressedNote(view, minGroup);
  const col = {
    opened: t('surveys.trend.col_opened'),
    responses: t('surveys.trend.col_responses'),
    answered: t('surveys.trend.col_answered'),
    mean: t('surveys.results.mean'),
    top: t('surveys.trend.col_top', { values: top }),
  };
  const Hidden = ({ label }: { label: string }) => (
    <td class="chart-suppressed" data-label={label} safe>
      {note}
    </td>
  );
  return (
    <div class="table-wrap">
      <table class="table table-cards survey-trend-table">
        <caption class="visually-hidden" safe>
          {t('surveys.trend.table_heading')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('surveys.trend.col_wave')}
            </th>
            <th scope="col" safe>
              {col.opened}
            </th>
            <th scope="col" class="numeric" safe>
              {col.responses}
            </th>
            <th scope="col" class="numeric" safe>
              {col.answered}
            </th>
            {withMean ? (
              <th scope="col" class="numeric" safe>
                {col.mean}
              </th>
            ) : (
              ''
            )}
            {withTop ? (
              <th scope="col" class="numeric" safe>
                {col.top}
              </th>
            ) : (
              ''
            )}
          </tr>
        </thead>
        <tbody>
          {trend.waves.map((p) => {
            const m = typeof p.mean === 'number' ? p.mean : null;
            const share = withTop ? topShare(q, p, minGroup) : null;
            return (
              <tr>
                <th scope="row" class="nowrap">
                  <a href={`/surveys/waves/${p.waveId}/results`} safe>
                    {p.name}
                  </a>
                </th>
                <td class="nowrap" data-label={col.opened} safe>
                  {formatDate(locale, p.opensAt)}
                </td>
                <td class="numeric" data-label={col.responses} safe>
                  {formatNumber(locale, p.responses)}
                </td>
                {p.answered === null ? (
                  <Hidden label={col.answered} />
                ) : (
                  <td class="numeric" data-label={col.answered} safe>
                    {formatNumber(locale, p.answered)}
                  </td>
                )}
                {withMean ? (
                  m === null ? (
                    <Hidden label={col.mean} />
                  ) : (
                    <td class="numeric" data-label={col.mean} safe>
                      {formatMean(locale, m)}
                    </td>
                  )
                ) : (
                  ''
                )}
                {withTop ? (
                  share === null ? (
                    <Hidden label={col.top} />
                  ) : (
                    <td class="numeric" data-label={col.top} safe>
                      {formatShare(locale, share)}
                    </td>
                  )
                ) : (
                  ''
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function QuestionPicker({ view, surveyId, choices, selected, errors }: { view: View; surveyId: string; choices: TrendChoice[]; selected: string | null; errors: FieldError[] }): JSX.Element {
  const { t } = view;
  const error = errors.find((e) => e.path === 'question') ?? errors[0];
  return (
    <form method="get" action={`/surveys/${surveyId}/trend`} class="card" aria-label={t('surveys.trend.pick_label')}>
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for="trend-question" safe>
          {t('surveys.trend.question')}
        </label>
        {error ? (
          <p class="field-error" id="trend-question-error" safe>
            {error.message}
          </p>
        ) : (
          ''
        )}
        <select id="trend-question" name="question" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'trend-question-error' : undefined}>
          {choices.map((c) => (
            <option value={c.key} selected={c.key === selected} safe>
              {`${c.number}. ${c.text} (${t('surveys.trend.waves_count', { count: c.waves })}${c.retired ? `, ${t('surveys.trend.retired')}` : ''})`}
            </option>
          ))}
        </select>
      </div>
      <div class="filter-actions">
        <button type="submit" class="button" safe>
          {t('surveys.trend.pick_submit')}
        </button>
      </div>
    </form>
  );
}

export function TrendPage({ view, surveyId, surveyTitle, minGroup, choices, selected, trend, errors }: TrendPageProps): JSX.Element {
  const { t, locale } = view;
  const q = trend?.question;
  const hiddenWaves = trend ? trend.waves.filter((p) => p.suppressed).map((p) => p.name) : [];
  const title = t('surveys.trend.title');
  return (
    <Layout view={view} title={q ? `${title} · ${inLocale(q.text, locale)} · ${surveyTitle}` : `${title} · ${surveyTitle}`}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/surveys" safe>
          {t('surveys.nav')}
        </a>
        {' › '}
        <a href={`/surveys/${surveyId}`} safe>
          {surveyTitle}
        </a>
      </nav>
      <PageHeader title={title} lead={surveyTitle} />
      {choices.length === 0 ? (
        <EmptyState title={t('surveys.trend.no_waves')} />
      ) : (
        <>
          <QuestionPicker view={view} surveyId={surveyId} choices={choices} selected={selected} errors={errors} />
          {trend && q ? (
            <section class="card" aria-labelledby="trend-question-heading">
              <h2 id="trend-question-heading" safe>
                {inLocale(q.text, locale)}
              </h2>
              {trend.waves.length < 2 ? (
                <p class="muted" safe>
                  {t('surveys.trend.single_wave')}
                </p>
              ) : (
                ''
              )}
              <TrendCharts view={view} trend={trend} minGroup={minGroup} />
              {hiddenWaves.length > 0 ? (
                <p class="muted" safe>
                  {t('surveys.trend.suppressed_waves', { count: hiddenWaves.length, waves: new Intl.ListFormat(intlTag[locale], { type: 'conjunction' }).format(hiddenWaves), min: minGroup })}
                </p>
              ) : (
                ''
              )}
              <h3 safe>{t('surveys.trend.table_heading')}</h3>
              <TrendTable view={view} trend={trend} minGroup={minGroup} />
            </section>
          ) : (
            ''
          )}
        </>
      )}
    </Layout>
  );
}
