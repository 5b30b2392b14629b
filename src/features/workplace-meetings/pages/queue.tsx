import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import type { Unit } from '../../organisation/index.js';
import { meetingStatuses, type MeetingStatus } from '../tables.js';
import type { Meeting, MeetingFilter } from '../schema.js';
import type { MeetingStats } from '../stats.js';
import { StatusBadge } from './parts.js';

/** The held-per-month bars as an SVG (attributes, not inline styles: the CSP forbids those), with the same numbers as a table for screen readers and print. */
function HeldChart({ view, stats }: { view: View; stats: MeetingStats }): JSX.Element {
  const { t, locale } = view;
  const max = Math.max(1, ...stats.heldPerMonth.map((m) => m.held));
  return (
    <section class="card" aria-labelledby="held-chart-title">
      <h2 id="held-chart-title" safe>
        {t('wm_page.held_chart')}
      </h2>
      <svg viewBox={`0 -10 ${stats.heldPerMonth.length * 30} 130`} width="100%" height="140" role="img" aria-labelledby="held-chart-title" focusable="false">
        {stats.heldPerMonth.map((m, i) => {
          const h = Math.round((m.held / max) * 90);
          return (
            <g>
              <rect x={String(i * 30 + 5)} y={String(100 - h)} width="20" height={String(h)} fill="currentColor" />
              <text x={String(i * 30 + 15)} y={String(97 - h)} font-size="9" text-anchor="middle" fill="currentColor" safe>
                {formatNumber(locale, m.held)}
              </text>
              <text x={String(i * 30 + 15)} y="115" font-size="9" text-anchor="middle" fill="currentColor" safe>
                {m.month.slice(5)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary safe>{t('wm_page.chart_as_table')}</summary>
        <table class="table">
          <caption class="visually-hidden" safe>
            {t('wm_page.held_chart')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('fields.month')}</th>
              <th scope="col" class="numeric" safe>{t('workplace_meeting.status.held')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.heldPerMonth.map((m) => (
              <tr>
                <th scope="row" safe>{m.month}</th>
                <td class="numeric" safe>{formatNumber(locale, m.held)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function QueuePage({
  view,
  items,
  counts,
  filter,
  form,
  units,
  stats,
  canManageTopics,
}: {
  view: View;
  items: Meeting[];
  counts: Record<MeetingStatus, number>;
  filter: Partial<MeetingFilter>;
  form: FormState;
  units: Unit[];
  stats: MeetingStats | null;
  canManageTopics: boolean;
}): JSX.Element {
  const { t, locale } = view;
  const v = { ...filter, ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('wm_page.queue_title')} wide>
      <PageHeader title={t('wm_page.queue_title')}>
        <a href="/workplace-meetings/mine" class="button button-secondary" safe>
          {t('wm_page.mine_title')}
        </a>
        {canManageTopics ? (
          <a href="/workplace-meetings/topics" class="button button-secondary" safe>
            {t('wm_page.topics_link')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/workplace-meetings" class="filters card" role="search" aria-label={t('wm_page.filter')}>
        <SelectField name="unit" label={t('fields.unit')} value={v.unit} errors={form.errors} emptyLabel={t('wm_page.any')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        <SelectField name="status" label={t('fields.status')} value={v.status} errors={form.errors} emptyLabel={t('wm_page.any')} options={meetingStatuses.map((s) => ({ value: s, label: t(`workplace_meeting.status.${s}`) }))} />
        <TextField name="month" type="month" label={t('fields.month')} hint="YYYY-MM" value={v.month} errors={form.errors} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/workplace-meetings" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <ul class="status-counts" aria-label={t('wm_page.counts')}>
        {meetingStatuses.map((s) => (
          <li safe>{`${t(`workplace_meeting.status.${s}`)}: ${formatNumber(locale, counts[s])}`}</li>
        ))}
      </ul>
      {items.length === 0 ? (
        <EmptyState title={t('wm_page.empty')} />
      ) : (
        <div class="table-wrap" role="region" aria-label={t('wm_page.queue_title')} tabindex="0">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('wm_page.queue_title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('fields.workplaceId')}</th>
                <th scope="col" safe>{t('fields.unit')}</th>
                <th scope="col" safe>{t('wm_page.when')}</th>
                <th scope="col" safe>{t('fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const at = m.startsAt ?? m.proposedTimes[0]?.startsAt;
                const when: string = at ? formatDateTime(locale, at, m.timeZone) : '';
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/workplace-meetings/${m.id}`} safe>
                        {m.workplaceName}
                      </a>
                    </th>
                    <td safe>{m.unitName}</td>
                    <td safe>{when}</td>
                    <td>
                      <StatusBadge view={view} status={m.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {stats ? <HeldChart view={view} stats={stats} /> : ''}
    </Layout>
  );
}
