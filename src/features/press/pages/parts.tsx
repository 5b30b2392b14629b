import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { StaffContact, telHref, type DirectoryEntry } from '../../directory/index.js';
import type { Release } from '../queries.js';

export { releasePath, photoPath } from '../feed.js';

export const pressFeeds = (view: View) => [
  { href: '/press/feed.atom', type: 'application/atom+xml', title: view.t('press.feed_title', { organisation: view.org.name }) },
  { href: '/press/feed.rss', type: 'application/rss+xml', title: view.t('press.feed_title', { organisation: view.org.name }) },
];

/** Where a release stands, for staff: a draft, or published but under an embargo that has not passed. */
export function StateBadge({ view, release }: { view: View; release: Release }): JSX.Element {
  if (release.status === 'draft')
    return (
      <Badge kind="warning">
        <span safe>{view.t('press.status.draft')}</span>
      </Badge>
    );
  if (!release.released && release.releasedAt)
    return (
      <Badge kind="info">
        <span safe>{view.t('press.embargoed_until', { time: formatDateTime(view.locale, release.releasedAt) })}</span>
      </Badge>
    );
  return '';
}

/** The press contact from the staff directory: name, title, a phone to call and an address to write to. */
export function ContactCard({ view, entry }: { view: View; entry: DirectoryEntry }): JSX.Element {
  return (
    <div class="press-contact">
      {entry.photoUrl ? <img src={entry.photoUrl} alt="" class="press-contact-photo" width="64" height="64" loading="lazy" /> : ''}
      <StaffContact view={view} entry={entry} />
    </div>
  );
}

/** The organisation's own switchboard, when a release's contact has left the directory. */
export function OrganisationContact({ view }: { view: View }): JSX.Element {
  const { org } = view;
  return (
    <ul class="plain-list">
      {org.phone ? (
        <li>
          <a href={telHref(org.phone)} safe>
            {org.phone}
          </a>
        </li>
      ) : (
        ''
      )}
      {org.email ? (
        <li>
          <a href={`mailto:${org.email}`} safe>
            {org.email}
          </a>
        </li>
      ) : (
        ''
      )}
    </ul>
  );
}

export function PressCrumbs({ view }: { view: View }): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/press" safe>
        {view.t('press.title')}
      </a>
    </nav>
  );
}
