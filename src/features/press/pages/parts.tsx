import type { FieldError } from '../../../platform/errors.js';
import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { intlTag, type Locale } from '../../../platform/i18n/i18n.js';
import type { DirectoryEntry } from '../../directory/index.js';
import type { Release } from '../queries.js';

export { releasePath, photoPath } from '../feed.js';

/** A phone number as a tel: link wants digits and a leading plus only. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^+0-9]/g, '')}`;

/** "2,3 MB" / "850 kB" in the reader's language. */
export function formatSize(locale: Locale, bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'];
  return new Intl.NumberFormat(intlTag[locale], { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

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
  const { t } = view;
  const name = `${entry.firstName} ${entry.lastName}`;
  return (
    <div class="press-contact">
      {entry.photoUrl ? <img src={entry.photoUrl} alt="" class="press-contact-photo" width="64" height="64" loading="lazy" /> : ''}
      <div class="press-contact-body">
        <h3 class="press-contact-name" safe>
          {name}
        </h3>
        <p class="muted press-contact-title" safe>
          {entry.title}
        </p>
        <ul class="plain-list press-contact-ways">
          {entry.directPhone ? (
            <li>
              <span class="visually-hidden" safe>
                {t('fields.directPhone')}
              </span>
              <a href={telHref(entry.directPhone)} safe>
                {entry.directPhone}
              </a>
            </li>
          ) : (
            ''
          )}
          {entry.publicEmail ? (
            <li>
              <span class="visually-hidden" safe>
                {t('fields.publicEmail')}
              </span>
              <a href={`mailto:${entry.publicEmail}`} safe>
                {entry.publicEmail}
              </a>
            </li>
          ) : (
            ''
          )}
        </ul>
      </div>
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

/** A file input with its label, hint and error, named like the other fields so the error summary links to it. */
export function FileField({ name, label, hint, accept, errors, prefix = 'field' }: { name: string; label: string; hint?: string; accept: string; errors: FieldError[]; prefix?: string }): JSX.Element {
  const error = errors.find((e) => e.path === name);
  const described = [hint ? `${prefix}-hint-${name}` : '', error ? `${prefix}-error-${name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={`${prefix}-${name}`} safe>
        {label}
      </label>
      {hint ? (
        <p class="hint" id={`${prefix}-hint-${name}`} safe>
          {hint}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`${prefix}-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
      <input id={`${prefix}-${name}`} type="file" name={name} accept={accept} aria-invalid={error ? 'true' : undefined} aria-describedby={described} />
    </div>
  );
}
