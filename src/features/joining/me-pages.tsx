import { Layout } from '../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader, SelectField, TextField } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { formatDate, formatDateTime } from '../../platform/i18n/format.js';
import { isLocale, locales } from '../../platform/i18n/i18n.js';
import { fieldNameLabel } from '../../platform/field-labels.js';
import { consentPurposes, PRIVACY_TERMS } from './consent-purposes.js';
import { YesNoField } from './fields.js';
import { consentChangedByLabel, consentHintLabel, myRoleLabel, myStatusLabel } from './labels.js';
import { languageNames } from './join-pages.js';
import type { ConsentChange } from './me.js';
import type { MyRecord, MyRole } from './my-record.js';
import type { MyNewsletters } from '../mailings/index.js';

const statusKind = { applicant: 'info', active: 'success', resigned: 'neutral', expelled: 'danger', deceased: 'neutral', rejected: 'warning' } as const;

/** A date-only value ("2024-05-01") shown as that calendar day in any time zone. */
const day = (view: View, d: string) => formatDate(view.locale, `${d}T12:00:00Z`);

function Breadcrumbs({ view }: { view: View }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/me" safe>
        {view.t('me.title')}
      </a>
    </nav>
  );
}

function roleText(view: View, r: MyRole): string {
  const place = r.workplaceName ?? r.unitName ?? view.t('me.whole_organisation');
  return view.t(myRoleLabel[r.role], { place });
}

export function MePage({ view, record, newsletters, sections = [] }: { view: View; record: MyRecord; newsletters: MyNewsletters; sections?: JSX.Element[] }): JSX.Element {
  const { t, locale } = view;
  const subscribedTopics = newsletters.declinedAll ? [] : newsletters.topics.filter((topic) => topic.subscribed).map((topic) => topic.name[locale] ?? topic.name.da ?? '');
  const { person: p, membership: m } = record;
  const address = [p.addressLine, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const consentOf = (purpose: string) => record.consents.find((c) => c.purpose === purpose);
  return (
    <Layout view={view} title={t('me.title')}>
      <PageHeader title={t('me.title')} lead={t('me.lead', { name: p.firstName })}>
        <a href="/me/events" class="button button-secondary" safe>
          {t('event_page.mine.link')}
        </a>
        <a href="/me/tokens" class="button button-secondary" safe>
          {t('me_tokens.link')}
        </a>
      </PageHeader>
      <div class="grid grid-2">
        <section class="card" aria-labelledby="me-contact">
          <h2 id="me-contact" safe>
            {t('me.contact')}
          </h2>
          <dl class="facts">
            <dt safe>{t('fields.name')}</dt>
            <dd safe>{`${p.firstName} ${p.lastName}`}</dd>
            <dt safe>{t('fields.email')}</dt>
            <dd safe>{p.email ?? '—'}</dd>
            <dt safe>{t('fields.phone')}</dt>
            <dd safe>{p.phone ?? '—'}</dd>
            <dt safe>{t('fields.address')}</dt>
            <dd safe>{address || '—'}</dd>
            <dt safe>{t('fields.dateOfBirth')}</dt>
            <dd safe>{p.dateOfBirth ? day(view, p.dateOfBirth) : '—'}</dd>
            <dt safe>{t('fields.preferredLocale')}</dt>
            <dd safe>{isLocale(p.preferredLocale) ? languageNames[p.preferredLocale] : '—'}</dd>
          </dl>
          <p>
            <a href="/me/edit" class="button button-secondary" safe>
              {t('me.edit')}
            </a>
          </p>
          <p class="muted" safe>
            {t('me.name_via_office')}
          </p>
        </section>
        <section class="card" aria-labelledby="me-membership">
          <h2 id="me-membership" safe>
            {t('me.membership')}
          </h2>
          {m ? (
            <dl class="facts">
              <dt safe>{t('me.member_number')}</dt>
              <dd class="mono" safe>
                {m.memberNumber}
              </dd>
              <dt safe>{t('join.queue.status')}</dt>
              <dd>
                <Badge kind={statusKind[m.status]}>
                  <span safe>{t(myStatusLabel[m.status])}</span>
                </Badge>{' '}
                <span class="muted" safe>
                  {t('me.since', { date: day(view, m.statusSince) })}
                </span>
              </dd>
              <dt safe>{t('fields.membershipTypeId')}</dt>
              <dd safe>{m.typeName}</dd>
              <dt safe>{t('fields.districtId')}</dt>
              <dd safe>{m.districtName}</dd>
              <dt safe>{t('me.sections')}</dt>
              <dd safe>{m.sections.length ? m.sections.map((s) => s.name).join(', ') : '—'}</dd>
              <dt safe>{t('me.joined_on')}</dt>
              <dd safe>{m.joinedOn ? day(view, m.joinedOn) : '—'}</dd>
            </dl>
          ) : (
            <p class="muted" safe>
              {t('me.no_membership')}
            </p>
          )}
        </section>
        <section class="card" aria-labelledby="me-roles">
          <h2 id="me-roles" safe>
            {t('me.roles_and_workplaces')}
          </h2>
          <h3 safe>{t('me.roles')}</h3>
          {record.roles.length ? (
            <ul class="role-list">
              {record.roles.map((r) => (
                <li safe>{roleText(view, r)}</li>
              ))}
            </ul>
          ) : (
            <p class="muted" safe>
              {t('me.no_roles')}
            </p>
          )}
          <h3 safe>{t('me.workplaces')}</h3>
          {record.employments.length ? (
            <ul class="role-list">
              {record.employments.map((e) => (
                <li>
                  <strong safe>{e.workplaceName}</strong>
                  {e.jobTitle ? <span safe>{` · ${e.jobTitle}`}</span> : ''}
                  {e.isLeader ? <span safe>{` · ${t('me.leader')}`}</span> : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted" safe>
              {t('me.no_workplaces')}
            </p>
          )}
          {record.employments.length || record.roles.some((r) => r.role === 'steward') ? (
            <p class="inline-actions">
              <a href="/workplace-meetings/request" class="button button-secondary" safe>
                {t('wm_page.request_title')}
              </a>
              {record.roles.some((r) => r.role === 'steward') ? (
                <a href="/workplace-meetings" class="button-link" safe>
                  {t('wm_page.me_list_link')}
                </a>
              ) : (
                ''
              )}
            </p>
          ) : (
            ''
          )}
        </section>
      </div>
      <div class="grid grid-2 me-lower">
        <section class="card" aria-labelledby="me-consents">
          <h2 id="me-consents" safe>
            {t('me.consents')}
          </h2>
          <ul class="role-list">
            {consentPurposes.map((c) => (
              <li>
                <span safe>{t(fieldNameLabel[c.field])}</span>
                {': '}
                {c.purpose === 'newsletter' ? (
                  <strong safe>{subscribedTopics.length ? `${t('me.yes')} (${subscribedTopics.join(', ')})` : t('me.no')}</strong>
                ) : (
                  <strong safe>{consentOf(c.purpose)?.granted ? t('me.yes') : t('me.no')}</strong>
                )}
              </li>
            ))}
          </ul>
          <p class="form-actions">
            <a href="/me/consents" class="button button-secondary" safe>
              {t('me.manage_consents')}
            </a>
            {' '}<a href="/me/newsletters" class="button button-secondary" safe>{t('mailings.me.link')}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="me-data">
          <h2 id="me-data" safe>
            {t('me.your_data')}
          </h2>
          <p safe>{t('me.your_data_text', { organisation: view.org.name })}</p>
          <p class="form-actions">
            <a href="/me/export.json" class="button" download="" safe>
              {t('me.download')}
            </a>
          </p>
          <p>
            <a href="/privacy" safe>
              {t('me.privacy_link')}
            </a>
          </p>
        </section>
        <section class="card" aria-labelledby="me-sessions">
          <h2 id="me-sessions" safe>
            {t('me.sessions')}
          </h2>
          <p safe>{t('me.sessions_text')}</p>
          {/* A plain form: it works without JavaScript, and the CSRF token keeps other sites from logging the person out. */}
          <form method="post" action="/me/log-out-everywhere" class="form-actions">
            <Csrf view={view} />
            <button type="submit" class="button button-secondary" safe>
              {t('me.log_out_everywhere')}
            </button>
          </form>
        </section>
      </div>
      {/* Each section is HTML its feature rendered with its own escaping (kitajs), with its own heading. */}
      {sections.length > 0 ? <div class="stack">{sections}</div> : ''}
    </Layout>
  );
}

export function MeEditPage({ view, record, form, pendingEmail }: { view: View; record: MyRecord; form: FormState; pendingEmail?: { newEmail: string; expiresAt: Date } }): JSX.Element {
  const { t, locale } = view;
  const v = { ...record.person, ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('me.edit_title')}>
      <Breadcrumbs view={view} />
      <PageHeader title={t('me.edit_title')} lead={t('me.edit_lead')} />
      <section class="card narrow">
        <ErrorSummary view={view} errors={form.errors} />
        <form method="post" action="/me/edit" novalidate>
          <Csrf view={view} />
          <TextField name="email" type="email" label={t('fields.email')} value={v.email} errors={form.errors} required maxlength={254} autocomplete="email" hint={t('me.email_hint')} />
          {pendingEmail ? (
            <p class="hint" role="status" safe>
              {t('me.email_pending', { email: pendingEmail.newEmail, until: formatDateTime(locale, pendingEmail.expiresAt) })}
            </p>
          ) : (
            ''
          )}
          <TextField name="phone" type="tel" label={t('fields.phone')} value={v.phone} errors={form.errors} maxlength={40} autocomplete="tel" />
          <TextField name="addressLine" label={t('fields.addressLine')} value={v.addressLine} errors={form.errors} maxlength={200} autocomplete="address-line1" />
          <div class="grid compact field-pair">
            <TextField name="postalCode" label={t('fields.postalCode')} value={v.postalCode} errors={form.errors} maxlength={10} autocomplete="postal-code" inputmode="numeric" />
            <TextField name="city" label={t('fields.city')} value={v.city} errors={form.errors} maxlength={100} autocomplete="address-level2" />
          </div>
          <SelectField
            name="preferredLocale"
            label={t('fields.preferredLocale')}
            value={v.preferredLocale ?? view.locale}
            errors={form.errors}
            required
            options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {t('form.save')}
            </button>
            <a href="/me" class="button button-secondary" safe>
              {t('form.cancel')}
            </a>
          </div>
        </form>
        <p class="muted" safe>
          {t('me.name_via_office')}
        </p>
      </section>
    </Layout>
  );
}

export function MeConsentsPage({ view, record, history, form }: { view: View; record: MyRecord; history: ConsentChange[]; form: FormState }): JSX.Element {
  const { t, locale } = view;
  const stored = (purpose: string) => record.consents.find((c) => c.purpose === purpose);
  const privacy = stored(PRIVACY_TERMS);
  const submitted = (field: string) => (form.values[field as keyof typeof form.values] === 'yes' ? true : form.values[field as keyof typeof form.values] === 'no' ? false : undefined);
  const purposeLabel = (purpose: string) => {
    const known = consentPurposes.find((c) => c.purpose === purpose);
    return known ? t(fieldNameLabel[known.field]) : purpose === PRIVACY_TERMS ? t('me.privacy_title') : purpose;
  };
  return (
    <Layout view={view} title={t('me.consents_title')}>
      <Breadcrumbs view={view} />
      <PageHeader title={t('me.consents_title')} lead={t('me.consents_lead')} />
      <div class="grid grid-sidebar">
        <section class="card">
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action="/me/consents" novalidate>
            <Csrf view={view} />
            {consentPurposes.map((c) => (
              <YesNoField
                name={c.field}
                label={t(fieldNameLabel[c.field])}
                hint={t(consentHintLabel[c.field])}
                value={submitted(c.field) ?? stored(c.purpose)?.granted ?? (c.purpose === 'newsletter' ? true : null)}
                errors={form.errors}
                yes={t('me.yes')}
                no={t('me.no')}
              />
            ))}
            <button type="submit" class="button" safe>
              {t('me.save_consents')}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="privacy-title">
          <h2 id="privacy-title" safe>
            {t('me.privacy_title')}
          </h2>
          <p safe>{privacy?.granted ? t('me.privacy_accepted', { date: formatDate(locale, privacy.changedAt) }) : t('me.privacy_not_recorded')}</p>
          <p class="muted" safe>
            {t('me.privacy_note')}
          </p>
          <p>
            <a href="/privacy" safe>
              {t('me.privacy_link')}
            </a>
          </p>
        </section>
      </div>
      <section aria-labelledby="history-title">
        <h2 id="history-title" safe>
          {t('me.history')}
        </h2>
        {history.length === 0 ? (
          <p class="muted" safe>
            {t('me.history_empty')}
          </p>
        ) : (
          <div class="table-wrap" role="region" aria-label={t('me.history')} tabindex="0">
            <table class="table">
              <caption class="visually-hidden" safe>
                {t('me.history')}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>{t('me.history_when')}</th>
                  <th scope="col" safe>{t('me.history_what')}</th>
                  <th scope="col" safe>{t('me.history_by')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr>
                    <td class="nowrap" safe>
                      {formatDateTime(locale, h.at)}
                    </td>
                    <td safe>{h.purposes.map(purposeLabel).join(', ')}</td>
                    <td safe>{t(consentChangedByLabel[h.by])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  );
}

/** A logged-in person the register holds no membership or employment for: nothing to show, and why. */
export function NoRecordPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('me.no_record_title')}>
      <div class="card narrow">
        <h1 safe>{t('me.no_record_title')}</h1>
        <p safe>{t('me.no_record_text')}</p>
        <p>
          <a href="/account" class="button button-secondary" safe>
            {t('me.to_account')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
