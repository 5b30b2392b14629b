import type { Locale } from '../../platform/i18n/i18n.js';

/**
 * Merge fields: `{{firstName}}` and friends in a mailing's subject and body, filled per recipient.
 * Which ones a mailing may use depends on what it is: the register link exists only in an
 * invitation, the unsubscribe link only in a newsletter (service mail cannot be unsubscribed).
 * Each field also has a Danish and a Swedish name (`{{fornavn}}`, `{{förnamn}}`), and a name is
 * read without regard to case, so staff write the one of their own language.
 */

export const personFields = ['firstName', 'lastName', 'fullName', 'memberNumber', 'email'] as const;
export const linkFields = ['registerLink', 'unsubscribeLink', 'personalLink'] as const;
export type MergeField = (typeof personFields)[number] | (typeof linkFields)[number];

/** Each merge field's name in each language; the form shows the reader's, every one of them works. */
export const mergeFieldNames = {
  firstName: { da: 'fornavn', sv: 'förnamn', en: 'firstName' },
  lastName: { da: 'efternavn', sv: 'efternamn', en: 'lastName' },
  fullName: { da: 'navn', sv: 'namn', en: 'fullName' },
  memberNumber: { da: 'medlemsnummer', sv: 'medlemsnummer', en: 'memberNumber' },
  email: { da: 'emailadresse', sv: 'epost', en: 'email' },
  registerLink: { da: 'tilmeldingslink', sv: 'anmälningslänk', en: 'registerLink' },
  unsubscribeLink: { da: 'afmeldingslink', sv: 'avregistreringslänk', en: 'unsubscribeLink' },
  personalLink: { da: 'personligtlink', sv: 'personliglänk', en: 'personalLink' },
} as const satisfies Record<MergeField, Record<Locale, string>>;

/** A name as compared: composed (an ö typed as o and a combining mark is the same ö) and lower case. */
const folded = (name: string) => name.normalize('NFC').toLowerCase();

const byName = new Map<string, MergeField>(
  (Object.entries(mergeFieldNames) as [MergeField, Record<Locale, string>][]).flatMap(([field, names]) => Object.values(names).map((n) => [folded(n), field] as const)),
);

/** The merge field a name written in a text stands for, in any of the three languages and any case; null for none. */
export function resolveMergeField(name: string): MergeField | null {
  return byName.get(folded(name)) ?? null;
}

/** What decides which merge fields a mailing may use. */
export interface MergeScope {
  kind: 'newsletter' | 'service';
  invitation: boolean;
  /** The audience source gives each recipient a personal link (a survey's answer link). */
  personalLink?: boolean;
}

export function allowedMergeFields(scope: MergeScope): MergeField[] {
  const out: MergeField[] = [...personFields];
  if (scope.invitation) out.push('registerLink');
  if (scope.kind === 'newsletter') out.push('unsubscribeLink');
  if (scope.personalLink) out.push('personalLink');
  return out;
}

/** `{{ name }}`: the name may be surrounded by spaces; anything without closing braces is plain text. */
export const MERGE_FIELD_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields written in a text, in order of first appearance, each once. */
export function mergeFieldsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(MERGE_FIELD_PATTERN)) seen.add(m[1]);
  return [...seen];
}

/** The merge fields in a text that this mailing cannot fill, as they are written there. */
export function unknownMergeFields(text: string, scope: MergeScope): string[] {
  const allowed = new Set<MergeField>(allowedMergeFields(scope));
  return mergeFieldsIn(text).filter((name) => {
    const field = resolveMergeField(name);
    return field === null || !allowed.has(field);
  });
}
