import { Layout } from '../../../platform/html/layout.js';
import { PageHeader } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { View } from '../../../platform/html/view.js';
import type { ArticleDetail, ArticleSummary, IssueDetail } from '../queries.js';
import { articlePath, issueDate, issuePath, MagazineCrumbs } from './parts.js';

/** One article, with the way to the one before and after it in the issue. */
export function ArticlePage({
  view,
  issue,
  article,
  previous,
  next,
  manage,
}: {
  view: View;
  issue: IssueDetail;
  article: ArticleDetail;
  previous: ArticleSummary | null;
  next: ArticleSummary | null;
  manage: boolean;
}): JSX.Element {
  const { t, locale } = view;
  const byline = [article.authorName ? t('magazine.by', { name: article.authorName }) : null, `${issue.title}, ${issueDate(locale, issue.publishedOn)}`].filter(Boolean).join(' · ');
  return (
    <Layout view={view} title={article.title}>
      <MagazineCrumbs view={view} issue={issue} />
      <article class="article">
        <PageHeader title={article.title} lead={article.summary || undefined}>
          {manage ? (
            <a href={`${articlePath(issue.slug, article.slug)}/edit`} class="button button-secondary" safe>
              {t('magazine.edit_article')}
            </a>
          ) : (
            ''
          )}
        </PageHeader>
        <p class="muted" safe>
          {byline}
        </p>
        <div class="card">
          <Markdown text={article.body} />
        </div>
      </article>
      <nav class="article-pager" aria-label={t('magazine.more_in_issue')}>
        {previous ? (
          <a href={articlePath(issue.slug, previous.slug)} rel="prev">
            <span class="muted" safe>
              {t('magazine.previous_article')}
            </span>
            <span safe>{previous.title}</span>
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a href={articlePath(issue.slug, next.slug)} rel="next" class="article-pager-next">
            <span class="muted" safe>
              {t('magazine.next_article')}
            </span>
            <span safe>{next.title}</span>
          </a>
        ) : (
          <a href={issuePath(issue.slug)} class="article-pager-next">
            <span class="muted" safe>
              {t('magazine.back_to_issue')}
            </span>
            <span safe>{issue.title}</span>
          </a>
        )}
      </nav>
    </Layout>
  );
}
