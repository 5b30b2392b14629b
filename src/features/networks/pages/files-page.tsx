import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, FileField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate, formatSize } from '../../../platform/i18n/format.js';
import type { NetworkAccess } from '../access.js';
import { NETWORK_FILE_EXTENSIONS, NETWORK_FILE_MAX_BYTES, type NetworkFile } from '../files.js';
import { Crumbs } from './parts.js';

const accept = NETWORK_FILE_EXTENSIONS.map((e) => `.${e}`).join(',');

function FileCard({ view, file, replaceForm }: { view: View; file: NetworkFile; replaceForm: FormState | null }): JSX.Element {
  const { t, locale } = view;
  const newest = file.versions[0];
  const prefix = `replace-${file.id}`;
  return (
    <li class="card" id={`file-${file.id}`}>
      <h2 safe>{file.title}</h2>
      {file.description ? <p safe>{file.description}</p> : ''}
      {newest ? (
        <p class="hint" safe>
          {t('networks.files.uploaded', { name: newest.uploadedBy ?? t('networks.mail.unknown_author'), date: formatDate(locale, newest.uploadedAt), version: file.version })}
        </p>
      ) : (
        ''
      )}
      <ul class="plain-list">
        {file.versions.map((v) => (
          <li>
            <a href={`/networks/files/${file.id}/download?version=${v.version}`} download="" safe>
              {t('networks.files.download', { name: v.fileName, version: v.version })}
            </a>{' '}
            <span class="cell-note" safe>
              {`${formatSize(locale, v.size)} · ${formatDate(locale, v.uploadedAt)}${v.uploadedBy ? ` · ${v.uploadedBy}` : ''}`}
            </span>
          </li>
        ))}
      </ul>
      {file.mayChange ? (
        <>
          <details open={replaceForm !== null && replaceForm.errors.length > 0}>
            <summary safe>{t('networks.files.replace')}</summary>
            <ErrorSummary view={view} errors={replaceForm?.errors ?? []} prefix={prefix} />
            <form method="post" action={`/networks/files/${file.id}/versions`} enctype="multipart/form-data">
              <Csrf view={view} />
              <FileField name="file" prefix={prefix} label={t('networks.files.file')} hint={t('networks.files.file_hint', { max: NETWORK_FILE_MAX_BYTES / 1024 / 1024 })} accept={accept} required errors={replaceForm?.errors ?? []} />
              <button type="submit" class="button button-secondary" safe>
                {t('networks.files.replace_submit')}
              </button>
            </form>
          </details>
          <form method="post" action={`/networks/files/${file.id}/delete`}>
            <Csrf view={view} />
            <button type="submit" class="button-link danger" safe>
              {t('networks.files.delete', { title: file.title })}
            </button>
          </form>
        </>
      ) : (
        ''
      )}
    </li>
  );
}

/**
 * The network's file library: each file with who uploaded it and when, every version to download,
 * and for its uploader and the coordinators a new version or deletion; participants upload.
 */
export function FilesPage({
  view,
  network,
  files,
  mayUpload,
  form,
  replacing,
}: {
  view: View;
  network: NetworkAccess;
  files: NetworkFile[];
  mayUpload: boolean;
  form: FormState;
  /** The file whose replace form failed, with its errors. */
  replacing?: { fileId: string; form: FormState };
}): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const title = t('networks.files.title', { network: network.name });
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} network={network} />
      <h1 safe>{title}</h1>
      {files.length === 0 ? (
        <EmptyState title={t('networks.files.empty')} />
      ) : (
        <ul class="card-list">
          {files.map((f) => (
            <FileCard view={view} file={f} replaceForm={replacing?.fileId === f.id ? replacing.form : null} />
          ))}
        </ul>
      )}
      {mayUpload ? (
        <section class="card" aria-labelledby="upload">
          <h2 id="upload" safe>
            {t('networks.files.upload')}
          </h2>
          <ErrorSummary view={view} errors={form.errors} />
          <form method="post" action={`/networks/${network.id}/files`} enctype="multipart/form-data" novalidate>
            <Csrf view={view} />
            <FileField name="file" label={t('networks.files.file')} hint={t('networks.files.file_hint', { max: NETWORK_FILE_MAX_BYTES / 1024 / 1024 })} accept={accept} required errors={form.errors} />
            <TextField name="title" label={t('networks.files.title_field')} hint={t('networks.files.title_hint')} value={v.title} errors={form.errors} />
            <TextArea name="description" label={t('networks.files.description')} value={v.description} rows={3} errors={form.errors} />
            <button type="submit" class="button" safe>
              {t('networks.files.upload_submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
