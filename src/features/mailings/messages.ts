import type { FieldError } from '../../platform/errors.js';
import { isLocale, type Locale, type Translate } from '../../platform/i18n/i18n.js';
import type { MailingProblem } from './contract.js';

/**
 * The problems of a mailing as messages that say where: "Ukendt flettefelt {{fornavn}} i brødteksten
 * (svensk)". A content path (`subject`, `body`, `contents.sv.body`) names the language; the plain
 * ones name the main language, which only the mailing knows.
 */
function where(t: Translate, path: string, mainLocale: Locale): { where: string; language: string } | null {
  const m = /^(?:contents\.(da|sv|en)\.)?(subject|body)$/.exec(path);
  if (!m) return null;
  const locale = m[1] && isLocale(m[1]) ? m[1] : mainLocale;
  const language = t(`mailings.language.${locale}`);
  return { where: t(`mailings.where.${m[2]}`, { language }), language };
}

export function problemMessage(t: Translate, p: MailingProblem, mainLocale: Locale = 'da'): string {
  const code = p.code.startsWith('mailing.') ? p.code.slice('mailing.'.length) : p.code;
  const params: Record<string, unknown> = { ...(p.params ?? {}) };
  if (code === 'unknown_merge_field') params.field = `{{${String(p.params?.field ?? '')}}}`;
  const place = where(t, p.path, mainLocale);
  if (place) Object.assign(params, place);
  if (p.code.startsWith('mailing.')) return t(`mailings.error.${code}`, params);
  // Codes from the platform (validation.required) read with the field's name.
  return t(p.code, { ...params, field: t(`fields.${p.path.split('.').pop()}`, { defaultValue: p.path }) });
}

export function problemsToErrors(t: Translate, problems: MailingProblem[], mainLocale: Locale = 'da'): FieldError[] {
  return problems.map((p) => ({ path: p.path, code: p.code, message: problemMessage(t, p, mainLocale) }));
}
