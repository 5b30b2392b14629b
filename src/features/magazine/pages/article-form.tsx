import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { ArticleDetail, IssueDetail } from '../queries.js';
import { articlePath, issuePath, MagazineCrumbs } from './parts.js';

/** A new article of an issue, or one being changed. */
export function ArticleFormPage({ view, issue, article, form }: { view: View; issue: IssueDetail; article: ArticleDetail | null; form: FormState }): JSX.Element {
  const { t } = view;
  const title = article ? t('magazine.edit_article') : t('magazine.new_article');
  const action = article ? `${articlePath(issue.slug, article.slug)}/edit` : `${issuePath(issue.slug)}/new-article`;
  const sent = form.values as Record<string, unknown>;
  const v = (name: string, fallback: unknown) => (name in sent ? sent[name] : fallback);
  return (
    <Layout view={view} title={title}>
      <MagazineCrumbs view={view} issue={issue} />
      <PageHeader title={title} lead={issue.title} />
      <form method="post" action={action} class="card" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} />
        <TextField name="title" label={t('fields.title')} value={v('title', article?.title)} errors={form.errors} maxlength={200} required />
        <TextField name="authorName" label={t('fields.authorName')} value={v('authorName', article?.authorName)} errors={form.errors} maxlength={200} />
        <TextArea name="summary" label={t('fields.summary')} hint={t('magazine.summary_hint')} value={v('summary', article?.summary)} errors={form.errors} rows={3} maxlength={1000} />
        <TextArea name="content" label={t('fields.content')} hint={t('magazine.markdown_hint')} value={v('content', article?.body)} errors={form.errors} rows={18} maxlength={100000} required />
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {article ? t('magazine.save') : t('magazine.add_article')}
          </button>
          <a href={`${issuePath(issue.slug)}/edit`} class="button button-secondary" safe>
            {t('magazine.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
