import { Layout } from '../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader } from '../../platform/html/components.js';
import type { FormState, View } from '../../platform/html/view.js';
import { formatNumber } from '../../platform/i18n/format.js';
import { memberColumnLabel, memberColumns, workplaceColumnLabel, workplaceColumns, type ColumnSpec } from './columns.js';
import type { LabelTable } from '../../platform/i18n/labels.js';
import { MAX_IMPORT_BYTES } from './csv.js';
import type { ImportResult } from './import.js';

export type ImportKind = 'members' | 'workplaces';

export const importPaths: Record<ImportKind, string> = { members: '/members/import', workplaces: '/members/import/workplaces' };

const examples: Record<ImportKind, string> = {
  members: [
    'medlemsnummer;fornavn;efternavn;e-mail;kreds;status;indmeldt;p-nummer;stilling;leder',
    '100501;Karen;Østergaard;karen.ostergaard@example.org;Nord;active;01-03-2015;1000000000;Pædagog;nej',
    ';Jonas;Åberg;jonas.aberg@example.org;Syd;applicant;;;;',
  ].join('\n'),
  workplaces: ['name,employer_kind,employer_name,p_number,address,postal_code,city,unit', 'Botilbuddet Kilden,municipality,Nordby Kommune,1000004321,Skolevej 3,9000,Nordby,Nord'].join('\n'),
};

/** What came back from a dry run or an apply that failed, and the file to apply when it may be. */
export interface ImportShown {
  result: ImportResult;
  ok: boolean;
  /** The dry-run file, gzipped and base64-encoded, for the apply form (only when there is something to apply). */
  content: string | null;
}

function Tabs({ view, kind }: { view: View; kind: ImportKind }): JSX.Element {
  const { t } = view;
  return (
    <nav class="import-tabs" aria-label={t('import.tabs_label')}>
      <a href={importPaths.members} aria-current={kind === 'members' ? 'page' : undefined} safe>
        {t('import.tab_members')}
      </a>
      <a href={importPaths.workplaces} aria-current={kind === 'workplaces' ? 'page' : undefined} safe>
        {t('import.tab_workplaces')}
      </a>
    </nav>
  );
}

function Counts({ view, result }: { view: View; result: ImportResult }): JSX.Element {
  const { t, locale } = view;
  const errors = result.errors.filter((e) => e.code !== 'import.more_errors').length;
  const cells: [string, number, string][] = [
    [t('import.created'), result.created, 'import-count'],
    [t('import.updated'), result.updated, 'import-count'],
    [t('import.unchanged'), result.unchanged, 'import-count'],
    [t('import.error_count'), errors, errors > 0 ? 'import-count import-count-errors' : 'import-count'],
  ];
  return (
    <dl class="import-counts" aria-label={t('import.counts_label')}>
      {cells.map(([label, n, cls]) => (
        <div class={cls}>
          <dt safe>{label}</dt>
          <dd safe>{formatNumber(locale, n)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ErrorTable({ view, result }: { view: View; result: ImportResult }): JSX.Element {
  const { t } = view;
  return (
    <div class="table-wrap" role="region" aria-label={t('import.errors_region')} tabindex="0">
      <table class="table import-table">
        <caption class="visually-hidden" safe>
          {t('import.errors_caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('import.col_row')}
            </th>
            <th scope="col" safe>
              {t('import.col_column')}
            </th>
            <th scope="col" safe>
              {t('import.col_message')}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.errors.map((e) => (
            <tr>
              <th scope="row" class="nowrap" safe>
                {e.row === null ? t('import.whole_file') : String(e.row)}
              </th>
              <td>{e.column === null ? '' : <code safe>{e.column}</code>}</td>
              <td safe>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Result({ view, kind, shown }: { view: View; kind: ImportKind; shown: ImportShown }): JSX.Element {
  const { t } = view;
  const { result } = shown;
  const nothingToDo = shown.ok && result.created + result.updated === 0;
  return (
    <section class="card" aria-labelledby="result-title" id="result">
      <h2 id="result-title" safe>
        {t('import.result_title')}
      </h2>
      <Counts view={view} result={result} />
      {!shown.ok ? (
        <>
          <div class="flash flash-error" role="alert">
            <p safe>{t('import.nothing_saved')}</p>
          </div>
          <h3 safe>{t('import.errors_title')}</h3>
          <ErrorTable view={view} result={result} />
        </>
      ) : nothingToDo ? (
        <div class="flash flash-info" role="status">
          <p safe>{t('import.nothing_to_do')}</p>
        </div>
      ) : (
        <>
          <div class="flash flash-success" role="status">
            <p safe>{t('import.ready')}</p>
          </div>
          {shown.content ? (
            <form method="post" action={`${importPaths[kind]}/apply`} enctype="multipart/form-data">
              <Csrf view={view} />
              <input type="hidden" name="content" value={shown.content} />
              <button type="submit" class="button button-large" safe>
                {t('import.apply_button')}
              </button>
            </form>
          ) : (
            ''
          )}
        </>
      )}
    </section>
  );
}

function UploadForm({ view, kind, form, again }: { view: View; kind: ImportKind; form: FormState; again: boolean }): JSX.Element {
  const { t } = view;
  const error = form.errors.find((e) => e.path === 'csvFile');
  return (
    <section class="card" aria-labelledby="upload-title">
      <h2 id="upload-title" safe>
        {again ? t('import.upload_again') : t('import.upload_title')}
      </h2>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="post" action={importPaths[kind]} enctype="multipart/form-data">
        <Csrf view={view} />
        <div class={error ? 'field field-invalid' : 'field'}>
          <label for="field-csvFile" safe>
            {t('fields.csvFile')}
          </label>
          <p class="hint" id="field-hint-csvFile" safe>
            {t('import.file_hint', { max: MAX_IMPORT_BYTES / 1024 / 1024 })}
          </p>
          {error ? (
            <p class="field-error" id="field-error-csvFile" safe>
              {error.message}
            </p>
          ) : (
            ''
          )}
          <input
            id="field-csvFile"
            type="file"
            name="csvFile"
            accept=".csv,text/csv"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'field-hint-csvFile field-error-csvFile' : 'field-hint-csvFile'}
          />
        </div>
        <button type="submit" class={again ? 'button button-secondary' : 'button'} safe>
          {t('import.dry_run_button')}
        </button>
      </form>
    </section>
  );
}

function Columns({ view, kind }: { view: View; kind: ImportKind }): JSX.Element {
  const { t } = view;
  const columns: readonly ColumnSpec[] = kind === 'members' ? memberColumns : workplaceColumns;
  const meaning: LabelTable<string> = kind === 'members' ? memberColumnLabel : workplaceColumnLabel;
  return (
    <section class="card" aria-labelledby="columns-title">
      <h2 id="columns-title" safe>
        {t('import.columns_title')}
      </h2>
      <p safe>{t('import.columns_text')}</p>
      <p safe>{kind === 'members' ? t('import.members_match') : t('import.workplaces_match')}</p>
      <div class="table-wrap" role="region" aria-label={t('import.columns_caption')} tabindex="0">
        <table class="table import-table">
          <caption class="visually-hidden" safe>
            {t('import.columns_caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('import.col_name')}
              </th>
              <th scope="col" safe>
                {t('import.col_meaning')}
              </th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr>
                <th scope="row">
                  <code safe>{c.key}</code>
                  {c.required ? (
                    <>
                      {' '}
                      <Badge kind="info">
                        <span safe>{t('import.col_required')}</span>
                      </Badge>
                    </>
                  ) : (
                    ''
                  )}
                </th>
                <td safe>{t(meaning[c.key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 safe>{t('import.example_title')}</h3>
      <pre class="import-example" tabindex="0" aria-label={t('import.example_title')}>
        <code safe>{examples[kind]}</code>
      </pre>
    </section>
  );
}

export function ImportPage({ view, kind, form, shown }: { view: View; kind: ImportKind; form: FormState; shown?: ImportShown }): JSX.Element {
  const { t } = view;
  const title = kind === 'members' ? t('import.title_members') : t('import.title_workplaces');
  return (
    <Layout view={view} title={title}>
      <PageHeader title={title} lead={kind === 'members' ? t('import.lead_members') : t('import.lead_workplaces')} />
      <Tabs view={view} kind={kind} />
      {shown ? <Result view={view} kind={kind} shown={shown} /> : ''}
      <UploadForm view={view} kind={kind} form={form} again={Boolean(shown)} />
      <Columns view={view} kind={kind} />
    </Layout>
  );
}
