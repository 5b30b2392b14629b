import { Csrf, ErrorSummary, FileField } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatSize } from '../../../platform/i18n/format.js';
import type { ApplicationDetail, AttachmentView } from '../queries.js';
import { ButtonForm, formOf, type ActiveForm } from './application-parts.js';

/** What a file input offers (the server decides from the bytes; this only helps the picker). */
const ACCEPT = {
  application: '.pdf,.doc,.docx,.odt,.xls,.xlsx,.ods,.png,.jpg,.jpeg,.webp',
  report: '.png,.jpg,.jpeg,.webp,.pdf',
} as const;

/** May this file still be removed: the draft's own files, or the report's photos before the report is filed. */
function removable(a: ApplicationDetail, f: AttachmentView): boolean {
  if (!a.abilities.attach) return false;
  return f.kind === 'application' ? a.status === 'draft' : a.status === 'paid_out' || a.status === 'report_due';
}

/**
 * The application's files (a programme, a quote) and the report's photos, each to download with the
 * session; while files may be added, the upload form (multipart, one file at a time). Which kind is
 * added follows from the state: a draft takes the application's files, a paid-out one the report's.
 */
export function ApplicationAttachments({ view, a, active }: { view: View; a: ApplicationDetail; active: ActiveForm }): JSX.Element {
  const { t, locale } = view;
  const form = formOf(active, 'attachment');
  const kind = a.status === 'draft' ? 'application' : 'report';
  if (a.attachments.length === 0 && !a.abilities.attach) return '';
  return (
    <section class="card" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading" safe>
        {t('grant_page.application.attachments_heading')}
      </h2>
      {a.attachments.length === 0 ? (
        <p class="muted" safe>
          {t('grant_page.application.no_attachments')}
        </p>
      ) : (
        <ul class="material-list">
          {a.attachments.map((f) => (
            <li>
              <span class="material-file">
                <a href={`/grants/attachments/${f.id}`} safe>
                  {f.fileName}
                </a>{' '}
                <span class="muted" safe>
                  {`(${f.kind === 'report' ? t('grant_page.application.attachment_report') : t('grant_page.application.attachment_application')}, ${formatSize(locale, f.size)})`}
                </span>
              </span>
              {removable(a, f) ? <ButtonForm view={view} action={`/grants/attachments/${f.id}/delete`} label={t('grant_page.application.remove_attachment')} secondary /> : ''}
            </li>
          ))}
        </ul>
      )}
      {a.abilities.attach ? (
        <form method="post" action={`/grants/applications/${a.id}/attachments`} enctype="multipart/form-data" class="form" novalidate>
          <Csrf view={view} />
          <input type="hidden" name="kind" value={kind} />
          <ErrorSummary view={view} errors={form.errors} />
          <FileField
            name="file"
            label={kind === 'report' ? t('grant_page.application.upload_photo') : t('grant_page.application.upload_file')}
            hint={kind === 'report' ? t('grant_page.application.upload_photo_hint') : t('grant_page.application.upload_file_hint')}
            accept={ACCEPT[kind]}
            errors={form.errors}
            required
          />
          <button type="submit" class="button button-secondary" safe>
            {t('grant_page.application.upload')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
