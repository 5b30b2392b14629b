import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader, Pagination } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { can } from '../policy.js';
import { ISSUES_PER_PAGE, type IssueCard } from '../queries.js';
import { AudienceBadge, Cover, issueDate, issuePath, magazineFeeds } from './parts.js';

function IssueTile({ view, issue }: { view: View; issue: IssueCard }): JSX.Element {
  const { t, locale } = view;
  const readable = can(view.actor, 'magazine.read', issue);
  return (
    <li class="issue-card">
      <a href={issuePath(issue.slug)} class="issue-card-link">
        <Cover view={view} issue={issue} decorative />
        <span class="issue-card-title" safe>
          {issue.title}
        </span>
      </a>
      <p class="issue-card-date muted" safe>
        {issueDate(locale, issue.publishedOn)}
      </p>
      <p class="issue-card-badges">
        <AudienceBadge view={view} issue={issue} />
      </p>
      {!readable && view.actor.kind === 'anonymous' ? (
        <p class="issue-card-login">
          <a href={`/login?next=${encodeURIComponent(issuePath(issue.slug))}`} safe>
            {t('magazine.log_in_to_read')}
          </a>
        </p>
      ) : (
        ''
      )}
    </li>
  );
}

/** The covers of the published issues, newest first; staff also see their drafts and make new issues. */
export function MagazinePage({ view, published, total, page, drafts }: { view: View; published: IssueCard[]; total: number; page: number; drafts: IssueCard[] }): JSX.Element {
  const { t } = view;
  const manage = can(view.actor, 'magazine.manage');
  return (
    <Layout view={view} title={t('magazine.title')} feeds={magazineFeeds(view)}>
      <PageHeader title={t('magazine.title')} lead={t('magazine.lead', { organisation: view.org.name })}>
        {manage ? (
          <a href="/magazine/new" class="button" safe>
            {t('magazine.new_issue')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {manage && drafts.length > 0 ? (
        <section class="card" aria-labelledby="drafts-title">
          <h2 id="drafts-title" safe>
            {t('magazine.drafts')}
          </h2>
          <ul class="link-list">
            {drafts.map((d) => (
              <li>
                <a href={`${issuePath(d.slug)}/edit`} safe>
                  {d.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      {published.length === 0 ? (
        <EmptyState title={t('magazine.no_issues')} />
      ) : (
        <section aria-labelledby="issues-title">
          <h2 id="issues-title" class="visually-hidden" safe>
            {t('magazine.issues')}
          </h2>
          <ul class="issue-grid">
            {published.map((issue) => (
              <IssueTile view={view} issue={issue} />
            ))}
          </ul>
        </section>
      )}
      <Pagination view={view} page={page} pageCount={Math.ceil(total / ISSUES_PER_PAGE)} hrefFor={(p) => `/magazine?page=${p}`} />
      <p class="feed-links">
        <a href="/magazine/feed.atom" type="application/atom+xml" safe>
          {t('magazine.feed_link')}
        </a>
      </p>
    </Layout>
  );
}
