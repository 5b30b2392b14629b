import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatDateTime } from '../../../platform/i18n/format.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import { waveStatusBadge, waveStatusLabel } from '../labels.js';
import { inLocale } from '../questions.js';
import type { SurveySummary, WaveSummary } from '../surveys.js';

export interface SurveyListProps {
  view: View;
  surveys: SurveySummary[];
  archived: boolean;
  mayCreate: boolean;
}

/** A share 0..1 as a whole percentage in the reader's language ("45 %"). */
export const percent = (locale: Locale, share: number): string => new Intl.NumberFormat(intlTag[locale], { style: 'percent', maximumFractionDigits: 0 }).format(share);

export function WaveStatusBadge({ view, wave }: { view: View; wave: Pick<WaveSummary, 'status'> }): JSX.Element {
  return (
    <Badge kind={waveStatusBadge[wave.status]}>
      <span safe>{view.t(waveStatusLabel[wave.status])}</span>
    </Badge>
  );
}

/** A wave's period: days on a list, days and times where the detail matters. */
export const periodOf = (view: View, w: Pick<WaveSummary, 'opensAt' | 'closesAt'>, withTime = false): string =>
  withTime ? `${formatDateTime(view.locale, w.opensAt)} – ${formatDateTime(view.locale, w.closesAt)}` : `${formatDate(view.locale, w.opensAt)} – ${formatDate(view.locale, w.closesAt)}`;

/** What a wave has gathered: the response rate, or that it has not opened yet. */
export function rateText(view: View, w: Pick<WaveSummary, 'rate' | 'responses' | 'invitees' | 'status'>): string {
  const { t, locale } = view;
  if (w.status === 'scheduled' || w.rate === null) return w.status === 'scheduled' ? t('surveys.list.not_opened') : t('surveys.list.no_invitees');
  return t('surveys.list.rate', { rate: percent(locale, w.rate), responses: w.responses, invitees: w.invitees });
}

function Waves({ view, waves }: { view: View; waves: WaveSummary[] }): JSX.Element {
  if (waves.length === 0)
    return (
      <span class="muted" safe>
        {view.t('surveys.list.no_waves')}
      </span>
    );
  return (
    <ul class="plain-list">
      {waves.map((w) => (
        <li>
          <strong safe>{w.name}</strong> <WaveStatusBadge view={view} wave={w} />
          <span class="cell-note" safe>
            {periodOf(view, w)}
          </span>
          <span class="cell-note" safe>
            {rateText(view, w)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/**
 * The surveys of the units the reader reaches as staff or board, newest first, each with its waves
 * (status, period, response rate); staff start a new one here. Archived surveys are one link away.
 */
export function SurveyListPage({ view, surveys, archived, mayCreate }: SurveyListProps): JSX.Element {
  const { t, locale } = view;
  const title = archived ? t('surveys.list.archived_title') : t('surveys.list.title');
  const col = { unit: t('surveys.list.col_unit'), questions: t('surveys.list.col_questions'), waves: t('surveys.list.col_waves') };
  return (
    <Layout view={view} title={title}>
      {archived ? (
        <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
          <a href="/surveys" safe>
            {t('surveys.nav')}
          </a>
        </nav>
      ) : (
        ''
      )}
      <PageHeader title={title} lead={archived ? t('surveys.list.archived_lead') : t('surveys.list.lead')}>
        {mayCreate && !archived ? (
          <a class="button" href="/surveys/new" safe>
            {t('surveys.list.create')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {surveys.length === 0 ? (
        <EmptyState title={archived ? t('surveys.list.archived_empty') : t('surveys.list.empty')} text={!archived && mayCreate ? t('surveys.list.empty_hint') : undefined} />
      ) : (
        <div class="table-wrap">
          <table class="table table-cards">
            <caption class="visually-hidden" safe>
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('surveys.list.col_survey')}
                </th>
                <th scope="col" safe>
                  {col.unit}
                </th>
                <th scope="col" class="numeric" safe>
                  {col.questions}
                </th>
                <th scope="col" safe>
                  {col.waves}
                </th>
              </tr>
            </thead>
            <tbody>
              {surveys.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={`/surveys/${s.id}`} safe>
                      {inLocale(s.title, locale)}
                    </a>
                    <span class="cell-note" safe>
                      {s.anonymous ? t('surveys.list.anonymous') : t('surveys.list.named')}
                    </span>
                  </th>
                  <td data-label={col.unit} safe>
                    {s.unitName}
                  </td>
                  <td data-label={col.questions} class="numeric" safe>
                    {String(s.questionCount)}
                  </td>
                  <td data-label={col.waves}>
                    <Waves view={view} waves={s.waves} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {archived ? (
          <a href="/surveys" safe>
            {t('surveys.list.show_current')}
          </a>
        ) : (
          <a href="/surveys?archived=true" safe>
            {t('surveys.list.show_archived')}
          </a>
        )}
      </p>
    </Layout>
  );
}
