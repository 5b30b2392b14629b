import type { PropsWithChildren } from '@kitajs/html';
import { Badge } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { FieldError } from '../../../platform/errors.js';
import { membershipStatusLabel } from '../labels.js';
import type { MembershipStatus } from '../tables.js';

const statusKind = { active: 'success', applicant: 'info', resigned: 'neutral', expelled: 'danger', deceased: 'neutral', rejected: 'warning' } as const;

export function StatusBadge({ view, status }: { view: View; status: MembershipStatus }): JSX.Element {
  return (
    <Badge kind={statusKind[status]}>
      <span safe>{view.t(membershipStatusLabel[status])}</span>
    </Badge>
  );
}

/** A calendar date (no time of day) in the reader's language; read as UTC so it never shifts a day. */
export function day(view: View, d: string | null | undefined): string {
  return d ? formatDate(view.locale, `${d}T00:00:00Z`, 'UTC') : '';
}

export function period(view: View, from: string | null, to: string | null): string {
  return view.t('members.period', { from: from ? day(view, from) : '…', to: to ? day(view, to) : view.t('members.ongoing') });
}

export function Crumbs({ view, children }: PropsWithChildren<{ view: View }>): JSX.Element {
  return (
    <nav class="breadcrumbs" aria-label={view.t('layout.breadcrumbs')}>
      <a href="/members" safe>
        {view.t('members.title')}
      </a>
      {children ?? ''}
    </nav>
  );
}

/** Errors of list fields (`extraEmails.2`) belong to the field as a whole on a form. */
export function formErrors(errors: FieldError[]): FieldError[] {
  return errors.map((e) => ({ ...e, path: e.path.split('.')[0] }));
}
