import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, TextArea } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { EventDetail } from '../schema.js';
import { placeOf } from '../place.js';
import { formatMoment, staffPath, StaffHeader, type StaffRights } from './staff-parts.js';
import { audienceLabel, audienceRoleLabel, eventKindLabel, eventStatusText, materialVisibilityLabel } from '../labels.js';

export interface ManageFacts {
  unitName: string;
  audienceUnitName: string | null;
  /** For a network meeting: the network's name (none when the network is gone). */
  audienceNetworkName?: string | null;
  window: 'not_open' | 'open' | 'closed';
}

/** Seats taken of the capacity, waiting, attended: the numbers staff look at first. */
export function EventCounts({ view, e }: { view: View; e: EventDetail }): JSX.Element {
  const { t, locale } = view;
  const n = (x: number) => formatNumber(locale, x);
  return (
    <dl class="event-counts">
      <div>
        <dt safe>{t('event_staff.counts.seats')}</dt>
        <dd safe>{e.capacity === null ? n(e.confirmedSeats) : t('event_staff.counts.of', { count: n(e.confirmedSeats), total: n(e.capacity) })}</dd>
        <dd class="muted" safe>
          {e.capacity === null ? t('event_staff.counts.no_limit') : t('event_staff.counts.free', { count: Math.max(0, e.capacity - e.confirmedSeats), n: n(Math.max(0, e.capacity - e.confirmedSeats)) })}
        </dd>
      </div>
      <div>
        <dt safe>{t('event_staff.counts.confirmed')}</dt>
        <dd safe>{n(e.confirmedCount)}</dd>
      </div>
      <div>
        <dt safe>{t('event_staff.counts.waiting')}</dt>
        <dd safe>{n(e.waitlistCount)}</dd>
      </div>
      <div>
        <dt safe>{t('event_staff.counts.attended')}</dt>
        <dd safe>{n(e.attendedCount)}</dd>
      </div>
    </dl>
  );
}

export function ManagePage({ view, e, rights, facts }: { view: View; e: EventDetail; rights: StaffRights; facts: ManageFacts }): JSX.Element {
  const { t, locale } = view;
  const audience =
    e.audience === 'unit_members'
      ? t('event_staff.audience_of_unit', { unit: facts.audienceUnitName ?? '–' })
      : e.audience === 'roles'
        ? e.audienceRoles.map((r) => t(audienceRoleLabel[r])).join(', ')
        : e.audience === 'network'
          ? t('event_staff.audience_of_network', { network: facts.audienceNetworkName ?? '–' })
          : t(audienceLabel[e.audience]);
  const window =
    facts.window === 'open'
      ? t('event_staff.window.open', { closes: formatMoment(locale, e.registrationClosesAt ?? e.startsAt, e.timeZone) })
      : facts.window === 'not_open'
        ? t('event_staff.window.not_open', { opens: formatMoment(locale, e.registrationOpensAt!, e.timeZone) })
        : t('event_staff.window.closed');
  const slug = e.slug;
  const staff = rights.edit;
  return (
    <Layout view={view} title={t('event_staff.manage_title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="manage" />
      {e.status === 'cancelled' ? (
        <div class="flash flash-error event-cancelled" role="status">
          <p>
            <strong safe>{t('event_staff.cancelled_banner', { when: e.cancelledAt ? formatMoment(locale, e.cancelledAt, e.timeZone) : '' })}</strong>
          </p>
          {e.cancelReason ? <p safe>{t('event_staff.cancelled_reason', { reason: e.cancelReason })}</p> : ''}
        </div>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="status-title">
        <h2 id="status-title" safe>
          {t('event_staff.status_title')}
        </h2>
        <p safe>{t(eventStatusText[e.status])}</p>
        {staff && e.status !== 'cancelled' ? (
          <div class="inline-actions">
            {e.status === 'draft' ? (
              <form method="post" action={staffPath(slug, 'publish')}>
                <Csrf view={view} />
                <button type="submit" class="button" safe>
                  {t('event_staff.publish')}
                </button>
              </form>
            ) : (
              <form method="post" action={staffPath(slug, 'unpublish')}>
                <Csrf view={view} />
                <button type="submit" class="button button-secondary" safe>
                  {t('event_staff.unpublish')}
                </button>
              </form>
            )}
            <a href={staffPath(slug, 'edit')} class="button button-secondary" safe>
              {t('event_staff.edit')}
            </a>
            <a href={staffPath(slug, 'cancel-event')} class="button button-danger" safe>
              {t('event_staff.cancel_event')}
            </a>
          </div>
        ) : (
          ''
        )}
      </section>
      <section class="card" aria-labelledby="counts-title">
        <h2 id="counts-title" safe>
          {t('event_staff.counts_title')}
        </h2>
        <EventCounts view={view} e={e} />
        <ul class="inline-actions link-list">
          {rights.viewParticipants ? (
            <li>
              <a href={staffPath(slug, 'participants')} class="button button-secondary" safe>
                {t('event_staff.tabs.participants')}
              </a>
            </li>
          ) : (
            ''
          )}
          {rights.checkIn && e.status === 'published' ? (
            <li>
              <a href={staffPath(slug, 'check-in')} class="button button-secondary" safe>
                {t('event_staff.tabs.check_in')}
              </a>
            </li>
          ) : (
            ''
          )}
          {rights.message && e.status !== 'draft' ? (
            <li>
              <a href={staffPath(slug, 'message')} class="button button-secondary" safe>
                {t('event_staff.message_link')}
              </a>
            </li>
          ) : (
            ''
          )}
          {rights.manageMaterial ? (
            <li>
              <a href={staffPath(slug, 'material')} class="button button-secondary" safe>
                {t('event_staff.tabs.material')}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </section>
      <section class="card" aria-labelledby="facts-title">
        <h2 id="facts-title" safe>
          {t('event_staff.facts_title')}
        </h2>
        <dl class="facts">
          <dt safe>{t('fields.kind')}</dt>
          <dd safe>{t(eventKindLabel[e.kind])}</dd>
          <dt safe>{t('event_staff.organising_unit')}</dt>
          <dd safe>{facts.unitName}</dd>
          <dt safe>{t('fields.audience')}</dt>
          <dd safe>{audience}</dd>
          <dt safe>{t('event_staff.section_where')}</dt>
          <dd safe>{placeOf(e) ?? t('event_staff.no_place')}</dd>
          {e.onlineUrl ? (
            <>
              <dt safe>{t('fields.onlineUrl')}</dt>
              <dd>
                <a href={e.onlineUrl} rel="noopener noreferrer" safe>
                  {e.onlineUrl}
                </a>
              </dd>
            </>
          ) : (
            ''
          )}
          <dt safe>{t('event_staff.registration')}</dt>
          <dd safe>{e.status === 'cancelled' ? t('event_staff.window.closed') : window}</dd>
          <dt safe>{t('fields.waitlist')}</dt>
          <dd safe>{e.waitlist ? t('event_staff.yes') : t('event_staff.no')}</dd>
          <dt safe>{t('fields.maxGuests')}</dt>
          <dd safe>{formatNumber(locale, e.maxGuests)}</dd>
          <dt safe>{t('fields.materialVisibility')}</dt>
          <dd safe>{t(materialVisibilityLabel[e.materialVisibility])}</dd>
          <dt safe>{t('fields.programme')}</dt>
          <dd safe>{e.programme.length ? t('event_staff.programme_count', { count: e.programme.length }) : t('event_staff.no_programme')}</dd>
        </dl>
        <p>
          <a href={`/events/${encodeURIComponent(slug)}`} safe>
            {t('event_staff.public_page')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** The step before cancelling: who will be told, an optional reason, and a way back. */
export function CancelEventPage({ view, e, rights, form }: { view: View; e: EventDetail; rights: StaffRights; form: FormState }): JSX.Element {
  const { t, locale } = view;
  const told = e.confirmedCount + e.waitlistCount;
  return (
    <Layout view={view} title={t('event_staff.cancel_title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="manage" />
      <section class="card narrow" aria-labelledby="cancel-title">
        <h2 id="cancel-title" safe>
          {t('event_staff.cancel_event')}
        </h2>
        <ErrorSummary view={view} errors={form.errors} />
        <p safe>{t('event_staff.cancel_lead', { count: told, n: formatNumber(locale, told), confirmed: formatNumber(locale, e.confirmedCount), waiting: formatNumber(locale, e.waitlistCount) })}</p>
        <p safe>{t('event_staff.cancel_final')}</p>
        <form method="post" action={staffPath(e.slug, 'cancel-event')} novalidate>
          <Csrf view={view} />
          <TextArea name="reason" label={t('fields.cancelReason')} hint={t('event_staff.cancel_reason_hint')} value={(form.values as Record<string, unknown>).reason} errors={form.errors} rows={4} maxlength={1000} />
          <div class="form-actions">
            <button type="submit" class="button button-danger" safe>
              {t('event_staff.cancel_confirm')}
            </button>
            <a href={staffPath(e.slug)} class="button button-secondary" safe>
              {t('event_staff.cancel_back')}
            </a>
          </div>
        </form>
      </section>
    </Layout>
  );
}
