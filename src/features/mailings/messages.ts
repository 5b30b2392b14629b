import type { FieldError } from '../../platform/errors.js';
import { fieldNameLabel } from '../../platform/field-labels.js';
import { isLocale, type Locale, type Translate } from '../../platform/i18n/i18n.js';
import { labelOf } from '../../platform/i18n/labels.js';
import type { MailingProblem } from './contract.js';
import { contentPartLabel, languageInSentenceLabel, mailingProblemText } from './labels.js';

/**
 * The problems of a mailing as messages that say where: "Ukendt flettefelt {{fornavnet}} i brødteksten
 * (svensk)". A content path (`subject`, `body`, `contents.sv.body`) names the language; the plain
 * ones name the main language, which only the mailing knows.
 */
function where(t: Translate, path: string, mainLocale: Locale): { where: string; language: string } | null {
  const m = /^(?:contents\.(da|sv|en)\.)?(subject|body)$/.exec(path);
  if (!m) return null;
  const locale = m[1] && isLocale(m[1]) ? m[1] : mainLocale;
  const language = t(languageInSentenceLabel[locale]);
  return { where: t(contentPartLabel[m[2] as 'subject' | 'body'], { language }), language };
}

export function problemMessage(t: Translate, p: MailingProblem, mainLocale: Locale = 'da'): string {
  const params: Record<string, unknown> = { ...(p.params ?? {}) };
  if (p.code === 'mailing.unknown_merge_field') params.field = `{{${String(p.params?.field ?? '')}}}`;
  const place = where(t, p.path, mainLocale);
  if (place) Object.assign(params, place);
  const own = labelOf(mailingProblemText, p.code);
  if (own) return t(own, params);
  // Codes from the platform (validation.required) read with the field's name.
  const field = labelOf(fieldNameLabel, p.path.split('.').pop() ?? '');
  return t(p.code, { ...params, field: field ? t(field) : p.path });
}

export function problemsToErrors(t: Translate, problems: MailingProblem[], mainLocale: Locale = 'da'): FieldError[] {
  return problems.map((p) => ({ path: p.path, code: p.code, message: problemMessage(t, p, mainLocale) }));
}
