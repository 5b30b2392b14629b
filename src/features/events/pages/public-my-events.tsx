import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { MyEvent } from '../queries.js';
import { CalendarFeedForm } from '../calendar-routes.js';
import { EventListCard } from './parts.js';

function PlaceBadge({ view, r, eventCancelled }: { view: View; r: MyEvent['registration']; eventCancelled: boolean }): JSX.Element {
  const { t } = view;
  if (eventCancelled) {
    return (
      <Badge kind="danger">
        <span safe>{t('event_page.seat.cancelled')}</span>
      </Badge>
    );
  }
  return r.status === 'waitlisted' ? (
    <Badge kind="warning">
      <span safe>{t('event_page.mine.waitlisted', { position: r.waitlistPosition ?? 0 })}</span>
    </Badge>
  ) : (
    <Badge kind="success">
      <span safe>{t('event_page.mine.confirmed')}</span>
    </Badge>
  );
}

function MyEventItem({ view, item, upcoming }: { view: View; item: MyEvent; upcoming: boolean }): JSX.Element {
  const { t } = view;
  const e = item.event;
  const cancelled = e.status === 'cancelled';
  const cancelLabel = item.registration.status === 'waitlisted' ? t('event_page.leave_waitlist') : t('event_page.cancel_place');
  const actions =
    upcoming && !cancelled ? (
      <p class="event-card-actions">
        <a href={`/events/${e.slug}/cancel?next=${encodeURIComponent('/me/events')}`} class="button button-small button-secondary" aria-label={`${cancelLabel}: ${e.title}`} safe>
          {cancelLabel}
        </a>
      </p>
    ) : undefined;
  return (
    <EventListCard
      view={view}
      event={{ ...e, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) }}
      badge={<PlaceBadge view={view} r={item.registration} eventCancelled={cancelled} />}
      online={Boolean(e.onlineUrl)}
      actions={actions}
    >
      {item.registration.guests > 0 ? (
        <>
          <dt safe>{t('event_page.guests')}</dt>
          <dd safe>{String(item.registration.guests)}</dd>
        </>
      ) : (
        ''
      )}
    </EventListCard>
  );
}

export function MyEventsPage({ view, upcoming, past, hasFeed }: { view: View; upcoming: MyEvent[]; past: MyEvent[]; hasFeed: boolean }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('event_page.mine.title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/me" safe>
          {t('me.title')}
        </a>
      </nav>
      <PageHeader title={t('event_page.mine.title')} lead={t('event_page.mine.lead')}>
        <a href="/events" class="button button-secondary" safe>
          {t('event_page.mine.find_more')}
        </a>
      </PageHeader>
      <section aria-labelledby="mine-upcoming">
        <h2 id="mine-upcoming" safe>
          {t('event_page.mine.upcoming')}
        </h2>
        {upcoming.length ? (
          <ul class="event-list">
            {upcoming.map((item) => (
              <MyEventItem view={view} item={item} upcoming />
            ))}
          </ul>
        ) : (
          <EmptyState title={t('event_page.mine.none')} text={t('event_page.mine.none_text')} />
        )}
      </section>
      <section class="card" aria-labelledby="mine-calendar">
        <h2 id="mine-calendar" safe>
          {t('event_page.mine.calendar')}
        </h2>
        <CalendarFeedForm view={view} hasFeed={hasFeed} />
      </section>
      {past.length ? (
        <section aria-labelledby="mine-past">
          <h2 id="mine-past" safe>
            {t('event_page.mine.past')}
          </h2>
          <ul class="event-list">
            {past.map((item) => (
              <MyEventItem view={view} item={item} upcoming={false} />
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
