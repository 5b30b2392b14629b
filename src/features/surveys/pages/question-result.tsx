import { BarChart, StackedBarChart, type ChartDatum } from '../../../platform/html/charts.js';
import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { answerValues, inLocale, type Question } from '../questions.js';
import type { Counts, QuestionResult } from '../results.js';

/*
 * One question's result as the results page and the printed report show it: a bar chart for choices
 * and scales (with the scale's mean), a stacked bar per statement for a matrix (with each
 * statement's mean), mean, median and count for a number, and the answers themselves for a free
 * text. Whatever the results left out (null) stays out: a question answered by fewer than the
 * smallest group says so in one line instead of a chart of empty bars.
 */

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${locale}|${key}`;
  let f = formats.get(k);
  if (!f) formats.set(k, (f = new Intl.NumberFormat(intlTag[locale], options)));
  return f;
}

/** A mean to one decimal, always shown ("4,0"), so means read alike down a column. */
export const formatMean = (locale: Locale, v: number): string => numberFormat(locale, 'mean', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
/** A median or other figure to at most one decimal ("37", "32,5"). */
export const formatFigure = (locale: Locale, v: number): string => numberFormat(locale, 'fig', { maximumFractionDigits: 1 }).format(v);
/** A share 0..1 as a whole percentage in the reader's style ("42 %", "42%"). */
export const formatShare = (locale: Locale, v: number): string => numberFormat(locale, 'pct', { style: 'percent', maximumFractionDigits: 0 }).format(v);

/** A scale value as a choice reads: the ends with their labels ("1 – Meget utilfreds"), the rest as the number. */
export function scaleValueLabel(q: Pick<Question, 'min' | 'max' | 'minLabel' | 'maxLabel'>, value: string, locale: Locale): string {
  const end = value === String(q.min) ? inLocale(q.minLabel, locale) : value === String(q.max) ? inLocale(q.maxLabel, locale) : '';
  return end ? `${value} – ${end}` : value;
}

/** The values of a choice or scale question in their order, each with the label the reader reads. */
export function valueLabels(q: Question, locale: Locale): { value: string; label: string }[] {
  if (q.type === 'single' || q.type === 'multiple') return q.options.map((o) => ({ value: o.value, label: inLocale(o.label, locale) || o.value }));
  if (q.type === 'scale' || q.type === 'matrix') return answerValues({ ...q, type: 'scale' }).map((v) => ({ value: v, label: scaleValueLabel(q, v, locale) }));
  return [];
}

/** The note every suppressed figure carries, naming the threshold. */
export const suppressedNote = (view: View, minGroup: number): string => view.t('surveys.results.suppressed_note', { min: minGroup });

export interface QuestionResultProps {
  view: View;
  question: Question;
  result: QuestionResult;
  /** The question's number in the wave (1, 2, …). */
  number: number;
  minGroup: number;
  /** The question's trend page, when more than one wave asked it. */
  trendHref?: string;
}

function Note({ text }: { text: string }): JSX.Element {
  return (
    <p class="muted" safe>
      {text}
    </p>
  );
}

function ChoiceResult({ view, question: q, result: r, number, minGroup }: QuestionResultProps): JSX.Element {
  const { t, locale } = view;
  const counts = r.counts as Counts;
  // null is a hidden count and stays null; a value nobody chose is 0.
  const data: ChartDatum[] = valueLabels(q, locale).map((v) => ({ label: v.label, value: counts[v.value] === undefined ? 0 : counts[v.value] }));
  const mean = typeof r.mean === 'number' ? r.mean : null;
  return (
    <>
      <BarChart
        id={`q-${q.key}-chart`}
        title={t('surveys.results.chart_title', { n: number })}
        data={data}
        // The number who answered is shown anyway; with it the shares are of them, whatever is hidden.
        total={r.answered ?? undefined}
        t={t}
        locale={locale}
        suppressedNote={suppressedNote(view, minGroup)}
        labelHeader={t('surveys.results.col_answer')}
        totalLabel={q.type === 'multiple' ? t('surveys.results.respondents') : undefined}
      />
      {q.type === 'multiple' ? <Note text={t('surveys.results.multiple_note')} /> : ''}
      {q.type === 'scale' && mean !== null ? (
        <p class="survey-mean">
          <strong safe>{`${t('surveys.results.mean')}: ${formatMean(locale, mean)}`}</strong>{' '}
          <span class="muted" safe>
            {t('surveys.results.on_scale', { min: q.min, max: q.max })}
          </span>
        </p>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * A statement's counts in the scale's order. When every answer given lies in hidden cells, the zeros
 * left would add up to "n = 0" as though nobody had answered: the whole row is hidden instead.
 */
function matrixRow(counts: Counts, categories: readonly { value: string }[]): (number | null)[] {
  const values = categories.map((c) => (counts[c.value] === undefined ? null : counts[c.value]));
  const hidden = values.some((v) => v === null);
  const shown = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return hidden && shown === 0 ? values.map(() => null) : values;
}

function MatrixResult({ view, question: q, result: r, number, minGroup }: QuestionResultProps): JSX.Element {
  const { t, locale } = view;
  const byStatement = r.counts as Record<string, Counts>;
  const means = (r.mean ?? {}) as Record<string, number | null>;
  const categories = valueLabels(q, locale);
  const note = suppressedNote(view, minGroup);
  const statementLabel = (s: Question['statements'][number]) => inLocale(s.label, locale) || s.key;
  return (
    <>
      <StackedBarChart
        id={`q-${q.key}-chart`}
        title={t('surveys.results.chart_title', { n: number })}
        categories={categories.map((c) => c.label)}
        rows={q.statements.map((s) => ({ label: statementLabel(s), values: matrixRow(byStatement[s.key] ?? {}, categories) }))}
        t={t}
        locale={locale}
        suppressedNote={note}
        rowHeader={t('surveys.results.col_statement')}
      />
      <p class="survey-means-heading">
        <strong safe>{t('surveys.results.means_caption', { min: q.min, max: q.max })}</strong>
      </p>
      <dl class="facts survey-means">
        {q.statements.map((s) => {
          const m = means[s.key];
          const text: string = typeof m === 'number' ? formatMean(locale, m) : note;
          return (
            <>
              <dt safe>{statementLabel(s)}</dt>
              <dd class={typeof m === 'number' ? undefined : 'chart-suppressed'} safe>
                {text}
              </dd>
            </>
          );
        })}
      </dl>
    </>
  );
}

function NumberResult({ view, result: r }: QuestionResultProps): JSX.Element {
  const { t, locale } = view;
  const mean: string = typeof r.mean === 'number' ? formatMean(locale, r.mean) : '';
  const median: string = typeof r.median === 'number' ? formatFigure(locale, r.median) : '';
  return (
    <dl class="facts">
      <dt safe>{t('surveys.results.mean')}</dt>
      <dd safe>{mean}</dd>
      <dt safe>{t('surveys.results.median')}</dt>
      <dd safe>{median}</dd>
      <dt safe>{t('surveys.results.answered_count')}</dt>
      <dd safe>{formatNumber(locale, r.answered ?? 0)}</dd>
    </dl>
  );
}

function TextResult({ view, question: q, result: r, minGroup }: QuestionResultProps): JSX.Element {
  const { t } = view;
  if (!r.texts) return <Note text={t('surveys.results.texts_hidden', { min: minGroup })} />;
  return (
    <>
      <p class="muted" id={`q-${q.key}-texts`} safe>
        {t('surveys.results.texts_caption')}
      </p>
      <ul class="survey-texts" aria-labelledby={`q-${q.key}-texts`}>
        {r.texts.map((text) => (
          <li safe>{text}</li>
        ))}
      </ul>
    </>
  );
}

/** One question with its heading, how many answered, its chart(s) and figures, and the way to its trend. */
export function QuestionResultView(props: QuestionResultProps): JSX.Element {
  const { view, question: q, result: r, number, minGroup, trendHref } = props;
  const { t, locale } = view;
  const headingId = `q-${q.key}`;
  const hidden = r.answered === null;
  const body = hidden
    ? <Note text={t('surveys.results.answered_hidden', { min: minGroup })} />
    : q.type === 'matrix'
      ? <MatrixResult {...props} />
      : q.type === 'number'
        ? <NumberResult {...props} />
        : q.type === 'text'
          ? <TextResult {...props} />
          : <ChoiceResult {...props} />;
  return (
    <section class="card survey-question" aria-labelledby={headingId}>
      <h3 id={headingId} safe>
        {`${number}. ${inLocale(q.text, locale)}`}
      </h3>
      {hidden ? '' : (
        <p class="muted" safe>
          {t('surveys.results.answered', { count: r.answered ?? 0, n: formatNumber(locale, r.answered ?? 0) })}
        </p>
      )}
      {body}
      {trendHref && q.type !== 'text' ? (
        <p>
          <a href={trendHref} safe>
            {t('surveys.results.trend_link')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}
