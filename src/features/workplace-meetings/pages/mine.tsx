import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { AssignedMeeting } from '../assigned.js';
import { StatusBadge } from './parts.js';
import { formatSpan } from './format.js';
import { assignedAsLabel } from '../labels.js';

/** One assignment: where, when, as what, and the meeting's status. */
function Assignment({ view, meeting: m }: { view: View; meeting: AssignedMeeting }): JSX.Element {
  const { t, locale } = view;
  return (
    <li class="wm-assignment">
      <div class="wm-assignment-head">
        <a href={`/workplace-meetings/${m.id}`} class="wm-assignment-title" safe>
          {m.workplaceName}
        </a>
        <StatusBadge view={view} status={m.status} />
      </div>
      <p class="wm-assignment-when" safe>
        {formatSpan(locale, m.startsAt, m.endsAt, m.timeZone)}
      </p>
      <p class="muted" safe>
        {[t(assignedAsLabel[m.as]), m.address].filter(Boolean).join(' · ')}
      </p>
    </li>
  );
}

/** "My workplace meetings": the staff member's assignments, coming ones first, and their calendar feed (its URL shown once). */
export function MinePage({ view, meetings, feedUrl }: { view: View; meetings: AssignedMeeting[]; feedUrl: string | null }): JSX.Element {
  const { t } = view;
  const now = Date.now();
  const coming = meetings.filter((m) => new Date(m.endsAt).getTime() >= now);
  const past = meetings.filter((m) => new Date(m.endsAt).getTime() < now).reverse();
  return (
    <Layout view={view} title={t('wm_page.mine_title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/workplace-meetings" safe>
          {t('wm_page.queue_title')}
        </a>
      </nav>
      <PageHeader title={t('wm_page.mine_title')} lead={t('wm_page.mine_lead')} />
      {meetings.length === 0 ? (
        <div class="wm-section">
          <EmptyState title={t('wm_page.mine_empty')} text={t('wm_page.mine_empty_text')} />
        </div>
      ) : (
        <>
          <section class="wm-section" aria-labelledby="mine-coming">
            <h2 id="mine-coming" safe>
              {t('wm_page.mine_coming')}
            </h2>
            {coming.length ? (
              <ul class="wm-assignments">
                {coming.map((m) => (
                  <Assignment view={view} meeting={m} />
                ))}
              </ul>
            ) : (
              <p class="muted" safe>
                {t('wm_page.mine_none_coming')}
              </p>
            )}
          </section>
          {past.length ? (
            <section class="wm-section" aria-labelledby="mine-past">
              <h2 id="mine-past" safe>
                {t('wm_page.mine_past')}
              </h2>
              <ul class="wm-assignments">
                {past.map((m) => (
                  <Assignment view={view} meeting={m} />
                ))}
              </ul>
            </section>
          ) : (
            ''
          )}
        </>
      )}
      <section class="card" aria-labelledby="feed-title">
        <h2 id="feed-title" safe>
          {t('wm_page.feed_title')}
        </h2>
        {feedUrl ? (
          <>
            <p safe>{t('wm_page.feed_once')}</p>
            <p>
              <code class="token-value" safe>
                {feedUrl}
              </code>
            </p>
          </>
        ) : (
          <form method="post" action="/workplace-meetings/mine/feed">
            <Csrf view={view} />
            <p class="hint" safe>
              {t('wm_page.feed_hint')}
            </p>
            <button type="submit" class="button" safe>
              {t('wm_page.feed_create')}
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}
