import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatSize } from '../../../platform/i18n/format.js';
import type { IssueDetail, IssueMay } from '../queries.js';
import { articlePath, AudienceBadge, Cover, issueDate, issuePath, LockNotice, MagazineCrumbs, magazineFeeds, pdfPath } from './parts.js';

/** One issue: cover, table of contents and the PDF; for a members-only issue and a visitor, the way in instead. */
export function IssuePage({ view, issue, may }: { view: View; issue: IssueDetail; may: IssueMay }): JSX.Element {
  const { t, locale } = view;
  const pdf = pdfPath(issue);
  return (
    <Layout view={view} title={issue.title} feeds={magazineFeeds(view)}>
      <MagazineCrumbs view={view} />
      <PageHeader title={issue.title} lead={issueDate(locale, issue.publishedOn)}>
        {may.manage ? (
          <a href={`${issuePath(issue.slug)}/edit`} class="button button-secondary" safe>
            {t('magazine.edit_issue')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <p class="issue-badges">
        <AudienceBadge view={view} issue={issue} />
      </p>
      <div class="grid grid-sidebar align-start">
        <div>
          {issue.description ? (
            <div class="card">
              {issue.description.split(/\n{2,}/).map((p) => (
                <p safe>{p}</p>
              ))}
            </div>
          ) : (
            ''
          )}
          <section class="card" aria-labelledby="contents-title">
            <h2 id="contents-title" safe>
              {t('magazine.contents')}
            </h2>
            {issue.articles.length === 0 ? (
              <EmptyState title={t('magazine.no_articles')} />
            ) : (
              <ol class="issue-contents">
                {issue.articles.map((a) => (
                  <li>
                    <h3 class="issue-contents-title">
                      {may.read ? (
                        <a href={articlePath(issue.slug, a.slug)} safe>
                          {a.title}
                        </a>
                      ) : (
                        <span safe>{a.title}</span>
                      )}
                    </h3>
                    {a.summary ? <p safe>{a.summary}</p> : ''}
                    {a.authorName ? (
                      <p class="muted" safe>
                        {t('magazine.by', { name: a.authorName })}
                      </p>
                    ) : (
                      ''
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
        <aside class="card issue-aside" aria-label={t('magazine.issue_aside')}>
          <Cover view={view} issue={issue} />
          {!may.read ? (
            <LockNotice view={view} next={issuePath(issue.slug)} />
          ) : pdf && issue.pdfSize !== null ? (
            <p>
              <a href={pdf} class="button button-large issue-pdf" download={issue.pdfFileName ?? ''}>
                <span safe>{t('magazine.download_pdf')}</span>
                <span class="issue-pdf-size" safe>
                  {`(PDF, ${formatSize(locale, issue.pdfSize)})`}
                </span>
              </a>
            </p>
          ) : (
            <p class="muted" safe>
              {t('magazine.no_pdf')}
            </p>
          )}
        </aside>
      </div>
    </Layout>
  );
}
