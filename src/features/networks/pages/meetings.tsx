import { Badge, Csrf, ErrorSummary, TextArea, TextField } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { NetworkMeeting, NetworkMeetingList } from '../meetings.js';

/** One meeting: when and where, seats, a link to its event page (where one registers), the agenda and the minutes. */
function Meeting({ view, m, coordinating, past }: { view: View; m: NetworkMeeting; coordinating: boolean; past: boolean }): JSX.Element {
  const { t, locale } = view;
  const place = [m.placeName, m.addressLine, [m.postalCode, m.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const id = `meeting-${m.eventId}`;
  const started = new Date(m.startsAt).getTime() <= Date.now();
  return (
    <li class="card" id={id}>
      <h4>
        <a href={`/events/${m.slug}`} safe>
          {m.title}
        </a>
      </h4>
      <p safe>{`${formatDateTime(locale, m.startsAt, m.timeZone)} – ${formatDateTime(locale, m.endsAt, m.timeZone)}`}</p>
      {place ? <p safe>{place}</p> : ''}
      {m.status === 'cancelled' ? (
        <Badge kind="danger">
          <span safe>{t('networks.meetings.cancelled')}</span>
        </Badge>
      ) : m.status === 'draft' ? (
        <Badge kind="warning">
          <span safe>{t('networks.meetings.draft')}</span>
        </Badge>
      ) : !past ? (
        <p class="hint" safe>
          {m.seatsLeft === null ? t('networks.meetings.no_limit') : t('networks.meetings.seats_left', { count: m.seatsLeft })}
        </p>
      ) : (
        ''
      )}
      {m.agendaMissing ? (
        <Badge kind="warning">
          <span safe>{t('networks.meetings.agenda_missing')}</span>
        </Badge>
      ) : (
        ''
      )}
      {m.minutesMissing ? (
        <Badge kind="warning">
          <span safe>{t('networks.meetings.minutes_missing')}</span>
        </Badge>
      ) : (
        ''
      )}
      {m.agenda ? (
        <details open={!past}>
          <summary safe>{t('networks.meetings.agenda')}</summary>
          <Markdown text={m.agenda} />
        </details>
      ) : (
        ''
      )}
      {m.minutes ? (
        <details open>
          <summary safe>{t('networks.meetings.minutes')}</summary>
          <Markdown text={m.minutes} />
        </details>
      ) : (
        ''
      )}
      {coordinating && !past ? (
        <form method="post" action={`/networks/meetings/${m.eventId}/agenda`}>
          <Csrf view={view} />
          <TextArea name="agenda" prefix={`${id}-agenda`} label={t('networks.meetings.agenda')} hint={t('networks.markdown_hint')} value={m.agenda} rows={4} />
          <button type="submit" class="button button-secondary" safe>
            {t('networks.meetings.save_agenda')}
          </button>
        </form>
      ) : (
        ''
      )}
      {coordinating && started ? (
        <form method="post" action={`/networks/meetings/${m.eventId}/minutes`}>
          <Csrf view={view} />
          <TextArea name="minutes" prefix={`${id}-minutes`} label={t('networks.meetings.minutes')} hint={t('networks.markdown_hint')} value={m.minutes} rows={4} />
          <button type="submit" class="button button-secondary" safe>
            {t('networks.meetings.save_minutes')}
          </button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

/** A coordinator calls a meeting: an event for the network's participants (its seats and registration are the events module's). */
function NewMeeting({ view, form, needsAgenda, networkId }: { view: View; form: FormState; needsAgenda: boolean; networkId: string }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  return (
    <details class="card" open={e.length > 0} id="meeting-new">
      <summary safe>{t('networks.meetings.new')}</summary>
      <ErrorSummary view={view} errors={e} prefix="meeting" />
      <form method="post" action={`/networks/${networkId}/meetings`} novalidate>
        <Csrf view={view} />
        <TextField name="title" prefix="meeting" label={t('networks.meetings.title_field')} required value={v.title} errors={e} />
        <TextField name="startsAt" prefix="meeting" type="datetime-local" label={t('networks.meetings.starts')} required value={v.startsAt} errors={e} />
        <TextField name="endsAt" prefix="meeting" type="datetime-local" label={t('networks.meetings.ends')} required value={v.endsAt} errors={e} />
        <TextField name="placeName" prefix="meeting" label={t('networks.meetings.place')} value={v.placeName} errors={e} />
        <TextField name="city" prefix="meeting" label={t('networks.meetings.city')} value={v.city} errors={e} />
        <TextField name="onlineUrl" prefix="meeting" type="url" label={t('networks.meetings.online')} value={v.onlineUrl} errors={e} />
        <TextField name="capacity" prefix="meeting" inputmode="numeric" label={t('networks.meetings.capacity')} hint={t('networks.meetings.capacity_hint')} value={v.capacity} errors={e} />
        <TextArea name="agenda" prefix="meeting" label={t('networks.meetings.agenda')} hint={needsAgenda ? t('networks.meetings.agenda_required_hint') : t('networks.markdown_hint')} required={needsAgenda} value={v.agenda} rows={5} errors={e} />
        <button type="submit" class="button" safe>
          {t('networks.meetings.create')}
        </button>
      </form>
    </details>
  );
}

/** The network's meetings on its page: coming ones, then past ones, and for coordinators the form to call one. */
export function MeetingsSection({ view, networkId, meetings, coordinating, needsAgenda, form }: { view: View; networkId: string; meetings: NetworkMeetingList; coordinating: boolean; needsAgenda: boolean; form: FormState }): JSX.Element {
  const { t } = view;
  return (
    <section aria-labelledby="network-meetings" id="meetings">
      <h2 id="network-meetings" safe>
        {t('networks.meetings.title')}
      </h2>
      <h3 safe>{t('networks.meetings.upcoming')}</h3>
      {meetings.upcoming.length === 0 ? (
        <p class="muted" safe>
          {t('networks.meetings.none')}
        </p>
      ) : (
        <ul class="card-list">
          {meetings.upcoming.map((m) => (
            <Meeting view={view} m={m} coordinating={coordinating} past={false} />
          ))}
        </ul>
      )}
      {meetings.past.length > 0 ? (
        <>
          <h3 safe>{t('networks.meetings.past')}</h3>
          <ul class="card-list">
            {meetings.past.map((m) => (
              <Meeting view={view} m={m} coordinating={coordinating} past={true} />
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {coordinating ? <NewMeeting view={view} form={form} needsAgenda={needsAgenda} networkId={networkId} /> : ''}
    </section>
  );
}
