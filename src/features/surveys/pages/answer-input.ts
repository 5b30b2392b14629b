import { fieldError, type FieldError } from '../../../platform/errors.js';
import type { Locale, Translate } from '../../../platform/i18n/i18n.js';
import type { FieldProblem } from '../../../platform/outcomes.js';
import { inLocale, type Question } from '../questions.js';

/*
 * The answer form's fields and the answers `checkAnswers` takes, both ways. A question's field is
 * named by its key (`satisfaction=4`, `workload=for-hoej`, `priorities=pay&priorities=pension`, a
 * number or a text as typed); a matrix has one field per statement, `climate.respect=4`. Keys and
 * statement keys are lower-case letters, digits and `_`, so the dot cannot be read two ways.
 */

/** What the form shows in its fields: one value, or the several ticked boxes of a multiple choice. */
export type AnswerValues = Record<string, string | string[]>;

/** The field of a question, or of one statement of a matrix. */
export const fieldName = (key: string, statement?: string): string => (statement ? `${key}.${statement}` : key);

const one = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'string') return v[0];
  return undefined;
};
const many = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '');

/**
 * The posted form → the answers by question key, as the API takes them. A field left empty is no
 * answer (a required question then says so); fields that are no question of the wave are not read.
 * Values stay text: `checkAnswers` reads "4" as a scale step and "37,5" as a number, and says what
 * is wrong with anything else, naming the question.
 */
export function answersFromForm(questions: readonly Question[], body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    switch (q.type) {
      case 'multiple': {
        const ticked = many(body[q.key]);
        if (ticked.length > 0) answers[q.key] = ticked;
        break;
      }
      case 'matrix': {
        const row: Record<string, string> = {};
        for (const s of q.statements) {
          const v = one(body[fieldName(q.key, s.key)])?.trim();
          if (v) row[s.key] = v;
        }
        if (Object.keys(row).length > 0) answers[q.key] = row;
        break;
      }
      case 'text': {
        const v = one(body[q.key]);
        if (v !== undefined && v.trim() !== '') answers[q.key] = v;
        break;
      }
      default: {
        // single, scale, number: one value; a second one sent for the same field is not a choice the form offers.
        const raw = body[q.key];
        if (Array.isArray(raw) && raw.length > 1) answers[q.key] = raw.map(String);
        else {
          const v = one(raw)?.trim();
          if (v) answers[q.key] = v;
        }
      }
    }
  }
  return answers;
}

/** Saved answers (a draft) → the form's fields, so the form opens as it was left. */
export function valuesFromAnswers(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): AnswerValues {
  const values: AnswerValues = {};
  for (const q of questions) {
    const a = answers[q.key];
    if (a === undefined || a === null) continue;
    if (q.type === 'multiple' && Array.isArray(a)) values[q.key] = a.map(String);
    else if (q.type === 'matrix' && typeof a === 'object' && !Array.isArray(a)) {
      for (const [s, v] of Object.entries(a as Record<string, unknown>)) values[fieldName(q.key, s)] = String(v);
    } else values[q.key] = String(a);
  }
  return values;
}

/** The posted form's fields as the form shows them again (text and ticked boxes only). */
export function postedValues(body: Readonly<Record<string, unknown>>): AnswerValues {
  const values: AnswerValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') values[k] = v;
    else if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return values;
}

/** A path of `checkAnswers` (`answers.climate.voice`) → the form's field (`climate.voice`). */
export const fieldOfPath = (path: string): string => (path.startsWith('answers.') ? path.slice('answers.'.length) : '');

/**
 * The answers' problems as the form shows them, beside their fields and in the summary: each names
 * its question in the reader's language, a matrix's also the statement, so two missing statements
 * of one question are two different lines.
 */
export function answerErrors(t: Translate, locale: Locale, questions: readonly Question[], problems: readonly FieldProblem[]): FieldError[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  return problems.map((p) => {
    const field = fieldOfPath(p.path);
    const [key, statement] = field.split('.');
    const q = byKey.get(key);
    const s = statement ? q?.statements.find((x) => x.key === statement) : undefined;
    const text = q ? (s ? `${inLocale(q.text, locale)} – ${inLocale(s.label, locale)}` : inLocale(q.text, locale)) : key;
    return fieldError(t, q ? field : '', p.code, { ...p.params, text });
  });
}
