import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { Unit } from '../../../kernel/units.js';
import { meetingStatuses, type MeetingStatus } from '../tables.js';
import type { Meeting, MeetingFilter } from '../schema.js';
import type { MeetingStats } from '../stats.js';
import { StatusBadge, statusKinds } from './parts.js';
import { formatMoment } from './format.js';
import { HeldChart, MeetingFigures } from './held-chart.js';
import { meetingCountLabel } from '../labels.js';

export interface QueueMay {
  /** Staff or board: the page is the office's queue with its numbers. */
  office: boolean;
  /** Has a list of assigned meetings (staff, board). */
  assigned: boolean;
  manageTopics: boolean;
}

/** The queue's address with the filter kept and one part changed (an empty value drops it). */
export function queueHref(filter: Partial<MeetingFilter>, change: Partial<Record<keyof MeetingFilter, string | undefined>> = {}): string {
  const q = new URLSearchParams();
  const all = { ...filter, ...change } as Record<string, string | undefined>;
  for (const key of ['unit', 'status', 'month']) if (all[key]) q.set(key, all[key]!);
  const s = q.toString();
  return s ? `/workplace-meetings?${s}` : '/workplace-meetings';
}

/** The count per status as cards; each opens the queue filtered to it (the current one is marked). */
function StatusCards({ view, counts, filter }: { view: View; counts: Record<MeetingStatus, number>; filter: Partial<MeetingFilter> }): JSX.Element {
  const { t, locale } = view;
  const total = meetingStatuses.reduce((s, k) => s + counts[k], 0);
  const cards = [
    { key: 'all', status: undefined, label: t('wm_page.count_all'), n: total, kind: 'all' },
    ...meetingStatuses.map((s) => ({ key: s, status: s, label: t(meetingCountLabel[s]), n: counts[s], kind: statusKinds[s] })),
  ];
  return (
    <nav aria-label={t('wm_page.counts')}>
      <ul class="wm-status-cards">
        {cards.map((c) => (
          <li>
            <a href={queueHref(filter, { status: c.status ?? '' })} class={`wm-status-card wm-status-${c.kind}`} aria-current={filter.status === c.status ? 'true' : undefined}>
              <span class="wm-status-count" safe>
                {formatNumber(locale, c.n)}
              </span>
              <span class="wm-status-name" safe>
                {c.label}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function QueueTable({ view, items }: { view: View; items: Meeting[] }): JSX.Element {
  const { t, locale } = view;
  return (
    <div class="table-wrap" role="region" aria-label={t('wm_page.queue_title')} tabindex="0">
      <table class="table table-cards wm-queue-table">
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
            const when: string = at ? formatMoment(locale, at, m.timeZone) : '';
            return (
              <tr>
                <th scope="row">
                  <a href={`/workplace-meetings/${m.id}`} safe>
                    {m.workplaceName}
                  </a>
                  {m.workplaceId === null ? (
                    <span class="cell-note muted" safe>
                      {t('wm_page.new_workplace_note')}
                    </span>
                  ) : (
                    ''
                  )}
                </th>
                <td data-label={t('fields.unit')} safe>
                  {m.unitName}
                </td>
                <td data-label={t('wm_page.when')}>
                  <span safe>{when}</span>
                  {m.startsAt === null && at ? (
                    <span class="cell-note muted" safe>
                      {t('wm_page.proposed_note')}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td data-label={t('fields.status')}>
                  <StatusBadge view={view} status={m.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
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
  may,
}: {
  view: View;
  items: Meeting[];
  counts: Record<MeetingStatus, number>;
  filter: Partial<MeetingFilter>;
  form: FormState;
  units: Unit[];
  stats: MeetingStats | null;
  may: QueueMay;
}): JSX.Element {
  const { t } = view;
  const v = { ...filter, ...form.values } as Record<string, unknown>;
  const filtered = Boolean(filter.unit || filter.status || filter.month);
  const statsUnit = stats ? (units.find((u) => u.id === stats.unitId)?.name ?? '') : '';
  return (
    <Layout view={view} title={t('wm_page.queue_title')}>
      <PageHeader title={t('wm_page.queue_title')} lead={may.office ? undefined : t('wm_page.queue_lead_own')}>
        <a href="/workplace-meetings/request" class="button button-secondary" safe>
          {t('wm_page.request_title')}
        </a>
        {may.assigned ? (
          <a href="/workplace-meetings/mine" class="button button-secondary" safe>
            {t('wm_page.mine_title')}
          </a>
        ) : (
          ''
        )}
        {may.manageTopics ? (
          <a href="/workplace-meetings/topics" class="button button-secondary" safe>
            {t('wm_page.topics_link')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/workplace-meetings" class="card wm-filters" role="search" aria-label={t('wm_page.filter')}>
        {/* A steward's list is their own workplaces': a choice of unit would only narrow it to nothing. */}
        {may.office ? (
          <SelectField name="unit" label={t('fields.unit')} value={v.unit} errors={form.errors} emptyLabel={t('wm_page.any')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        ) : (
          ''
        )}
        <SelectField name="status" label={t('fields.status')} value={v.status} errors={form.errors} emptyLabel={t('wm_page.any')} options={meetingStatuses.map((s) => ({ value: s, label: t(meetingCountLabel[s]) }))} />
        <TextField name="month" type="month" label={t('fields.month')} hint={t('wm_page.month_hint')} value={v.month} errors={form.errors} pattern="\d{4}-\d{2}" />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/workplace-meetings" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <StatusCards view={view} counts={counts} filter={filter} />
      {items.length === 0 ? (
        <EmptyState title={filtered ? t('wm_page.empty') : t('wm_page.empty_none')} text={filtered ? t('wm_page.empty_hint') : undefined}>
          {filtered ? (
            <a href="/workplace-meetings" safe>
              {t('form.reset')}
            </a>
          ) : (
            ''
          )}
        </EmptyState>
      ) : (
        <QueueTable view={view} items={items} />
      )}
      {stats ? (
        <div class="wm-stats">
          <MeetingFigures view={view} stats={stats} unitName={statsUnit} />
          <HeldChart view={view} stats={stats} unitName={statsUnit} />
        </div>
      ) : (
        ''
      )}
    </Layout>
  );
}
