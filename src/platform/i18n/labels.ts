import type { Translate } from './i18n.js';

/**
 * A written-out table from each value of an enum to the translation key that names it:
 *
 * ```ts
 * export const membershipStatusLabel = {
 *   applicant: 'members.statuses.applicant',
 *   active: 'members.statuses.active',
 *   …
 * } as const satisfies LabelTable<MembershipStatus>;
 *
 * t(membershipStatusLabel[status]);
 * ```
 *
 * The rule (issue #7): error codes and translation keys are written out, so a grep and the locale
 * test find each. A key is never built at run time from a template or by concatenation: a built key
 * escapes the test, and a missing one shows raw on the page. `satisfies LabelTable<…>` makes the
 * table exhaustive for the enum, and the locale test (`src/platform/i18n/i18n.test.ts`) checks that
 * every value of every table written in this form exists in the catalogues.
 */
export type LabelTable<V extends string> = Readonly<Record<V, string>>;

/** The key a table gives `value`, or undefined when the value is not one of the table's (an open set such as a stored code). */
export function labelOf<V extends string>(table: LabelTable<V>, value: string): string | undefined {
  return Object.hasOwn(table, value) ? table[value as V] : undefined;
}

/** The name a table gives `value` in the reader's language, or the value as it is when the table does not know it. */
export function labelName<V extends string>(t: Translate, table: LabelTable<V>, value: string): string {
  const key = labelOf(table, value);
  return key ? t(key) : value;
}
