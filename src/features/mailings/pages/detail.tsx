import { Layout } from '../../../platform/html/layout.js';
import { Csrf, PageHeader, Pagination } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { locales, type Locale } from '../../../platform/i18n/i18n.js';
import type { MailingFailurePage } from '../progress.js';
import type { MailingOutput } from '../schema.js';
import { KindText, Progress, StatusBadge } from './parts.js';
import { languageNameLabel } from '../labels.js';

export interface RecipientPreview {
  count: number;
  /** The first twenty by name; null when the reader may see the number but not the people (board). */
  rows: { personId: string; firstName: string; lastName: string; memberNumber: string | null; email: string | null }[] | null;
}

export interface DetailMay {
  edit: boolean;
  send: boolean;
}

function versionsOf(m: MailingOutput): Locale[] {
  return locales.filter((l) => l === m.locale || m.contents[l]);
}

function Facts({ view, m }: { view: View; m: MailingOutput }): JSX.Element {
  const { t, locale } = view;
  return (
    <dl class="facts">
      <dt safe>{t('fields.unitId')}</dt>
      <dd safe>{m.unitName}</dd>
      <dt safe>{t('fields.segmentId')}</dt>
      <dd safe>{m.segmentName ?? '–'}</dd>
      <dt safe>{t('fields.kind')}</dt>
      <dd>
        <KindText view={view} mailing={m} />
      </dd>
      {m.kind === 'newsletter' ? (
        <>
          <dt safe>{t('fields.topicId')}</dt>
          <dd safe>{m.topicName ?? '–'}</dd>
        </>
      ) : (
        <>
          <dt safe>{t('fields.serviceReason')}</dt>
          <dd safe>{m.serviceReason ?? '–'}</dd>
        </>
      )}
      {m.eventId ? (
        <>
          <dt safe>{t('fields.eventId')}</dt>
          <dd safe>{m.eventTitle ?? '–'}</dd>
        </>
      ) : (
        ''
      )}
      <dt safe>{t('mailings.languages')}</dt>
      <dd safe>{versionsOf(m).map((l) => t(languageNameLabel[l])).join(', ')}</dd>
      <dt safe>{t('mailings.columns.status')}</dt>
      <dd>
        <StatusBadge view={view} status={m.status} />
      </dd>
      <dt safe>{t('mailings.created')}</dt>
      <dd safe>{formatDateTime(locale, m.createdAt)}</dd>
      {m.scheduledAt ? (
        <>
          <dt safe>{t('mailings.scheduled')}</dt>
          <dd safe>{formatDateTime(locale, m.scheduledAt)}</dd>
        </>
      ) : (
        ''
      )}
      {m.finishedAt ? (
        <>
          <dt safe>{t('mailings.finished')}</dt>
          <dd safe>{formatDateTime(locale, m.finishedAt)}</dd>
        </>
      ) : (
        ''
      )}
    </dl>
  );
}

function Recipients({ view, preview }: { view: View; preview: RecipientPreview }): JSX.Element {
  const { t, locale } = view;
  return (
    <section class="card" aria-labelledby="mailing-recipients">
      <h2 id="mailing-recipients" safe>
        {t('mailings.recipients')}
      </h2>
      <p>
        <strong safe>{t('mailings.recipient_count', { count: formatNumber(locale, preview.count) })}</strong>
      </p>
      {preview.rows && preview.rows.length > 0 ? (
        <div class="table-wrap" role="region" aria-labelledby="mailing-preview-caption" tabindex="0">
          <table class="table">
            <caption id="mailing-preview-caption" safe>
              {t('mailings.preview_caption', { shown: formatNumber(locale, preview.rows.length), count: formatNumber(locale, preview.count) })}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('fields.name')}</th>
                <th scope="col" safe>{t('fields.memberNumber')}</th>
                <th scope="col" safe>{t('fields.email')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr>
                  <th scope="row" safe>{`${r.firstName} ${r.lastName}`}</th>
                  <td class="nowrap" safe>{r.memberNumber ?? ''}</td>
                  <td class="member-email" safe>{r.email ?? t('mailings.no_email')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        ''
      )}
    </section>
  );
}

function Previews({ view, m }: { view: View; m: MailingOutput }): JSX.Element {
  const { t } = view;
  return (
    <section class="card" aria-labelledby="mailing-previews">
      <h2 id="mailing-previews" safe>
        {t('mailings.preview')}
      </h2>
      <p class="hint" safe>
        {t('mailings.preview_hint')}
      </p>
      {versionsOf(m).map((l) => {
        const language = t(languageNameLabel[l]);
        return (
          <div>
            <h3 safe>{language}</h3>
            <iframe src={`/mailings/${m.id}/preview/${l}`} title={t('mailings.preview_title', { language })} width="100%" height="640" sandbox=""></iframe>
            <p>
              <a href={`/mailings/${m.id}/preview/${l}`} safe>
                {t('mailings.preview_open', { language })}
              </a>
            </p>
          </div>
        );
      })}
    </section>
  );
}

function SendActions({ view, m }: { view: View; m: MailingOutput }): JSX.Element {
  const { t } = view;
  return (
    <section class="card" aria-labelledby="mailing-send">
      <h2 id="mailing-send" safe>
        {t('mailings.send.title')}
      </h2>
      <form method="post" action={`/mailings/${m.id}/test`}>
        <Csrf view={view} />
        <button type="submit" class="button button-secondary" safe>
          {t('mailings.send.test')}
        </button>
      </form>
      <form method="get" action={`/mailings/${m.id}/send`}>
        <input type="hidden" name="when" value="now" />
        <button type="submit" class="button" safe>
          {t('mailings.send.now')}
        </button>
      </form>
      <form method="get" action={`/mailings/${m.id}/send`}>
        <input type="hidden" name="when" value="later" />
        <div class="field">
          <label for="field-at" safe>
            {t('mailings.send.at_label')}
          </label>
          <p class="hint" id="field-hint-at" safe>
            {t('mailings.send.at_hint')}
          </p>
          <input id="field-at" type="datetime-local" name="at" required aria-describedby="field-hint-at" />
        </div>
        <button type="submit" class="button button-secondary" safe>
          {t('mailings.send.later')}
        </button>
      </form>
    </section>
  );
}

/** Calling off a scheduled mailing before its time comes. */
function CancelScheduled({ view, m }: { view: View; m: MailingOutput }): JSX.Element {
  return (
    <form method="post" action={`/mailings/${m.id}/cancel`} class="inline-actions">
      <Csrf view={view} />
      <button type="submit" class="button button-danger" safe>
        {view.t('mailings.control.cancel')}
      </button>
    </form>
  );
}

function Failures({ view, m, failures }: { view: View; m: MailingOutput; failures: MailingFailurePage }): JSX.Element {
  const { t, locale } = view;
  if (failures.total === 0) return '';
  return (
    <section class="card" aria-labelledby="mailing-failures">
      <h2 id="mailing-failures" safe>
        {t('mailings.failures.title', { count: formatNumber(locale, failures.total) })}
      </h2>
      <div class="table-wrap" role="region" aria-labelledby="mailing-failures" tabindex="0">
        <table class="table">
          <thead>
            <tr>
              <th scope="col" safe>{t('fields.email')}</th>
              <th scope="col" safe>{t('mailings.failures.reason')}</th>
              <th scope="col" safe>{t('mailings.failures.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {failures.failures.map((f) => (
              <tr>
                <td class="member-email" safe>{f.email}</td>
                <td safe>{f.reason === 'invalid_address' ? t('mailings.failures.invalid_address') : (f.reason ?? '–')}</td>
                <td class="numeric" safe>{formatNumber(locale, f.attempts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination view={view} page={failures.page} pageCount={Math.ceil(failures.total / failures.pageSize)} hrefFor={(p) => `/mailings/${m.id}?failures=${p}#mailing-failures`} />
    </section>
  );
}

/**
 * One mailing: its settings, who it reaches, the rendered mail per language, and — by its status —
 * test and send (with a confirmation step), the live progress with pause and resume, and the
 * recipients it could not reach.
 */
export function MailingPage({ view, m, may, preview, failures }: { view: View; m: MailingOutput; may: DetailMay; preview: RecipientPreview | null; failures: MailingFailurePage | null }): JSX.Element {
  const { t } = view;
  const frozen = m.recipients !== null;
  return (
    <Layout view={view} title={m.subject || t('mailings.no_subject')}>
      <p class="breadcrumbs">
        <a href="/mailings" safe>
          {t('mailings.title')}
        </a>
      </p>
      <PageHeader title={m.subject || t('mailings.no_subject')}>
        {may.edit && m.status === 'draft' ? (
          <a href={`/mailings/${m.id}/edit`} class="button button-secondary" safe>
            {t('mailings.edit')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <div class="grid grid-sidebar">
        <div>
          <section class="card" aria-labelledby="mailing-facts">
            <h2 id="mailing-facts" class="visually-hidden" safe>
              {t('mailings.details')}
            </h2>
            <Facts view={view} m={m} />
          </section>
          {frozen ? (
            <section class="card" aria-labelledby="mailing-progress-title">
              <h2 id="mailing-progress-title" safe>
                {t('mailings.progress')}
              </h2>
              <Progress view={view} mayControl={may.send} p={{ id: m.id, status: m.status, recipients: m.recipients, pending: m.pending, sending: m.sending, sent: m.sent, failed: m.failed }} />
            </section>
          ) : (
            ''
          )}
          {failures ? <Failures view={view} m={m} failures={failures} /> : ''}
          {preview ? <Recipients view={view} preview={preview} /> : ''}
          <Previews view={view} m={m} />
        </div>
        <div>
          {may.send && m.status === 'draft' ? <SendActions view={view} m={m} /> : ''}
          {may.send && m.status === 'scheduled' ? (
            <section class="card" aria-labelledby="mailing-scheduled">
              <h2 id="mailing-scheduled" safe>
                {t('mailings.scheduled')}
              </h2>
              <p safe>{t('mailings.scheduled_text', { when: formatDateTime(view.locale, m.scheduledAt!) })}</p>
              <CancelScheduled view={view} m={m} />
            </section>
          ) : (
            ''
          )}
          {may.edit && m.status === 'draft' ? (
            <section class="card" aria-labelledby="mailing-delete">
              <h2 id="mailing-delete" safe>
                {t('mailings.delete.title')}
              </h2>
              <form method="post" action={`/mailings/${m.id}/delete`} class="danger-zone">
                <Csrf view={view} />
                <p safe>{t('mailings.delete.text')}</p>
                <button type="submit" class="button button-danger" safe>
                  {t('mailings.delete.button')}
                </button>
              </form>
            </section>
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}

/**
 * The confirmation step: how many people get it and when. Nothing is sent until this form is posted;
 * the recipients counted here are counted again when they are frozen.
 */
export function ConfirmSendPage({ view, m, count, at }: { view: View; m: MailingOutput; count: number; at: { iso: string; local: string } | null }): JSX.Element {
  const { t, locale } = view;
  const title = at ? t('mailings.confirm.title_later') : t('mailings.confirm.title_now');
  const n = formatNumber(locale, count);
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumbs">
        <a href={`/mailings/${m.id}`} safe>
          {m.subject}
        </a>
      </p>
      <div class="card narrow">
        <h1 safe>{title}</h1>
        <p safe>{at ? t('mailings.confirm.text_later', { subject: m.subject, count: n, when: formatDateTime(locale, at.iso) }) : t('mailings.confirm.text_now', { subject: m.subject, count: n })}</p>
        {m.kind === 'service' ? <p class="hint" safe>{t('mailings.confirm.service_note')}</p> : <p class="hint" safe>{t('mailings.confirm.newsletter_note')}</p>}
        <form method="post" action={`/mailings/${m.id}/send`}>
          <Csrf view={view} />
          {at ? <input type="hidden" name="at" value={at.local} /> : ''}
          <div class="form-actions">
            <button type="submit" class="button" safe>
              {at ? t('mailings.confirm.button_later', { count: n }) : t('mailings.confirm.button_now', { count: n })}
            </button>
            <a href={`/mailings/${m.id}`} class="button button-secondary" safe>
              {t('mailings.form.cancel')}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}
