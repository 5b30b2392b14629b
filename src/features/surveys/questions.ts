import type { FieldProblem } from '../../platform/outcomes.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import type { QuestionInput } from './schema.js';
import type { MatrixStatement, QuestionCondition, QuestionOption, QuestionType, SurveyText } from './tables.js';

/** A question as the feature works with it (a row of `survey_questions` without its ids). */
export type Question = {
  key: string;
  position: number;
  type: QuestionType;
  text: SurveyText;
  help: SurveyText;
  section: SurveyText | null;
  required: boolean;
  options: QuestionOption[];
  statements: MatrixStatement[];
  min: number | null;
  max: number | null;
  minLabel: SurveyText;
  maxLabel: SurveyText;
  condition: QuestionCondition | null;
  retired: boolean;
};

/** The text in the reader's language, else Danish, else any. */
export function inLocale(text: SurveyText | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.da || text.sv || text.en || '';
}

/** An option's value made from its text: lower case letters and digits ("Meget tilfreds" → "meget-tilfreds"). */
export function valueFrom(label: string, n: number): string {
  const slug = label
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug && /^[a-z0-9]/.test(slug) ? slug : `o${n + 1}`;
}

const SCALES: readonly [number, number][] = [
  [1, 5],
  [0, 10],
];

/**
 * The questions of a survey as given, checked as a whole: keys unique, choices for choice
 * questions, a scale of 1–5 or 0–10, statements for a matrix, and conditions (one level) that refer
 * to an earlier question and, with values, to its options. Problems name the question.
 */
export function buildQuestions(input: readonly QuestionInput[]): { ok: true; questions: Question[] } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const seen = new Map<string, Question>();
  const questions: Question[] = [];
  input.forEach((q, i) => {
    const at = (field: string) => `questions.${i}.${field}`;
    const name = { question: q.key };
    if (seen.has(q.key)) errors.push({ path: at('key'), code: 'survey.key_taken', params: name });
    let options: QuestionOption[] = [];
    let statements: MatrixStatement[] = [];
    let min: number | null = null;
    let max: number | null = null;
    if (q.type === 'single' || q.type === 'multiple') {
      options = (q.options ?? []).map((o, n) => ('value' in o && 'label' in o && typeof o.value === 'string' ? { value: o.value, label: o.label as SurveyText } : { value: valueFrom(Object.values(o as SurveyText)[0] ?? '', n), label: o as SurveyText }));
      if (options.length < 2) errors.push({ path: at('options'), code: 'survey.options_needed', params: name });
      const values = new Set(options.map((o) => o.value));
      if (values.size !== options.length) errors.push({ path: at('options'), code: 'survey.options_repeat', params: name });
    } else if (q.options && q.options.length > 0) {
      errors.push({ path: at('options'), code: 'survey.options_not_for_type', params: name });
    }
    if (q.type === 'scale' || q.type === 'matrix') {
      min = q.min ?? 1;
      max = q.max ?? (min === 0 ? 10 : 5);
      if (!SCALES.some(([a, b]) => a === min && b === max)) errors.push({ path: at('max'), code: 'survey.scale_ends', params: name });
    }
    if (q.type === 'number') {
      min = q.min ?? null;
      max = q.max ?? null;
      if (min !== null && max !== null && max <= min) errors.push({ path: at('max'), code: 'survey.number_bounds', params: name });
    }
    if (q.type === 'matrix') {
      statements = (q.statements ?? []).map((s, n) => (typeof s === 'object' && 'key' in s && typeof s.key === 'string' && 'label' in s ? { key: s.key, label: s.label as SurveyText } : { key: `s${n + 1}`, label: s as SurveyText }));
      if (statements.length < 1) errors.push({ path: at('statements'), code: 'survey.statements_needed', params: name });
      if (new Set(statements.map((s) => s.key)).size !== statements.length) errors.push({ path: at('statements'), code: 'survey.options_repeat', params: name });
    } else if (q.statements && q.statements.length > 0) {
      errors.push({ path: at('statements'), code: 'survey.options_not_for_type', params: name });
    }
    let cond: QuestionCondition | null = null;
    if (q.condition) {
      const target = seen.get(q.condition.key);
      if (!target) {
        const later = input.some((o, j) => j > i && o.key === q.condition!.key) || q.condition.key === q.key;
        errors.push({ path: at('condition'), code: later ? 'survey.condition_later' : 'survey.condition_unknown', params: { ...name, target: q.condition.key } });
      } else if (target.condition) {
        errors.push({ path: at('condition'), code: 'survey.condition_nested', params: { ...name, target: target.key } });
      } else if (q.condition.values) {
        const allowed = new Set(answerValues(target));
        const wrong = q.condition.values.find((v) => !allowed.has(v));
        if (allowed.size === 0) errors.push({ path: at('condition'), code: 'survey.condition_values_for_choice', params: { ...name, target: target.key } });
        else if (wrong !== undefined) errors.push({ path: at('condition'), code: 'survey.condition_value_unknown', params: { ...name, target: target.key, value: wrong } });
      }
      cond = { key: q.condition.key, ...(q.condition.values ? { values: q.condition.values } : {}) };
    }
    const built: Question = {
      key: q.key,
      position: i + 1,
      type: q.type,
      text: q.text,
      help: q.help,
      section: Object.keys(q.section).length > 0 ? q.section : null,
      required: q.required,
      options,
      statements,
      min,
      max,
      minLabel: q.minLabel,
      maxLabel: q.maxLabel,
      condition: cond,
      retired: false,
    };
    if (!seen.has(q.key)) seen.set(q.key, built);
    questions.push(built);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, questions };
}

/** The values an answer to a choice or scale question may take (as strings); empty for the rest. */
export function answerValues(q: Pick<Question, 'type' | 'options' | 'min' | 'max'>): string[] {
  if (q.type === 'single' || q.type === 'multiple') return q.options.map((o) => o.value);
  if (q.type === 'scale' && q.min !== null && q.max !== null) return Array.from({ length: q.max - q.min + 1 }, (_, i) => String(q.min! + i));
  return [];
}

/**
 * What makes a question the same question in two waves: its type, its Danish (or first) text, its
 * choices' values, its statements and its scale. Changing any of them makes it a new question (a new
 * key); other languages, help and labels may be added.
 */
export function meaningOf(q: Pick<Question, 'type' | 'text' | 'options' | 'statements' | 'min' | 'max'>): string {
  return JSON.stringify([q.type, q.text.da ?? q.text.sv ?? q.text.en ?? '', q.options.map((o) => o.value), q.statements.map((s) => [s.key, s.label.da ?? s.label.sv ?? s.label.en]), q.min, q.max]);
}

/** Whether a question is shown, given the answers before it. */
export function isShown(q: Pick<Question, 'condition'>, answers: Readonly<Record<string, unknown>>): boolean {
  if (!q.condition) return true;
  const given = answers[q.condition.key];
  if (!hasValue(given)) return false;
  if (!q.condition.values) return true;
  const got = Array.isArray(given) ? given.map(String) : [String(given)];
  return got.some((v) => q.condition!.values!.includes(v));
}

export function hasValue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.values(v as object).some(hasValue);
  return true;
}

const TEXT_MAX = 5000;

function toInteger(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return null;
}

function toNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,12}([.,]\d{1,6})?$/.test(v.trim())) return Number(v.trim().replace(',', '.'));
  return null;
}

export interface CheckedAnswers {
  /** The answers as stored: only shown questions, values normalised (numbers as numbers). */
  answers: Record<string, unknown>;
  /** The answers flattened for counting: `key=value` per value, `key.statement=value` in a matrix, the bare `key` for who answered a multiple choice or a text. */
  cells: string[];
}

/**
 * The answers checked against the wave's questions: an answer to a question not asked, a value not
 * among the options or outside the scale, and (unless `partial`, for a saved draft) a missing answer
 * to a required question that is shown. An answer to a question its condition hides is dropped.
 */
export function checkAnswers(questions: readonly Question[], given: Readonly<Record<string, unknown>>, partial = false): { ok: true; value: CheckedAnswers } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(given)) if (!byKey.has(key)) errors.push({ path: `answers.${key}`, code: 'survey.answer_unknown_question', params: { question: key } });
  const answers: Record<string, unknown> = {};
  const cells: string[] = [];
  for (const q of questions) {
    const raw = given[q.key];
    const path = `answers.${q.key}`;
    const params = { question: q.key, text: q.text };
    if (!isShown(q, answers)) continue;
    if (!hasValue(raw)) {
      if (q.required && !partial) errors.push({ path, code: 'survey.answer_required', params });
      continue;
    }
    switch (q.type) {
      case 'single': {
        const v = String(raw);
        if (Array.isArray(raw) || !q.options.some((o) => o.value === v)) errors.push({ path, code: 'survey.answer_not_an_option', params });
        else {
          answers[q.key] = v;
          cells.push(`${q.key}=${v}`);
        }
        break;
      }
      case 'multiple': {
        const list = (Array.isArray(raw) ? raw : [raw]).map(String);
        const values = [...new Set(list)];
        if (values.some((v) => !q.options.some((o) => o.value === v))) errors.push({ path, code: 'survey.answer_not_an_option', params });
        else {
          const ordered = q.options.map((o) => o.value).filter((v) => values.includes(v));
          answers[q.key] = ordered;
          // The bare key counts who answered the question; the values count each choice.
          cells.push(q.key);
          for (const v of ordered) cells.push(`${q.key}=${v}`);
        }
        break;
      }
      case 'scale': {
        const n = toInteger(raw);
        if (n === null || n < q.min! || n > q.max!) errors.push({ path, code: 'survey.answer_outside_scale', params: { ...params, min: q.min, max: q.max } });
        else {
          answers[q.key] = n;
          cells.push(`${q.key}=${n}`);
        }
        break;
      }
      case 'matrix': {
        if (typeof raw !== 'object' || Array.isArray(raw)) {
          errors.push({ path, code: 'survey.answer_outside_scale', params: { ...params, min: q.min, max: q.max } });
          break;
        }
        const row = raw as Record<string, unknown>;
        const out: Record<string, number> = {};
        for (const k of Object.keys(row)) if (!q.statements.some((s) => s.key === k) && hasValue(row[k])) errors.push({ path: `${path}.${k}`, code: 'survey.answer_unknown_question', params: { question: `${q.key}.${k}` } });
        for (const s of q.statements) {
          if (!hasValue(row[s.key])) {
            if (q.required && !partial) errors.push({ path: `${path}.${s.key}`, code: 'survey.answer_required', params: { question: `${q.key}.${s.key}`, text: q.text } });
            continue;
          }
          const n = toInteger(row[s.key]);
          if (n === null || n < q.min! || n > q.max!) errors.push({ path: `${path}.${s.key}`, code: 'survey.answer_outside_scale', params: { question: `${q.key}.${s.key}`, text: q.text, min: q.min, max: q.max } });
          else {
            out[s.key] = n;
            cells.push(`${q.key}.${s.key}=${n}`);
          }
        }
        if (Object.keys(out).length > 0) answers[q.key] = out;
        break;
      }
      case 'number': {
        const n = toNumber(raw);
        if (n === null) errors.push({ path, code: 'survey.answer_not_a_number', params });
        else if ((q.min !== null && n < q.min) || (q.max !== null && n > q.max)) errors.push({ path, code: 'survey.answer_outside_bounds', params: { ...params, min: q.min ?? '', max: q.max ?? '' } });
        else {
          answers[q.key] = n;
          cells.push(`${q.key}=${n}`);
        }
        break;
      }
      case 'text': {
        const v = typeof raw === 'string' ? raw.trim() : null;
        if (v === null) errors.push({ path, code: 'survey.answer_not_text', params });
        else if (v.length > TEXT_MAX) errors.push({ path, code: 'survey.answer_too_long', params: { ...params, max: TEXT_MAX } });
        else if (v) {
          answers[q.key] = v;
          cells.push(q.key);
        }
        break;
      }
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { answers, cells } };
}
