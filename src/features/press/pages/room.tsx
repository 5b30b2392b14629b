import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader, Pagination } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { DirectoryEntry } from '../../directory/index.js';
import { can } from '../policy.js';
import type { Release } from '../queries.js';
import { ContactCard, OrganisationContact, pressFeeds, releasePath, StateBadge } from './parts.js';

function ReleaseItem({ view, release }: { view: View; release: Release }): JSX.Element {
  return (
    <li class="press-item">
      {release.releasedAt ? (
        <p class="press-item-date muted">
          <time datetime={release.releasedAt} safe>
            {formatDate(view.locale, release.releasedAt)}
          </time>
        </p>
      ) : (
        ''
      )}
      <h3 class="press-item-title">
        <a href={releasePath(release.slug)} safe>
          {release.title}
        </a>
      </h3>
      <p safe>{release.summary}</p>
      <StateBadge view={view} release={release} />
    </li>
  );
}

/**
 * The press room: the releases, whom to call, who the organisation is (the "about us" text from the
 * settings, in the reader's language when it has one), the logo to download and the feeds. Staff also see their drafts and embargoed releases.
 */
export function PressRoomPage({
  view,
  aboutText,
  contacts,
  released,
  unreleased,
  page,
  pageCount,
}: {
  view: View;
  aboutText: string;
  contacts: DirectoryEntry[];
  released: Release[];
  unreleased: Release[];
  page: number;
  pageCount: number;
}): JSX.Element {
  const { t, org } = view;
  const manage = can(view.actor, 'press.manage');
  return (
    <Layout view={view} title={t('press.title')} feeds={pressFeeds(view)}>
      <PageHeader title={t('press.title')} lead={t('press.lead', { organisation: org.name })}>
        {manage ? (
          <a href="/press/new" class="button" safe>
            {t('press.new_release')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {manage && unreleased.length > 0 ? (
        <section class="card" aria-labelledby="unreleased-title">
          <h2 id="unreleased-title" safe>
            {t('press.unreleased')}
          </h2>
          <ul class="press-list">
            {unreleased.map((r) => (
              <ReleaseItem view={view} release={r} />
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <div class="grid grid-sidebar align-start">
        <section class="card" aria-labelledby="releases-title">
          <h2 id="releases-title" safe>
            {t('press.releases')}
          </h2>
          {released.length === 0 ? (
            <EmptyState title={t('press.no_releases')} />
          ) : (
            <ul class="press-list">
              {released.map((r) => (
                <ReleaseItem view={view} release={r} />
              ))}
            </ul>
          )}
          <Pagination view={view} page={page} pageCount={pageCount} hrefFor={(p) => `/press?page=${p}`} />
          <p class="feed-links">
            <a href="/press/feed.atom" type="application/atom+xml" safe>
              {t('press.feed_atom')}
            </a>
            <a href="/press/feed.rss" type="application/rss+xml" safe>
              {t('press.feed_rss')}
            </a>
          </p>
        </section>
        <div>
          <section class="card" aria-labelledby="contacts-title">
            <h2 id="contacts-title" safe>
              {t('press.contacts')}
            </h2>
            {contacts.length === 0 ? <OrganisationContact view={view} /> : contacts.map((c) => <ContactCard view={view} entry={c} />)}
          </section>
          <section class="card" aria-labelledby="about-title">
            <h2 id="about-title" safe>
              {t('press.about', { organisation: org.name })}
            </h2>
            {aboutText
              .split(/\n{2,}/)
              .filter((p) => p.trim())
              .map((p) => (
                <p safe>{p}</p>
              ))}
            {org.hasLogo ? (
              <p>
                <a href={`/logo?v=${org.version}`} download={`logo-${org.shortName}`} class="button button-secondary" safe>
                  {t('press.download_logo')}
                </a>
              </p>
            ) : (
              ''
            )}
          </section>
        </div>
      </div>
    </Layout>
  );
}
