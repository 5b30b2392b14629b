import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { EventDetail, RegistrationRow } from '../schema.js';
import { EventCounts } from './staff-manage.js';
import { formatMoment, staffPath, StaffHeader, type StaffRights } from './staff-parts.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';

function CancelButton({ view, e, r }: { view: View; e: EventDetail; r: RegistrationRow }): JSX.Element {
  return (
    <form method="post" action={staffPath(e.slug, `participants/${r.id}/cancel`)}>
      <Csrf view={view} />
      <button type="submit" class="button button-small button-secondary" aria-label={view.t('event_staff.cancel_registration_named', { name: r.name })} safe>
        {view.t('event_staff.cancel_registration')}
      </button>
    </form>
  );
}

type ListKind = 'confirmed' | 'waitlisted' | 'pending';

const listCaption = {
  confirmed: 'event_staff.list.confirmed_caption',
  waitlisted: 'event_staff.list.waitlisted_caption',
  pending: 'event_staff.list.pending_caption',
} as const satisfies LabelTable<ListKind>;

function RegistrationTable({ view, e, rows, kind, manage }: { view: View; e: EventDetail; rows: RegistrationRow[]; kind: ListKind; manage: boolean }): JSX.Element {
  const { t, locale } = view;
  const caption = t(listCaption[kind]);
  // One text per column, for its header and for the cells' labels when the table turns into cards on a phone.
  const col = {
    number: kind === 'waitlisted' ? t('event_staff.list.position') : t('event_staff.list.number'),
    email: t('fields.email'),
    guests: t('fields.guests'),
    registered: t('event_staff.list.registered'),
    checkedIn: t('event_staff.list.checked_in'),
    actions: t('form.actions'),
  };
  return (
    <div class="table-wrap" role="region" aria-label={caption} tabindex="0">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="numeric" safe>
              {col.number}
            </th>
            <th scope="col" safe>{t('fields.name')}</th>
            <th scope="col" safe>{col.email}</th>
            <th scope="col" class="numeric" safe>{col.guests}</th>
            <th scope="col" safe>{col.registered}</th>
            {kind === 'confirmed' ? <th scope="col" safe>{col.checkedIn}</th> : ''}
            {manage && kind !== 'pending' ? <th scope="col" safe>{col.actions}</th> : ''}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr>
              <td class="numeric" data-label={col.number} safe>
                {formatNumber(locale, kind === 'waitlisted' ? (r.waitlistPosition ?? i + 1) : i + 1)}
              </td>
              <th scope="row">
                <span safe>{r.name}</span>
                {r.personId === null ? (
                  <span class="muted cell-note" safe>
                    {t('event_staff.list.public_registrant')}
                  </span>
                ) : (
                  ''
                )}
                {r.promotedAt ? (
                  <span class="muted cell-note" safe>
                    {t('event_staff.list.promoted', { when: formatMoment(locale, r.promotedAt, e.timeZone) })}
                  </span>
                ) : (
                  ''
                )}
              </th>
              <td class="member-email" data-label={col.email}>
                {r.email ? (
                  <a href={`mailto:${r.email}`} safe>
                    {r.email}
                  </a>
                ) : (
                  ''
                )}
              </td>
              <td class="numeric" data-label={col.guests} safe>
                {formatNumber(locale, r.guests)}
              </td>
              <td class="nowrap" data-label={col.registered} safe>
                {formatMoment(locale, r.createdAt, e.timeZone)}
              </td>
              {kind === 'confirmed' ? (
                <td class="nowrap" data-label={col.checkedIn} safe>
                  {r.checkedInAt ? formatMoment(locale, r.checkedInAt, e.timeZone) : t('event_staff.no')}
                </td>
              ) : (
                ''
              )}
              {manage && kind !== 'pending' ? (
                <td data-label={col.actions}>
                  <CancelButton view={view} e={e} r={r} />
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

export function ParticipantsPage({ view, e, rights, items, form }: { view: View; e: EventDetail; rights: StaffRights; items: RegistrationRow[]; form: FormState }): JSX.Element {
  const { t } = view;
  const by = (s: RegistrationRow['status']) => items.filter((r) => r.status === s);
  const confirmed = by('confirmed');
  const waiting = by('waitlisted');
  const pending = by('pending');
  const cancelled = by('cancelled');
  const manage = rights.manageParticipants && e.status !== 'cancelled';
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={t('event_staff.participants_title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="participants" />
      <EventCounts view={view} e={e} />
      <ul class="inline-actions link-list">
        <li>
          <a href={staffPath(e.slug, 'participants.csv')} class="button button-secondary" download="" safe>
            {t('event_staff.csv_download')}
          </a>
        </li>
        {rights.message && e.status !== 'draft' ? (
          <li>
            <a href={staffPath(e.slug, 'message')} class="button button-secondary" safe>
              {t('event_staff.message_link')}
            </a>
          </li>
        ) : (
          ''
        )}
      </ul>
      {manage && e.status === 'published' ? (
        <section class="card narrow" aria-labelledby="add-title">
          <h2 id="add-title" safe>
            {t('event_staff.add_member_title')}
          </h2>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action={staffPath(e.slug, 'participants')} novalidate>
            <Csrf view={view} />
            <TextField name="member" label={t('event_staff.member_search')} hint={t('event_staff.member_search_hint')} value={v.member} errors={form.errors} required autocomplete="off" maxlength={254} />
            {e.maxGuests > 0 ? <TextField name="guests" label={t('fields.guests')} hint={t('event_staff.guests_hint', { max: e.maxGuests })} value={v.guests ?? '0'} errors={form.errors} inputmode="numeric" maxlength={2} /> : ''}
            <div class="form-actions">
              <button type="submit" class="button" safe>
                {t('event_staff.add_member')}
              </button>
            </div>
          </form>
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="confirmed-title">
        <h2 id="confirmed-title" safe>
          {t('event_staff.list.confirmed_title', { count: confirmed.length })}
        </h2>
        {confirmed.length ? <RegistrationTable view={view} e={e} rows={confirmed} kind="confirmed" manage={manage} /> : <EmptyState title={t('event_staff.list.none_confirmed')} />}
      </section>
      <section aria-labelledby="waiting-title" class="me-lower">
        <h2 id="waiting-title" safe>
          {t('event_staff.list.waiting_title', { count: waiting.length })}
        </h2>
        {waiting.length ? <RegistrationTable view={view} e={e} rows={waiting} kind="waitlisted" manage={manage} /> : <p class="muted" safe>{e.waitlist ? t('event_staff.list.none_waiting') : t('event_staff.list.no_waitlist')}</p>}
      </section>
      {pending.length ? (
        <section aria-labelledby="pending-title" class="me-lower">
          <h2 id="pending-title" safe>
            {t('event_staff.list.pending_title', { count: pending.length })}
          </h2>
          <p class="hint" safe>
            {t('event_staff.list.pending_hint')}
          </p>
          <RegistrationTable view={view} e={e} rows={pending} kind="pending" manage={false} />
        </section>
      ) : (
        ''
      )}
      {cancelled.length ? (
        <details class="history">
          <summary safe>{t('event_staff.list.cancelled_title', { count: cancelled.length })}</summary>
          <ul class="plain-list">
            {cancelled.map((r) => (
              <li>
                <span safe>{r.name}</span>{' '}
                {r.cancelledAt ? (
                  <span class="muted" safe>
                    {formatMoment(view.locale, r.cancelledAt, e.timeZone)}
                  </span>
                ) : (
                  ''
                )}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        ''
      )}
    </Layout>
  );
}

/** A message to everyone with a confirmed place: subject and Markdown text; how many it goes to. */
export function MessagePage({ view, e, rights, form }: { view: View; e: EventDetail; rights: StaffRights; form: FormState }): JSX.Element {
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <Layout view={view} title={t('event_staff.message_title', { title: e.title })}>
      <StaffHeader view={view} event={e} rights={rights} current="participants" />
      <section class="card narrow" aria-labelledby="message-title">
        <h2 id="message-title" safe>
          {t('event_staff.message_link')}
        </h2>
        <p safe>{t('event_staff.message_lead', { count: e.confirmedCount, n: formatNumber(locale, e.confirmedCount) })}</p>
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action={staffPath(e.slug, 'message')} novalidate>
          <Csrf view={view} />
          <TextField name="subject" label={t('fields.subject')} value={v.subject} errors={form.errors} required maxlength={200} />
          <TextArea name="body" label={t('fields.body')} hint={t('event_staff.message_hint')} value={v.body} errors={form.errors} rows={10} required maxlength={20000} />
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('event_staff.message_send')}
            </button>
            <a href={staffPath(e.slug, 'participants')} class="button button-secondary" safe>
              {t('form.cancel')}
            </a>
          </div>
        </form>
      </section>
    </Layout>
  );
}
