import { Layout } from '../../../platform/html/layout.js';
import { Csrf, EmptyState, ErrorSummary, FileField, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { emptyForm } from '../../../platform/html/view.js';
import { issueAudiences } from '../tables.js';
import { issueAudienceLabel } from '../labels.js';
import { COVER_MAX_BYTES, PDF_MAX_BYTES } from '../files.js';
import type { IssueDetail } from '../queries.js';
import { formatSize } from '../../../platform/i18n/format.js';
import { articlePath, AudienceBadge, Cover, issuePath, MagazineCrumbs } from './parts.js';

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

function IssueFields({ view, form, values }: { view: View; form: FormState; values: Record<string, unknown> }): JSX.Element {
  const { t } = view;
  return (
    <>
      <TextField name="title" label={t('fields.title')} hint={t('magazine.title_hint')} value={values.title} errors={form.errors} maxlength={200} required />
      <div class="grid compact field-pair">
        <TextField name="number" label={t('fields.number')} type="number" inputmode="numeric" value={values.number} errors={form.errors} required />
        <TextField name="year" label={t('fields.year')} type="number" inputmode="numeric" value={values.year} errors={form.errors} required />
      </div>
      <TextField name="publishedOn" label={t('fields.publishedOn')} type="date" value={values.publishedOn} errors={form.errors} required />
      <SelectField
        name="audience"
        label={t('fields.audience')}
        hint={t('magazine.audience_hint')}
        value={values.audience ?? 'members'}
        errors={form.errors}
        options={issueAudiences.map((a) => ({ value: a, label: t(issueAudienceLabel[a]) }))}
        required
      />
      <TextArea name="description" label={t('fields.description')} hint={t('magazine.description_hint')} value={values.description} errors={form.errors} rows={4} maxlength={2000} />
    </>
  );
}

/** A new issue: its details first; cover, PDF and articles follow on its edit page. */
export function NewIssuePage({ view, form }: { view: View; form: FormState }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('magazine.new_issue')}>
      <MagazineCrumbs view={view} />
      <PageHeader title={t('magazine.new_issue')} lead={t('magazine.new_issue_lead')} />
      <form method="post" action="/magazine" class="card narrow" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} />
        <IssueFields view={view} form={form} values={form.values as Record<string, unknown>} />
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {t('magazine.create_issue')}
          </button>
          <a href="/magazine" class="button button-secondary" safe>
            {t('magazine.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

export interface EditForms {
  details?: FormState;
  cover?: FormState;
  pdf?: FormState;
  status?: FormState;
}

function ArticleList({ view, issue }: { view: View; issue: IssueDetail }): JSX.Element {
  const { t } = view;
  if (issue.articles.length === 0) return <EmptyState title={t('magazine.no_articles')} text={t('magazine.no_articles_staff')} />;
  const last = issue.articles.length - 1;
  return (
    <ol class="article-admin-list">
      {issue.articles.map((a, i) => {
        const base = articlePath(issue.slug, a.slug);
        return (
          <li>
            <a href={`${base}/edit`} class="article-admin-title" safe>
              {a.title}
            </a>
            <div class="inline-actions">
              {i > 0 ? (
                <form method="post" action={`${base}/move`}>
                  <Csrf view={view} />
                  <input type="hidden" name="direction" value="up" />
                  <button type="submit" class="button button-small button-secondary" aria-label={t('magazine.move_up_label', { title: a.title })} safe>
                    {t('magazine.move_up')}
                  </button>
                </form>
              ) : (
                ''
              )}
              {i < last ? (
                <form method="post" action={`${base}/move`}>
                  <Csrf view={view} />
                  <input type="hidden" name="direction" value="down" />
                  <button type="submit" class="button button-small button-secondary" aria-label={t('magazine.move_down_label', { title: a.title })} safe>
                    {t('magazine.move_down')}
                  </button>
                </form>
              ) : (
                ''
              )}
              <form method="post" action={`${base}/delete`}>
                <Csrf view={view} />
                <button type="submit" class="button button-small button-danger" aria-label={t('magazine.delete_article_label', { title: a.title })} safe>
                  {t('magazine.delete')}
                </button>
              </form>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** Everything staff do to one issue: details, cover, PDF, articles in order, publishing. */
export function IssueEditPage({ view, issue, forms }: { view: View; issue: IssueDetail; forms: EditForms }): JSX.Element {
  const { t, locale } = view;
  const base = issuePath(issue.slug);
  const details = forms.details ?? emptyForm();
  const cover = forms.cover ?? emptyForm();
  const pdf = forms.pdf ?? emptyForm();
  const status = forms.status ?? emptyForm();
  const detailValues = { ...issue, ...(details.values as Record<string, unknown>) } as Record<string, unknown>;
  const coverAlt = (cover.values as Record<string, unknown>).coverAlt ?? issue.coverAlt;
  return (
    <Layout view={view} title={t('magazine.edit_title', { title: issue.title })}>
      <MagazineCrumbs view={view} issue={issue} />
      <PageHeader title={issue.title} lead={t('magazine.edit_lead')}>
        <a href={base} class="button button-secondary" safe>
          {t('magazine.view_issue')}
        </a>
      </PageHeader>
      <p class="issue-badges">
        <AudienceBadge view={view} issue={issue} />
      </p>
      <div class="grid grid-2 align-start">
        <form method="post" action={`${base}/edit`} class="card" novalidate>
          <h2 safe>{t('magazine.details')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={details.errors} />
          <IssueFields view={view} form={details} values={detailValues} />
          <button type="submit" class="button" safe>
            {t('magazine.save')}
          </button>
        </form>
        <div>
          <section class="card" aria-labelledby="status-title">
            <h2 id="status-title" safe>
              {t('magazine.publishing')}
            </h2>
            <ErrorSummary view={view} errors={status.errors} prefix="status" />
            <p safe>{issue.status === 'published' ? t('magazine.is_published') : t('magazine.is_draft')}</p>
            <form method="post" action={`${base}/${issue.status === 'published' ? 'unpublish' : 'publish'}`}>
              <Csrf view={view} />
              <button type="submit" class={issue.status === 'published' ? 'button button-secondary' : 'button'} safe>
                {issue.status === 'published' ? t('magazine.unpublish') : t('magazine.publish')}
              </button>
            </form>
            {issue.status === 'draft' ? (
              <form method="post" action={`${base}/delete`} class="danger-zone">
                <Csrf view={view} />
                <button type="submit" class="button button-danger" safe>
                  {t('magazine.delete_issue')}
                </button>
              </form>
            ) : (
              ''
            )}
          </section>
          <form method="post" action={`${base}/cover`} enctype="multipart/form-data" class="card" novalidate>
            <h2 safe>{t('magazine.cover')}</h2>
            <Csrf view={view} />
            <ErrorSummary view={view} errors={cover.errors} prefix="cover" />
            {issue.coverId ? (
              <div class="issue-cover-preview">
                <Cover view={view} issue={issue} />
              </div>
            ) : (
              ''
            )}
            <FileField prefix="cover" name="cover" label={t(issue.coverId ? 'magazine.replace_cover' : 'fields.cover')} hint={t('magazine.cover_hint', { max: mb(COVER_MAX_BYTES) })} accept="image/png,image/jpeg,image/webp" errors={cover.errors} />
            <TextField prefix="cover" name="coverAlt" label={t('fields.coverAlt')} hint={t('magazine.cover_alt_hint')} value={coverAlt} errors={cover.errors} maxlength={300} required />
            <button type="submit" class="button button-secondary" safe>
              {t('magazine.save_cover')}
            </button>
          </form>
          {issue.coverId ? (
            <form method="post" action={`${base}/cover/delete`}>
              <Csrf view={view} />
              <button type="submit" class="button-link danger" safe>
                {t('magazine.remove_cover')}
              </button>
            </form>
          ) : (
            ''
          )}
          <form method="post" action={`${base}/pdf`} enctype="multipart/form-data" class="card" novalidate>
            <h2 safe>{t('fields.pdf')}</h2>
            <Csrf view={view} />
            <ErrorSummary view={view} errors={pdf.errors} prefix="pdf" />
            {issue.pdfId && issue.pdfSize !== null ? (
              <p safe>{t('magazine.current_pdf', { name: issue.pdfFileName ?? '', size: formatSize(locale, issue.pdfSize) })}</p>
            ) : (
              ''
            )}
            <FileField prefix="pdf" name="pdf" label={t(issue.pdfId ? 'magazine.replace_pdf' : 'fields.pdf')} hint={t('magazine.pdf_hint', { max: mb(PDF_MAX_BYTES) })} accept="application/pdf,.pdf" errors={pdf.errors} required />
            <button type="submit" class="button button-secondary" safe>
              {t('magazine.upload_pdf')}
            </button>
          </form>
          {issue.pdfId ? (
            <form method="post" action={`${base}/pdf/delete`}>
              <Csrf view={view} />
              <button type="submit" class="button-link danger" safe>
                {t('magazine.remove_pdf')}
              </button>
            </form>
          ) : (
            ''
          )}
        </div>
      </div>
      <section class="card" aria-labelledby="articles-title">
        <div class="page-header">
          <h2 id="articles-title" safe>
            {t('magazine.articles')}
          </h2>
          <a href={`${base}/new-article`} class="button button-secondary" safe>
            {t('magazine.new_article')}
          </a>
        </div>
        <ArticleList view={view} issue={issue} />
      </section>
    </Layout>
  );
}
