import { Badge, Csrf } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { MailingSummary } from '../schema.js';
import type { MailingStatus } from '../tables.js';
import { mailingControlLabel, mailingKindLabel, mailingStatusLabel } from '../labels.js';

const statusKind: Record<MailingStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  draft: 'neutral',
  scheduled: 'info',
  sending: 'info',
  paused: 'warning',
  sent: 'success',
  cancelled: 'danger',
};

export function StatusBadge({ view, status }: { view: View; status: MailingStatus }): JSX.Element {
  return (
    <Badge kind={statusKind[status]}>
      <span safe>{view.t(mailingStatusLabel[status])}</span>
    </Badge>
  );
}

/** "Nyhedsbrev", "Servicemail", and "Invitation" when it carries an event. */
export function KindText({ view, mailing }: { view: View; mailing: Pick<MailingSummary, 'kind' | 'eventId'> }): JSX.Element {
  const kind = view.t(mailingKindLabel[mailing.kind]);
  return <span safe>{mailing.eventId ? `${kind} · ${view.t('mailings.kind.invitation')}` : kind}</span>;
}

/** "1.234 / 5.000 sendt" once the recipients are frozen; a dash before. */
export function progressText(view: View, m: Pick<MailingSummary, 'recipients' | 'sent'>): string {
  if (m.recipients === null) return '–';
  return view.t('mailings.progress_text', { sent: formatNumber(view.locale, m.sent), total: formatNumber(view.locale, m.recipients) });
}

export interface ProgressState {
  id: string;
  status: MailingStatus;
  recipients: number | null;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
}

/**
 * The live progress of a mailing: status, counts and a bar. While it is sending, htmx fetches this
 * block again every two seconds (the region is polite, so a screen reader hears the new numbers);
 * without JavaScript the link reloads the page.
 */
/** Pause while sending, resume while paused: part of the polled block, so the button follows the status. */
function Control({ view, p }: { view: View; p: ProgressState }): JSX.Element {
  const action = p.status === 'sending' ? 'pause' : p.status === 'paused' ? 'resume' : null;
  if (!action) return '';
  return (
    <form method="post" action={`/mailings/${p.id}/${action}`} class="inline-actions">
      <Csrf view={view} />
      <button type="submit" class={action === 'resume' ? 'button' : 'button button-secondary'} safe>
        {view.t(mailingControlLabel[action])}
      </button>
    </form>
  );
}

export function Progress({ view, p, mayControl }: { view: View; p: ProgressState; mayControl: boolean }): JSX.Element {
  const { t, locale } = view;
  const total = p.recipients ?? 0;
  const done = p.sent + p.failed;
  const live = p.status === 'sending';
  return (
    <div
      id="mailing-progress"
      aria-live="polite"
      hx-get={live ? `/mailings/${p.id}/progress` : undefined}
      hx-trigger={live ? 'every 2s' : undefined}
      hx-swap={live ? 'outerHTML' : undefined}
    >
      <p>
        <StatusBadge view={view} status={p.status} />{' '}
        <strong safe>{t('mailings.progress_text', { sent: formatNumber(locale, p.sent), total: formatNumber(locale, total) })}</strong>
      </p>
      <p>
        <label for="mailing-progress-bar" class="visually-hidden" safe>
          {t('mailings.progress_label')}
        </label>
        <progress id="mailing-progress-bar" max={String(Math.max(total, 1))} value={String(done)} safe>
          {`${formatNumber(locale, done)} / ${formatNumber(locale, total)}`}
        </progress>
      </p>
      <dl class="facts">
        <dt safe>{t('mailings.count.pending')}</dt>
        <dd safe>{formatNumber(locale, p.pending + p.sending)}</dd>
        <dt safe>{t('mailings.count.sent')}</dt>
        <dd safe>{formatNumber(locale, p.sent)}</dd>
        <dt safe>{t('mailings.count.failed')}</dt>
        <dd safe>{formatNumber(locale, p.failed)}</dd>
      </dl>
      {mayControl ? <Control view={view} p={p} /> : ''}
      {live ? (
        <p>
          <a href={`/mailings/${p.id}`} safe>
            {t('mailings.reload')}
          </a>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
