import { fieldError, type FieldError } from '../../../platform/errors.js';
import { numberFromText } from '../../../platform/http/forms.js';
import type { Locale, Translate } from '../../../platform/i18n/i18n.js';
import type { PoolQuestion } from '../tables.js';

/*
 * The application pages' forms and the use cases' inputs, both ways. A form takes amounts in kroner
 * (kronor) as people type them; the schemas want whole øre (öre). Cost lines come as a fixed set of
 * rows, so the form works without JavaScript: a blank row is left out, and an error on the n-th line
 * the schema saw is shown on the row it came from.
 */

/** How many cost-line rows a form offers (enough for an activity's costs; more would be a spreadsheet). */
export const COST_ROWS = 6;
/** The schema's most lines: an application sent through the API with more rows still opens whole. */
const MAX_ROWS = 50;

/** How many rows a form shows: the usual six, or as many as the lines it holds. */
export function rowCount(values: Record<string, unknown>, prefix = 'costLines'): number {
  let last = -1;
  for (let i = 0; i < MAX_ROWS; i++) if (text(values[`${prefix}.${i}.description`]) || text(values[`${prefix}.${i}.amount`])) last = i;
  return Math.max(COST_ROWS, last + 1);
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Kroner as typed → øre. Blank is null. Spaces between thousands ("1 500", as Swedes write) are
 * dropped; "1.500" stays refused, as `numberFromText` explains (a thousand to a Dane, one and a half
 * to an English reader). More than two decimals, or anything not a number, is refused here in words
 * about money, rather than "must be a whole number" about øre the reader never typed.
 */
export function kronerToOre(value: unknown): { ok: true; ore: number | null } | { ok: false } {
  const typed = text(value).replace(/[\s\u00a0\u202f]/g, '').replace(/(kr\.?|sek|dkk)$/i, '');
  if (typed === '') return { ok: true, ore: null };
  const n = numberFromText(typed);
  if (typeof n !== 'number' || !Number.isFinite(n)) return { ok: false };
  const ore = Math.round(n * 100);
  if (Math.abs(n * 100 - ore) > 1e-6) return { ok: false };
  return { ok: true, ore };
}

/** Øre as a form field shows kroner: "1500" or "1500,50" (a point in English), never a thousands separator. */
export function oreToKroner(locale: Locale, ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return '';
  const whole = Math.trunc(ore / 100);
  const cents = Math.abs(ore % 100);
  if (cents === 0) return String(whole);
  return `${ore < 0 && whole === 0 ? '-' : ''}${whole}${locale === 'en' ? '.' : ','}${String(cents).padStart(2, '0')}`;
}

/** Collects kroner fields: each turned into øre, or, when unreadable, kept as typed (so the schema refuses it too) with our own error. */
export class KronerFields {
  readonly errors: FieldError[] = [];
  constructor(private readonly t: Translate) {}

  read(path: string, value: unknown): number | null | string {
    const r = kronerToOre(value);
    if (r.ok) return r.ore;
    this.errors.push(fieldError(this.t, path, 'grant_page.application.kroner_format'));
    return text(value);
  }
}

/** The cost lines of a form's rows: the filled rows, and which row each line came from. */
export function costLinesFromRows(values: Record<string, unknown>, kroner: KronerFields, prefix = 'costLines'): { lines: { description: string; amount: number | null | string }[]; rows: number[] } {
  const lines: { description: string; amount: number | null | string }[] = [];
  const rows: number[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const description = text(values[`${prefix}.${i}.description`]);
    const amount = text(values[`${prefix}.${i}.amount`]);
    if (!description && !amount) continue;
    rows.push(i);
    // Our own error names the row as the form shows it; the schema's are moved there by `rowPath`.
    lines.push({ description, amount: kroner.read(`${prefix}.${i}.amount`, amount) });
  }
  return { lines, rows };
}

/** A path of the schema or the use case (`costLines.1.amount` is the second filled line) → the form's field (its row). */
export function rowPath(path: string, rows: readonly number[], prefix = 'costLines'): string {
  const m = new RegExp(`^${prefix}\\.(\\d+)\\.(description|amount)$`).exec(path);
  if (!m) return path;
  const row = rows[Number(m[1])];
  return row === undefined ? prefix : `${prefix}.${row}.${m[2]}`;
}

/** The application form's fields → the application's input (answers by the pool's question ids). */
export function applicationFromForm(values: Record<string, unknown>, questions: readonly PoolQuestion[], t: Translate) {
  const kroner = new KronerFields(t);
  const { lines, rows } = costLinesFromRows(values, kroner);
  const answers: Record<string, string> = {};
  for (const q of questions) answers[q.id] = text(values[`answers.${q.id}`]);
  const participants = numberFromText(values.expectedParticipants);
  const input = {
    // A choice or a day left blank is missing ("must be filled in"), not a wrong choice or date.
    purpose: text(values.purpose) || undefined,
    title: text(values.title),
    description: text(values.description),
    activityDate: text(values.activityDate) || undefined,
    place: text(values.place),
    expectedParticipants: participants,
    requested: kroner.read('requested', values.requested),
    costLines: lines,
    answers,
    workplaceId: text(values.workplaceId),
  };
  return { input, rows, kronerErrors: kroner.errors };
}

/** The report form's fields → the report's input. */
export function reportFromForm(values: Record<string, unknown>, t: Translate) {
  const kroner = new KronerFields(t);
  const { lines, rows } = costLinesFromRows(values, kroner, 'actualCosts');
  const input = { summary: text(values.summary), participants: numberFromText(values.participants), actualCosts: lines };
  return { input, rows, kronerErrors: kroner.errors };
}

/** Cost lines as the form's rows, for a form opened on what is saved. */
export function rowsFromLines(locale: Locale, lines: readonly { description: string; amount: number }[], prefix = 'costLines'): Record<string, string> {
  const out: Record<string, string> = {};
  lines.slice(0, MAX_ROWS).forEach((l, i) => {
    out[`${prefix}.${i}.description`] = l.description;
    out[`${prefix}.${i}.amount`] = oreToKroner(locale, l.amount);
  });
  return out;
}

/** A cost row's errors say which row they are about ("Cost line 3: …"), as the summary above the form lists them. */
export function namedRows(errors: readonly FieldError[], t: Translate, prefix: string): FieldError[] {
  const row = new RegExp(`^${prefix}\\.(\\d+)\\.`);
  return errors.map((e) => {
    const m = row.exec(e.path);
    return m ? { ...e, message: `${t('grant_page.application.cost_row', { number: Number(m[1]) + 1 })}: ${e.message}` } : e;
  });
}
