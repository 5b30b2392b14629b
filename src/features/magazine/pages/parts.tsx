import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { Locale } from '../../../platform/i18n/i18n.js';
import { coverPath } from '../api.js';
import { issuePath } from '../feed.js';
import type { IssueCard } from '../queries.js';

export { issuePath, articlePath } from '../feed.js';
export { coverPath, pdfPath } from '../api.js';

/** The printed date of an issue (a calendar date, so no time zone may move it). */
export function issueDate(locale: Locale, publishedOn: string): string {
  return formatDate(locale, `${publishedOn}T12:00:00Z`, 'UTC');
}

/** The cover, or a plain card with the title when there is none yet. */
export function Cover({ view, issue, decorative }: { view: View; issue: IssueCard; decorative?: boolean }): JSX.Element {
  const src = coverPath(issue);
  if (src) return <img src={src} alt={decorative ? '' : (issue.coverAlt ?? view.t('magazine.cover_of', { title: issue.title }))} class="issue-cover" loading="lazy" />;
  return (
    <span class="issue-cover issue-cover-empty" aria-hidden="true">
      <span safe>{issue.title}</span>
    </span>
  );
}

/** A padlock drawn in the text's colour (an emoji lock is missing from many fonts). */
export function LockIcon(): JSX.Element {
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}

export function AudienceBadge({ view, issue }: { view: View; issue: Pick<IssueCard, 'audience' | 'status'> }): JSX.Element {
  return (
    <>
      {issue.status === 'draft' ? (
        <Badge kind="warning">
          <span safe>{view.t('magazine.status.draft')}</span>
        </Badge>
      ) : (
        ''
      )}
      {issue.audience === 'members' ? (
        <Badge kind="info">
          <LockIcon />
          <span safe>{view.t('magazine.members_only')}</span>
        </Badge>
      ) : (
        ''
      )}
    </>
  );
}

/** What a reader who may not read a members-only issue is told, with the way in. */
export function LockNotice({ view, next }: { view: View; next: string }): JSX.Element {
  const { t } = view;
  return (
    <div class="lock-notice">
      <p>
        <strong safe>{t('magazine.locked_title')}</strong>
      </p>
      {view.actor.kind === 'anonymous' ? (
        <>
          <p safe>{t('magazine.locked_text')}</p>
          <p>
            <a href={`/login?next=${encodeURIComponent(next)}`} class="button" safe>
              {t('magazine.log_in_to_read')}
            </a>
          </p>
          <p>
            <a href="/join" safe>
              {t('magazine.become_member')}
            </a>
          </p>
        </>
      ) : (
        <p safe>{t('magazine.locked_member_text')}</p>
      )}
    </div>
  );
}

export function MagazineCrumbs({ view, issue }: { view: View; issue?: { slug: string; title: string } }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/magazine" safe>
        {view.t('magazine.title')}
      </a>
      {issue ? (
        <>
          <span aria-hidden="true"> / </span>
          <a href={issuePath(issue.slug)} safe>
            {issue.title}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
  );
}

export const magazineFeeds = (view: View) => [{ href: '/magazine/feed.atom', type: 'application/atom+xml', title: view.t('magazine.feed_title', { organisation: view.org.name }) }];
