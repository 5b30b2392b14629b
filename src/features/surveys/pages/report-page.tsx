import { PrintLayout } from '../../../platform/html/layout.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { Question } from '../questions.js';
import type { WaveResults } from '../results.js';
import { QuestionSections, SmallGroupRule, WaveFacts, type WaveHeader } from './wave-results.js';

/*
 * The printable report of a wave: a page of its own without the site's menu, footer or forms (like
 * the projector's page), so that what the browser prints is the report: the organisation, the
 * survey, the wave and its period, the response rate, the smallest-group rule, the date printed,
 * then every question with its chart and its figures. On paper the figures are the ones written on
 * the bars (share and count), a matrix's means and a number's mean and median: the charts' own
 * tables stay closed, so they do not print (app.css) — opened, a table made every chart too tall to
 * keep on one page with its question, and a matrix's table too wide for A4.
 */

export interface ReportProps {
  view: View;
  header: WaveHeader;
  questions: Question[];
  results: WaveResults;
  filterText: string | null;
  now: Date;
}

export function ReportPage({ view, header, questions, results, filterText, now }: ReportProps): JSX.Element {
  const { t, locale, org } = view;
  const title = `${t('surveys.report.title')} · ${header.title} · ${header.waveName}`;
  return (
    <PrintLayout view={view} title={title} bodyClass="survey-report">
      <header class="survey-report-header">
        <p class="survey-report-org" safe>
          {org.name}
        </p>
        <h1 safe>{header.title}</h1>
        <p class="lead" safe>
          {t('surveys.report.lead', { wave: header.waveName })}
        </p>
      </header>
      <WaveFacts view={view} header={header} results={results} filterText={filterText} />
      <SmallGroupRule view={view} minGroup={header.minGroup} />
      <p class="muted" safe>
        {t('surveys.report.printed', { date: formatDate(locale, now) })}
      </p>
      <QuestionSections view={view} header={header} questions={questions} results={results} trendKeys={new Set()} />
    </PrintLayout>
  );
}
