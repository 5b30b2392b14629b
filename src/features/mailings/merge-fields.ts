/**
 * Merge fields: `{{firstName}}` and friends in a mailing's subject and body, filled per recipient.
 * Which ones a mailing may use depends on what it is: the register link exists only in an
 * invitation, the unsubscribe link only in a newsletter (service mail cannot be unsubscribed).
 */

export const personFields = ['firstName', 'lastName', 'fullName', 'memberNumber', 'email'] as const;
export const linkFields = ['registerLink', 'unsubscribeLink'] as const;
export type MergeField = (typeof personFields)[number] | (typeof linkFields)[number];

/** What decides which merge fields a mailing may use. */
export interface MergeScope {
  kind: 'newsletter' | 'service';
  invitation: boolean;
}

export function allowedMergeFields(scope: MergeScope): MergeField[] {
  const out: MergeField[] = [...personFields];
  if (scope.invitation) out.push('registerLink');
  if (scope.kind === 'newsletter') out.push('unsubscribeLink');
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

/** The merge fields in a text that this mailing cannot fill. */
export function unknownMergeFields(text: string, scope: MergeScope): string[] {
  const allowed = new Set<string>(allowedMergeFields(scope));
  return mergeFieldsIn(text).filter((f) => !allowed.has(f));
}

export function isMergeField(name: string): name is MergeField {
  return (personFields as readonly string[]).includes(name) || (linkFields as readonly string[]).includes(name);
}
