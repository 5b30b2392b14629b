import { Layout } from '../../../platform/html/layout.js';
import { PageHeader } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime, formatSize } from '../../../platform/i18n/format.js';
import type { DirectoryEntry } from '../../directory/index.js';
import type { Release } from '../queries.js';
import { ContactCard, OrganisationContact, photoPath, PressCrumbs, pressFeeds, releasePath, StateBadge } from './parts.js';

const typeNames: Record<string, string> = { 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };
const typeName = (contentType: string) => typeNames[contentType] ?? contentType;

/** One release: its photo with credit and the full-size download, the text, and whom to call. */
export function ReleasePage({ view, release, contact, manage }: { view: View; release: Release; contact: DirectoryEntry | null; manage: boolean }): JSX.Element {
  const { t, locale } = view;
  const photo = photoPath(release);
  return (
    <Layout view={view} title={release.title} feeds={pressFeeds(view)}>
      <PressCrumbs view={view} />
      <PageHeader title={release.title}>
        {manage ? (
          <a href={`${releasePath(release.slug)}/edit`} class="button button-secondary" safe>
            {t('press.edit_release')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <p class="press-meta">
        {release.releasedAt ? (
          <span class="muted">
            <span safe>{t('press.released_at')}</span>{' '}
            <time datetime={release.releasedAt} safe>
              {formatDateTime(locale, release.releasedAt)}
            </time>
          </span>
        ) : (
          ''
        )}{' '}
        <StateBadge view={view} release={release} />
      </p>
      <div class="grid grid-sidebar align-start">
        <article class="card press-release">
          <p class="lead" safe>
            {release.summary}
          </p>
          {photo && release.photo ? (
            <figure class="press-photo">
              <img src={photo} alt={release.photo.alt} />
              <figcaption>
                <span safe>{t('press.photo_credit', { credit: release.photo.credit })}</span>{' '}
                <a href={`${photo}&download=1`} download={release.photo.fileName} safe>
                  {t('press.download_photo', { type: typeName(release.photo.contentType), size: formatSize(locale, release.photo.size) })}
                </a>
              </figcaption>
            </figure>
          ) : (
            ''
          )}
          <Markdown text={release.body} />
        </article>
        <aside class="card" aria-labelledby="contact-title">
          <h2 id="contact-title" safe>
            {t('press.contact')}
          </h2>
          {contact ? <ContactCard view={view} entry={contact} /> : <OrganisationContact view={view} />}
          <p>
            <a href="/press" safe>
              {t('press.to_press_room')}
            </a>
          </p>
        </aside>
      </div>
    </Layout>
  );
}
