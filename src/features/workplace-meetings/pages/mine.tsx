import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AssignedMeeting } from '../assigned.js';

/** "My workplace meetings": the staff member's assignments and their calendar feed (its URL shown once). */
export function MinePage({ view, meetings, feedUrl }: { view: View; meetings: AssignedMeeting[]; feedUrl: string | null }): JSX.Element {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('wm_page.mine_title')}>
      <PageHeader title={t('wm_page.mine_title')} />
      {meetings.length === 0 ? (
        <EmptyState title={t('wm_page.mine_empty')} />
      ) : (
        <ul class="card list">
          {meetings.map((m) => (
            <li>
              <a href={`/workplace-meetings/${m.id}`} safe>
                {m.workplaceName}
              </a>{' '}
              <span safe>{`${formatDateTime(locale, m.startsAt, m.timeZone)} – ${formatDateTime(locale, m.endsAt, m.timeZone)}`}</span>{' '}
              <span class="muted" safe>{`${t(`fields.${m.as}Id`)} · ${t(`workplace_meeting.status.${m.status}`)}`}</span>
            </li>
          ))}
        </ul>
      )}
      <section class="card">
        <h2 safe>{t('wm_page.feed_title')}</h2>
        {feedUrl ? (
          <>
            <p safe>{t('wm_page.feed_once')}</p>
            <p>
              <code safe>{feedUrl}</code>
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
