import { Badge, EmptyState } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { money } from '../mails.js';
import type { ApplicationSummary } from '../queries.js';
import type { ApplicationStatus } from '../tables.js';
import { ApplicationStatusBadge } from './application-parts.js';

/** The queue's groups, in the order an application passes through them. */
export type QueueGroup = 'submitted' | 'in_review' | 'granted' | 'paid_out' | 'reported' | 'done';

export const queueGroups: readonly { key: QueueGroup; statuses: readonly ApplicationStatus[] }[] = [
  { key: 'submitted', statuses: ['submitted'] },
  { key: 'in_review', statuses: ['in_review'] },
  { key: 'granted', statuses: ['granted'] },
  { key: 'paid_out', statuses: ['paid_out', 'report_due'] },
  { key: 'reported', statuses: ['reported'] },
  { key: 'done', statuses: ['closed', 'rejected', 'withdrawn'] },
];

export const queueGroupLabel = {
  submitted: 'grant_page.queue.group_submitted',
  in_review: 'grant_page.queue.group_in_review',
  granted: 'grant_page.queue.group_granted',
  paid_out: 'grant_page.queue.group_paid_out',
  reported: 'grant_page.queue.group_reported',
  done: 'grant_page.queue.group_done',
} as const satisfies LabelTable<QueueGroup>;

/** What a group's last column tells: when it was sent (waiting for a decision), when it was paid, when its report is due. */
type Extra = 'submittedAt' | 'paidOn' | 'reportDueOn' | 'status' | null;
const extraOf: Record<QueueGroup, Extra> = { submitted: 'submittedAt', in_review: 'submittedAt', granted: null, paid_out: 'reportDueOn', reported: 'paidOn', done: 'status' };
const extraLabel = {
  submittedAt: 'grant_page.queue.col_submitted',
  paidOn: 'grant_page.queue.col_paid_on',
  reportDueOn: 'grant_page.queue.col_report_due',
  status: 'grant_page.queue.col_status',
} as const satisfies LabelTable<Exclude<Extra, null>>;

function ExtraCell({ view, a, extra }: { view: View; a: ApplicationSummary; extra: Exclude<Extra, null> }): JSX.Element {
  const { t, locale } = view;
  if (extra === 'status') return <ApplicationStatusBadge view={view} status={a.status} />;
  const value = extra === 'submittedAt' ? a.submittedAt : extra === 'paidOn' ? a.paidOn : a.reportDueOn;
  if (!value) return '';
  return (
    <span>
      <span class="nowrap" safe>
        {formatDate(locale, value)}
      </span>
      {extra === 'reportDueOn' && a.reportOverdue ? (
        <>
          {' '}
          <Badge kind="danger">
            <span safe>{t('grant_page.queue.overdue')}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
    </span>
  );
}

/**
 * Applications as a table: the title links to the application, then who applied, the activity's
 * day, what was asked for and granted, and what the group is waiting on. On a phone each row is a card.
 */
export function ApplicationTable({ view, items, caption, extra }: { view: View; items: readonly ApplicationSummary[]; caption: string; extra: Extra }): JSX.Element {
  const { t, locale } = view;
  const col = {
    applicant: t('grant_page.queue.col_applicant'),
    date: t('grant_page.queue.col_date'),
    requested: t('grant_page.queue.col_requested'),
    granted: t('grant_page.queue.col_granted'),
    extra: extra ? t(extraLabel[extra]) : '',
  };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('grant_page.queue.col_title')}
            </th>
            <th scope="col" safe>
              {col.applicant}
            </th>
            <th scope="col" safe>
              {col.date}
            </th>
            <th scope="col" class="numeric" safe>
              {col.requested}
            </th>
            <th scope="col" class="numeric" safe>
              {col.granted}
            </th>
            {extra ? (
              <th scope="col" safe>
                {col.extra}
              </th>
            ) : (
              ''
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/grants/applications/${a.id}`} safe>
                  {a.title}
                </a>
              </th>
              <td data-label={col.applicant} safe>
                {a.applicantName}
              </td>
              <td data-label={col.date} class="nowrap" safe>
                {formatDate(locale, a.activityDate)}
              </td>
              <td data-label={col.requested} class="numeric nowrap" safe>
                {money(locale, a.requested, a.currency)}
              </td>
              <td data-label={col.granted} class="numeric nowrap" safe>
                {a.granted === null ? '' : money(locale, a.granted, a.currency)}
              </td>
              {extra ? (
                <td data-label={col.extra}>
                  <ExtraCell view={view} a={a} extra={extra} />
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The pool's applications by state, one table per group, each under its heading with its count.
 */
export function PoolQueue({ view, items }: { view: View; items: readonly ApplicationSummary[] }): JSX.Element {
  const { t } = view;
  return (
    <>
      {queueGroups.map((g) => {
        const rows = items.filter((a) => g.statuses.includes(a.status));
        const heading = t('grant_page.queue.group_heading', { group: t(queueGroupLabel[g.key]), n: rows.length });
        const body = rows.length === 0 ? <p class="muted" safe>{t('grant_page.queue.group_empty')}</p> : <ApplicationTable view={view} items={rows} caption={t(queueGroupLabel[g.key])} extra={extraOf[g.key]} />;
        // The finished ones are history, not work: folded away under their heading.
        const shown = g.key === 'done' && rows.length > 0 ? (
          <details class="grant-queue-done">
            <summary safe>{t('grant_page.queue.show_done', { count: rows.length })}</summary>
            {body}
          </details>
        ) : (
          body
        );
        return (
          <section aria-labelledby={`queue-${g.key}`} class="grant-queue-group">
            <h3 class="grant-queue-heading" id={`queue-${g.key}`} safe>
              {heading}
            </h3>
            {shown}
          </section>
        );
      })}
    </>
  );
}

/** The reports past their day: who to remind, with the day it fell due. */
export function OverdueReports({ view, items }: { view: View; items: readonly ApplicationSummary[] }): JSX.Element {
  const { t } = view;
  if (items.length === 0) return <EmptyState title={t('grant_page.pool.overdue_none')} />;
  return <ApplicationTable view={view} items={items} caption={t('grant_page.pool.overdue_heading')} extra="reportDueOn" />;
}
