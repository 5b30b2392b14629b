import { Layout } from '../../../platform/html/layout.js';
import { Csrf, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { LocalizedText } from '../tables.js';
import type { AcceptResult, Invitation } from '../invitations.js';
import { labelOf, type LabelTable } from '../../../platform/i18n/labels.js';

const nameIn = (view: View, text: LocalizedText) => text[view.locale] || text.da;

/**
 * What an unsubscribe link opens: one button. The page itself changes nothing (a mail scanner that
 * follows every link unsubscribes nobody). The form needs no CSRF token: the token in the address
 * is the proof, and the same address takes the one-click POST from mail clients (RFC 8058).
 */
export function UnsubscribePage({ view, token, topic, subscribed }: { view: View; token: string; topic: LocalizedText; subscribed: boolean }): JSX.Element {
  const { t } = view;
  const name = nameIn(view, topic);
  return (
    <Layout view={view} title={t('mailings.unsubscribe.title')}>
      <div class="card narrow">
        <h1 safe>{t('mailings.unsubscribe.title')}</h1>
        {subscribed ? (
          <>
            <p safe>{t('mailings.unsubscribe.text', { topic: name })}</p>
            <form method="post" action={`/unsubscribe/${token}`}>
              <input type="hidden" name="List-Unsubscribe" value="One-Click" />
              <button type="submit" class="button" safe>
                {t('mailings.unsubscribe.button', { topic: name })}
              </button>
            </form>
          </>
        ) : (
          <p safe>{t('mailings.unsubscribe.already', { topic: name })}</p>
        )}
        <p>
          <a href="/me/newsletters" safe>
            {t('mailings.unsubscribe.all_topics')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

export function UnsubscribedPage({ view, topic }: { view: View; topic: LocalizedText }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('mailings.unsubscribe.done_title')}>
      <div class="card narrow" role="status">
        <h1 safe>{t('mailings.unsubscribe.done_title')}</h1>
        <p safe>{t('mailings.unsubscribe.done', { topic: nameIn(view, topic) })}</p>
        <p>
          <a href="/me/newsletters" safe>
            {t('mailings.unsubscribe.all_topics')}
          </a>
        </p>
      </div>
    </Layout>
  );
}

/** A link that is not (or no longer) one of ours: said plainly, with nothing about why. */
export function BadLinkPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('mailings.bad_link.title')}>
      <div class="card narrow">
        <h1 safe>{t('mailings.bad_link.title')}</h1>
        <p safe>{t('mailings.bad_link.text')}</p>
      </div>
    </Layout>
  );
}

export type InvitationOutcome =
  | { kind: 'confirmed' }
  | { kind: 'waitlisted'; position: number | null }
  | { kind: 'pending' }
  | { kind: 'already' }
  | { kind: 'refused'; reason: string };

/** Why an invitation cannot be accepted (`mailings.invitation.refused.…`); a reason it does not know reads as not allowed. */
const refusedText = {
  full: 'mailings.invitation.refused.full',
  closed: 'mailings.invitation.refused.closed',
  not_open: 'mailings.invitation.refused.not_open',
  cancelled_event: 'mailings.invitation.refused.cancelled_event',
  not_allowed: 'mailings.invitation.refused.not_allowed',
  unknown_member: 'mailings.invitation.refused.unknown_member',
  too_many_guests: 'mailings.invitation.refused.too_many_guests',
  forbidden: 'mailings.invitation.refused.forbidden',
  duplicate: 'mailings.invitation.refused.duplicate',
} as const satisfies LabelTable<Extract<AcceptResult, { ok: false; invitation: Invitation }>['reason']>;

/** Where the invitee's registration stands once accepted (`mailings.invitation.…`). */
const outcomeText = {
  confirmed: 'mailings.invitation.confirmed',
  pending: 'mailings.invitation.pending',
  already: 'mailings.invitation.already',
} as const satisfies LabelTable<Exclude<InvitationOutcome['kind'], 'waitlisted' | 'refused'>>;

function EventFacts({ view, invitation }: { view: View; invitation: Invitation }): JSX.Element {
  const { t, locale } = view;
  const e = invitation.event;
  const town = [e.postalCode, e.city].filter((p) => p && p.trim()).join(' ');
  const place = [e.placeName, e.addressLine, town].filter((p) => p && p.trim()).join(', ') || e.onlineUrl || '–';
  return (
    <dl class="facts">
      <dt safe>{t('mailings.invitation.when')}</dt>
      <dd safe>{`${formatDateTime(locale, e.startsAt, e.timeZone)} – ${formatDateTime(locale, e.endsAt, e.timeZone)}`}</dd>
      <dt safe>{t('mailings.invitation.where')}</dt>
      <dd safe>{place}</dd>
    </dl>
  );
}

/**
 * The personal register link of an invitation: the event and one button. The person needs no log-in
 * (the link is theirs alone); opening it registers nobody.
 */
export function InvitationPage({ view, token, invitation, outcome }: { view: View; token: string; invitation: Invitation; outcome: InvitationOutcome | null }): JSX.Element {
  const { t } = view;
  const e = invitation.event;
  const reg = invitation.registration;
  const status: InvitationOutcome | null = outcome ?? (reg ? (reg.status === 'waitlisted' ? { kind: 'waitlisted' as const, position: reg.waitlistPosition } : reg.status === 'pending' ? { kind: 'pending' as const } : { kind: 'confirmed' as const }) : null);
  const open = e.status === 'published' && invitation.window === 'open';
  return (
    <Layout view={view} title={e.title}>
      {/* Event titles carry long compound words ("arbejdsmiljørepræsentanter"): the events' header wraps them on a phone. */}
      <div class="event-staff-header">
        <PageHeader title={e.title} lead={t('mailings.invitation.lead', { name: invitation.firstName })} />
      </div>
      <div class="card narrow">
        <EventFacts view={view} invitation={invitation} />
        {status ? (
          <div class={status.kind === 'refused' ? 'flash flash-warning' : 'flash flash-success'} role="status">
            <p safe>
              {status.kind === 'refused'
                ? t(labelOf(refusedText, status.reason) ?? refusedText.not_allowed)
                : status.kind === 'waitlisted'
                  ? t('mailings.invitation.waitlisted', { position: status.position ?? '–' })
                  : t(outcomeText[status.kind])}
            </p>
            {status.kind === 'already' && reg ? (
              <p safe>{reg.status === 'waitlisted' ? t('mailings.invitation.waitlisted', { position: reg.waitlistPosition ?? '–' }) : t(outcomeText[reg.status === 'pending' ? 'pending' : 'confirmed'])}</p>
            ) : (
              ''
            )}
          </div>
        ) : (
          ''
        )}
        {status ? (
          ''
        ) : open ? (
          <form method="post" action={`/invitations/${token}`}>
            <Csrf view={view} />
            <button type="submit" class="button button-large" safe>
              {t('mailings.invitation.button')}
            </button>
          </form>
        ) : (
          <p safe>{t(refusedText[e.status === 'cancelled' ? 'cancelled_event' : invitation.window === 'not_open' ? 'not_open' : 'closed'])}</p>
        )}
        <p>
          <a href={`/events/${e.slug}`} safe>
            {t('mailings.invitation.event_page')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
