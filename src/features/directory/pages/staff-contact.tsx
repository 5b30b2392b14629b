import type { PropsWithChildren } from '@kitajs/html';
import type { View } from '../../../platform/html/view.js';
import type { DirectoryEntry } from '../schema.js';

/** A phone number as a tel: link wants digits and a leading plus only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, '')}`;
}

/**
 * A staff member as the directory shows them: name, title, and a phone to call and an address to
 * write to (each labelled for screen readers). The directory's card and the press room's contact
 * both show it, beside a photo of their own size; `children` follow the ways to reach them.
 */
export function StaffContact({ view, entry, children }: PropsWithChildren<{ view: View; entry: DirectoryEntry }>): JSX.Element {
  const { t } = view;
  return (
    <div class="staff-body">
      <h3 class="staff-name" safe>
        {`${entry.firstName} ${entry.lastName}`}
      </h3>
      <p class="staff-title" safe>
        {entry.title}
      </p>
      <ul class="staff-contact">
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
      {children}
    </div>
  );
}
