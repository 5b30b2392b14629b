import { Layout } from '../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, PageHeader, TextArea } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { formatDate, formatDateTime } from '../../platform/i18n/format.js';
import type { Application, ApplicationDetail, ApplicationQueue } from './applications.js';
import { languageNames } from './join-pages.js';
import { myStatusLabel } from './labels.js';

function Breadcrumbs({ view, queue }: { view: View; queue?: boolean }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/admin" safe>
        {view.t('nav.admin')}
      </a>
      {queue ? (
        <>
          <span aria-hidden="true"> / </span>
          <a href="/admin/applications" safe>
            {view.t('join.queue.title')}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

/** One text per column, for its header and for the cells' labels when a table turns into cards on a phone. */
function columns(view: View) {
  const { t } = view;
  return {
    name: t('fields.name'),
    district: t('fields.districtId'),
    type: t('fields.membershipTypeId'),
    workplace: t('fields.workplaceId'),
    applied: t('join.queue.applied'),
    link: t('join.queue.link'),
    actions: t('join.queue.actions'),
  };
}

function ConfirmedTable({ view, items }: { view: View; items: Application[] }): JSX.Element {
  const { t, locale } = view;
  const col = columns(view);
  return (
    <div class="table-wrap" role="region" aria-label={t('join.queue.confirmed_title')} tabindex="0">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('join.queue.confirmed_title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>{col.name}</th>
            <th scope="col" safe>{col.district}</th>
            <th scope="col" safe>{col.type}</th>
            <th scope="col" safe>{col.workplace}</th>
            <th scope="col" safe>{col.applied}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/admin/applications/${a.membershipId}`} safe>
                  {`${a.firstName} ${a.lastName}`}
                </a>
              </th>
              <td data-label={col.district} safe>
                {a.districtName}
              </td>
              <td data-label={col.type} safe>
                {a.typeName}
              </td>
              <td data-label={col.workplace} safe>
                {a.workplaceName ?? '—'}
              </td>
              <td class="nowrap" data-label={col.applied} safe>
                {formatDate(locale, a.appliedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnconfirmedTable({ view, items }: { view: View; items: Application[] }): JSX.Element {
  const { t, locale } = view;
  const col = columns(view);
  return (
    <div class="table-wrap" role="region" aria-label={t('join.queue.unconfirmed_title')} tabindex="0">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('join.queue.unconfirmed_title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>{col.name}</th>
            <th scope="col" safe>{col.district}</th>
            <th scope="col" safe>{col.applied}</th>
            <th scope="col" safe>{col.link}</th>
            <th scope="col" safe>{col.actions}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr>
              <th scope="row">
                <a href={`/admin/applications/${a.membershipId}`} safe>
                  {`${a.firstName} ${a.lastName}`}
                </a>
              </th>
              <td data-label={col.district} safe>
                {a.districtName}
              </td>
              <td class="nowrap" data-label={col.applied} safe>
                {formatDate(locale, a.appliedAt)}
              </td>
              <td data-label={col.link}>
                {a.linkExpiresAt && a.linkExpiresAt.getTime() > Date.now() ? (
                  <span safe>{t('join.queue.link_open_until', { time: formatDateTime(locale, a.linkExpiresAt) })}</span>
                ) : (
                  <Badge kind="warning">
                    <span safe>{t('join.queue.link_expired')}</span>
                  </Badge>
                )}
              </td>
              <td data-label={col.actions}>
                <UnconfirmedActions view={view} application={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UnconfirmedActions({ view, application }: { view: View; application: Application }): JSX.Element {
  const { t } = view;
  const name = `${application.firstName} ${application.lastName}`;
  return (
    <div class="inline-actions">
      <form method="post" action={`/admin/applications/${application.membershipId}/resend`}>
        <Csrf view={view} />
        <button type="submit" class="button button-small button-secondary" aria-label={t('join.queue.resend_for', { name })} safe>
          {t('join.queue.resend')}
        </button>
      </form>
      <form method="post" action={`/admin/applications/${application.membershipId}/remove`}>
        <Csrf view={view} />
        <button type="submit" class="button button-small button-danger" aria-label={t('join.queue.remove_for', { name })} safe>
          {t('join.queue.remove')}
        </button>
      </form>
    </div>
  );
}

export function ApplicationsPage({ view, queue }: { view: View; queue: ApplicationQueue }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('join.queue.title')}>
      <Breadcrumbs view={view} />
      <PageHeader title={t('join.queue.title')} lead={t('join.queue.lead')} />
      <section aria-labelledby="confirmed-title">
        <h2 id="confirmed-title" safe>
          {t('join.queue.confirmed_heading', { count: queue.confirmed.length })}
        </h2>
        {queue.confirmed.length === 0 ? <EmptyState title={t('join.queue.empty_title')} text={t('join.queue.empty_text')} /> : <ConfirmedTable view={view} items={queue.confirmed} />}
      </section>
      <section aria-labelledby="unconfirmed-title">
        <h2 id="unconfirmed-title" safe>
          {t('join.queue.unconfirmed_heading', { count: queue.unconfirmed.length })}
        </h2>
        {queue.unconfirmed.length === 0 ? (
          ''
        ) : (
          <>
            <p class="muted" safe>
              {t('join.queue.unconfirmed_text')}
            </p>
            <UnconfirmedTable view={view} items={queue.unconfirmed} />
          </>
        )}
      </section>
    </Layout>
  );
}

export function ApplicationPage({ view, application: a, rejectForm }: { view: View; application: ApplicationDetail; rejectForm: FormState }): JSX.Element {
  const { t, locale } = view;
  const name = `${a.firstName} ${a.lastName}`;
  const open = a.status === 'applicant';
  return (
    <Layout view={view} title={name}>
      <Breadcrumbs view={view} queue />
      <PageHeader title={name} lead={t('join.queue.detail_lead', { date: formatDate(locale, a.appliedAt) })} />
      <div class="grid grid-sidebar">
        <section class="card" aria-labelledby="applicant-title">
          <h2 id="applicant-title" safe>
            {t('join.queue.applicant')}
          </h2>
          <dl class="facts">
            <dt safe>{t('fields.email')}</dt>
            <dd safe>{a.email ?? '—'}</dd>
            <dt safe>{t('fields.phone')}</dt>
            <dd safe>{a.phone ?? '—'}</dd>
            <dt safe>{t('fields.address')}</dt>
            <dd safe>{[a.addressLine, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'}</dd>
            <dt safe>{t('fields.dateOfBirth')}</dt>
            <dd safe>{a.dateOfBirth ? formatDate(locale, `${a.dateOfBirth}T12:00:00Z`) : '—'}</dd>
            <dt safe>{t('fields.preferredLocale')}</dt>
            <dd safe>{a.preferredLocale ? languageNames[a.preferredLocale] : '—'}</dd>
            <dt safe>{t('fields.districtId')}</dt>
            <dd safe>{a.districtName}</dd>
            <dt safe>{t('fields.membershipTypeId')}</dt>
            <dd safe>{a.typeName}</dd>
            <dt safe>{t('fields.workplaceId')}</dt>
            <dd safe>{a.workplaceName ?? '—'}</dd>
            <dt safe>{t('join.queue.email_confirmed')}</dt>
            <dd safe>{a.confirmedAt ? formatDateTime(locale, a.confirmedAt) : t('join.queue.not_confirmed')}</dd>
            <dt safe>{t('join.queue.status')}</dt>
            <dd safe>{t(myStatusLabel[a.status])}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="decision-title">
          <h2 id="decision-title" safe>
            {t('join.queue.decision')}
          </h2>
          {!open ? (
            <p safe>{t('join.queue.already_decided')}</p>
          ) : a.confirmedAt ? (
            <>
              <form method="post" action={`/admin/applications/${a.membershipId}/approve`}>
                <Csrf view={view} />
                <p class="muted" safe>
                  {t('join.queue.approve_help')}
                </p>
                <button type="submit" class="button" safe>
                  {t('join.queue.approve')}
                </button>
              </form>
              <ErrorSummary view={view} errors={rejectForm.errors} />
              <form method="post" action={`/admin/applications/${a.membershipId}/reject`} novalidate class="danger-zone">
                <Csrf view={view} />
                <TextArea
                  name="rejectionReason"
                  label={t('fields.rejectionReason')}
                  hint={t('join.queue.reject_hint')}
                  value={rejectForm.values.rejectionReason}
                  errors={rejectForm.errors}
                  rows={3}
                  maxlength={1000}
                  required
                />
                <button type="submit" class="button button-danger" safe>
                  {t('join.queue.reject')}
                </button>
              </form>
            </>
          ) : (
            <>
              <p safe>{t('join.queue.waiting_for_confirmation')}</p>
              <UnconfirmedActions view={view} application={a} />
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}
