import type { z } from 'zod';
import { fieldErrorsFromZod, fieldLabel, type FieldError } from '../../../platform/errors.js';
import { numberFromText } from '../../../platform/http/forms.js';
import { organisationTimeZone } from '../../../platform/i18n/format.js';
import type { Locale, Translate } from '../../../platform/i18n/i18n.js';
import type { LabelTable } from '../../../platform/i18n/labels.js';
import { localParts, zonedInstantFromLocal } from '../../../platform/i18n/zoned-time.js';
import type { FieldProblem } from '../../../platform/outcomes.js';
import { inLocale, valueFrom, type Question } from '../questions.js';
import { questionTypes, type QuestionType, type SurveyText } from '../tables.js';
import type { SurveyView } from '../surveys.js';

/*
 * The builder's forms and the survey's inputs, both ways. A text comes in three fields, one per
 * language (`text.da`, `text.sv`, `text.en`); Danish is the one every reader falls back to, so the
 * form asks for it. Choices and statements are typed one a line ("value | label", or just the label),
 * their translations one a line in the same order. Errors from the schema and from the use cases
 * are put on the form's own fields and name them as the form labels them.
 */

export const languages = ['da', 'sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const translations = ['sv', 'en'] as const;

export const languageLabel = {
  da: 'surveys.builder.language_da',
  sv: 'surveys.builder.language_sv',
  en: 'surveys.builder.language_en',
} as const satisfies LabelTable<Language>;

type QuestionField =
  | 'key'
  | 'type'
  | 'text'
  | 'help'
  | 'section'
  | 'required'
  | 'options'
  | 'statements'
  | 'scale'
  | 'minLabel'
  | 'maxLabel'
  | 'numberMin'
  | 'numberMax'
  | 'condition.key'
  | 'condition.values';

export const questionFieldLabel = {
  key: 'surveys.builder.key',
  type: 'surveys.builder.type',
  text: 'surveys.builder.text',
  help: 'surveys.builder.help',
  section: 'surveys.builder.section',
  required: 'surveys.builder.required',
  options: 'surveys.builder.options',
  statements: 'surveys.builder.statements',
  scale: 'surveys.builder.scale',
  minLabel: 'surveys.builder.min_label',
  maxLabel: 'surveys.builder.max_label',
  numberMin: 'surveys.builder.number_min',
  numberMax: 'surveys.builder.number_max',
  'condition.key': 'surveys.builder.condition_key',
  'condition.values': 'surveys.builder.condition_values',
} as const satisfies LabelTable<QuestionField>;

type SurveyField = 'unitId' | 'title' | 'intro' | 'anonymous' | 'background' | 'minGroup';
export const surveyFieldLabel = {
  unitId: 'surveys.builder.unit',
  title: 'surveys.builder.title',
  intro: 'surveys.builder.intro',
  anonymous: 'surveys.builder.anonymous',
  background: 'surveys.builder.background',
  minGroup: 'surveys.builder.min_group',
} as const satisfies LabelTable<SurveyField>;

type WaveField = 'name' | 'opensAt' | 'closesAt' | 'segmentId' | 'reminders.0' | 'reminders.1' | 'invitation.subject' | 'invitation.body';
export const waveFieldLabel = {
  name: 'surveys.wave_form.name',
  opensAt: 'surveys.wave_form.opens_at',
  closesAt: 'surveys.wave_form.closes_at',
  segmentId: 'surveys.wave_form.audience',
  'reminders.0': 'surveys.wave_form.reminder_first',
  'reminders.1': 'surveys.wave_form.reminder_second',
  'invitation.subject': 'surveys.wave_form.invitation_subject',
  'invitation.body': 'surveys.wave_form.invitation_body',
} as const satisfies LabelTable<WaveField>;

/** A field's name as the form labels it: "Spørgsmålet", or "Spørgsmålet (svensk)" for a translation. */
export function formLabel(t: Translate, field: string): string {
  const lang = /\.(da|sv|en)$/.exec(field)?.[1] as Language | undefined;
  const base = lang ? field.slice(0, -3) : field;
  const key = (questionFieldLabel as Record<string, string>)[base] ?? (surveyFieldLabel as Record<string, string>)[base] ?? (waveFieldLabel as Record<string, string>)[base];
  if (!key) return fieldLabel(t, field);
  return lang && lang !== 'da' ? t('surveys.builder.in_language', { field: t(key), language: t(languageLabel[lang]) }) : t(key);
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? str(v[0]) : '');
export const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(str) : typeof v === 'string' && v !== '' ? [v.trim()] : []).filter(Boolean);
const lines = (v: unknown): string[] =>
  (typeof v === 'string' ? v : '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const checked = (v: unknown): boolean => v === 'on' || v === true;

/** A field's texts in its languages as the schema takes them; languages left blank are left out, all blank is undefined. */
function textOf(values: Record<string, unknown>, name: string): SurveyText | undefined {
  const out: SurveyText = {};
  for (const l of languages) {
    const s = str(values[`${name}.${l}`]);
    if (s) out[l] = s;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A text given in other languages but not in Danish, the language every reader falls back to. */
function danishMissing(values: Record<string, unknown>, name: string, errors: FieldProblem[]): void {
  if (!str(values[`${name}.da`]) && translations.some((l) => str(values[`${name}.${l}`]))) errors.push({ path: `${name}.da`, code: 'surveys.builder.danish_required' });
}

const OPTION_VALUE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const STATEMENT_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** "value | label" → both; a line without a bar is its label alone. */
function splitLine(line: string): { own?: string; label: string } {
  const bar = line.indexOf('|');
  return bar < 0 ? { label: line } : { own: line.slice(0, bar).trim(), label: line.slice(bar + 1).trim() };
}

/** Lines of a translation, in the order of the Danish ones; a bar's left part (a value) is dropped. */
function translatedLines(values: Record<string, unknown>, name: string, count: number, errors: FieldProblem[]): Record<'sv' | 'en', string[]> {
  const out = { sv: [] as string[], en: [] as string[] };
  for (const l of translations) {
    const got = lines(values[`${name}.${l}`]).map((x) => splitLine(x).label);
    if (got.length > 0 && got.length !== count) errors.push({ path: `${name}.${l}`, code: 'surveys.builder.translation_lines', params: { count } });
    out[l] = got;
  }
  return out;
}

function withTranslations(da: string, n: number, other: Record<'sv' | 'en', string[]>): SurveyText {
  const label: SurveyText = { da };
  for (const l of translations) if (other[l][n]) label[l] = other[l][n];
  return label;
}

function optionsFrom(values: Record<string, unknown>, errors: FieldProblem[]) {
  const da = lines(values.options);
  const other = translatedLines(values, 'options', da.length, errors);
  return da.map((line, n) => {
    const { own, label } = splitLine(line);
    if (own !== undefined && !OPTION_VALUE.test(own)) errors.push({ path: 'options', code: 'surveys.builder.option_value_format', params: { line: n + 1, value: own } });
    if (!label) errors.push({ path: 'options', code: 'surveys.builder.line_label_missing', params: { line: n + 1 } });
    return { value: own || valueFrom(label, n), label: withTranslations(label, n, other) };
  });
}

function statementsFrom(values: Record<string, unknown>, errors: FieldProblem[]) {
  const da = lines(values.statements);
  const other = translatedLines(values, 'statements', da.length, errors);
  const parsed = da.map((line) => splitLine(line));
  const taken = new Set(parsed.map((p) => p.own).filter((k): k is string => Boolean(k)));
  let next = 1;
  return parsed.map(({ own, label }, n) => {
    if (own !== undefined && !STATEMENT_KEY.test(own)) errors.push({ path: 'statements', code: 'surveys.builder.statement_key_format', params: { line: n + 1, value: own } });
    if (!label) errors.push({ path: 'statements', code: 'surveys.builder.line_label_missing', params: { line: n + 1 } });
    let key = own;
    if (!key) {
      while (taken.has(`s${next}`)) next++;
      key = `s${next}`;
      taken.add(key);
    }
    return { key, label: withTranslations(label, n, other) };
  });
}

/** An answer to a condition's question as typed (its value, or its label in any language) → the value. */
function conditionValue(target: Question | undefined, typed: string): string {
  if (!target) return typed;
  const lower = typed.toLowerCase();
  const option = target.options.find((o) => o.value === typed || Object.values(o.label).some((l) => l?.toLowerCase() === lower));
  return option ? option.value : typed;
}

/** A key made from the question's Danish text: a few words, lower case, not one the survey has used. */
export function suggestKey(text: string, taken: ReadonlySet<string>): string {
  const slug = valueFrom(text, 0).replace(/-/g, '_');
  const words = /^[a-z]/.test(slug) && !/^o\d+$/.test(slug) ? slug.split('_') : ['q'];
  let base = '';
  for (const w of words) {
    if (base && base.length + w.length + 1 > 30) break;
    base = base ? `${base}_${w}` : w;
  }
  base = base.slice(0, 30);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

const SCALES: Record<string, [number, number]> = { '1-5': [1, 5], '0-10': [0, 10] };

export interface QuestionContext {
  /** Keys the question may not take: the survey's others, retired ones included. */
  taken: ReadonlySet<string>;
  /** The questions before this one, which a condition may refer to. */
  earlier: readonly Question[];
}

/**
 * The question form's fields → the question as the schema takes it, with the form's own problems
 * (lines, translations, Danish) by form field. A key left blank is made from the Danish text.
 */
export function questionFromForm(values: Record<string, unknown>, ctx: QuestionContext): { input: Record<string, unknown>; errors: FieldProblem[]; suggestedKey: string | null } {
  const errors: FieldProblem[] = [];
  const type = str(values.type);
  const text = textOf(values, 'text');
  danishMissing(values, 'text', errors);
  for (const f of ['help', 'section', 'minLabel', 'maxLabel']) danishMissing(values, f, errors);
  let key = str(values.key);
  let suggestedKey: string | null = null;
  if (!key) {
    key = suggestKey(text?.da ?? '', ctx.taken);
    if (text?.da) suggestedKey = key;
  }
  const input: Record<string, unknown> = {
    key,
    type,
    text: text ?? {},
    help: textOf(values, 'help'),
    section: textOf(values, 'section'),
    required: checked(values.required),
  };
  const t = type as QuestionType;
  if (t === 'single' || t === 'multiple') input.options = optionsFrom(values, errors);
  if (t === 'matrix') input.statements = statementsFrom(values, errors);
  if (t === 'scale' || t === 'matrix') {
    const ends = SCALES[str(values.scale) || '1-5'];
    if (!ends) errors.push({ path: 'scale', code: 'validation.invalid_choice' });
    else [input.min, input.max] = ends;
    input.minLabel = textOf(values, 'minLabel');
    input.maxLabel = textOf(values, 'maxLabel');
  }
  if (t === 'number') {
    const min = numberFromText(values.numberMin);
    const max = numberFromText(values.numberMax);
    if (min !== null && min !== undefined) input.min = min;
    if (max !== null && max !== undefined) input.max = max;
  }
  const target = str(values['condition.key']);
  const typed = str(values['condition.values'])
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!target && typed.length > 0) errors.push({ path: 'condition.key', code: 'surveys.builder.condition_key_needed' });
  if (target) {
    const q = ctx.earlier.find((x) => x.key === target);
    input.condition = { key: target, ...(typed.length > 0 ? { values: typed.map((v) => conditionValue(q, v)) } : {}) };
  } else input.condition = null;
  if (!questionTypes.includes(t) && type) errors.push({ path: 'type', code: 'validation.invalid_choice' });
  return { input, errors, suggestedKey };
}

const textIfAny = (t: SurveyText | null | undefined): SurveyText | undefined => (t && Object.values(t).some(Boolean) ? t : undefined);

/** A stored question as the schema takes it again (when the whole list is sent back with one changed). */
export function questionAsInput(q: Question): Record<string, unknown> {
  return {
    key: q.key,
    type: q.type,
    text: q.text,
    help: textIfAny(q.help),
    section: textIfAny(q.section),
    required: q.required,
    ...(q.options.length > 0 ? { options: q.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
    ...(q.statements.length > 0 ? { statements: q.statements.map((s) => ({ key: s.key, label: s.label })) } : {}),
    ...(q.min !== null ? { min: q.min } : {}),
    ...(q.max !== null ? { max: q.max } : {}),
    minLabel: textIfAny(q.minLabel),
    maxLabel: textIfAny(q.maxLabel),
    condition: q.condition,
  };
}

/** A translation's lines for choices or statements: empty when none is translated, else one a line (Danish where one is missing). */
function translationLines(items: readonly { label: SurveyText }[], l: 'sv' | 'en'): string {
  if (!items.some((i) => i.label[l])) return '';
  return items.map((i) => i.label[l] || inLocale(i.label, 'da')).join('\n');
}

/** A saved question as its edit form shows it. */
export function questionValues(q: Question): Record<string, unknown> {
  const v: Record<string, unknown> = { key: q.key, type: q.type, required: q.required ? 'on' : '' };
  for (const l of languages) {
    v[`text.${l}`] = q.text[l] ?? '';
    v[`help.${l}`] = q.help[l] ?? '';
    v[`section.${l}`] = q.section?.[l] ?? '';
    v[`minLabel.${l}`] = q.minLabel[l] ?? '';
    v[`maxLabel.${l}`] = q.maxLabel[l] ?? '';
  }
  v.options = q.options.map((o) => `${o.value} | ${inLocale(o.label, 'da')}`).join('\n');
  v.statements = q.statements.map((s) => `${s.key} | ${inLocale(s.label, 'da')}`).join('\n');
  for (const l of translations) {
    v[`options.${l}`] = translationLines(q.options, l);
    v[`statements.${l}`] = translationLines(q.statements, l);
  }
  if (q.type === 'scale' || q.type === 'matrix') v.scale = q.min === 0 ? '0-10' : '1-5';
  else v.scale = '1-5';
  if (q.type === 'number') {
    v.numberMin = q.min === null ? '' : String(q.min);
    v.numberMax = q.max === null ? '' : String(q.max);
  }
  v['condition.key'] = q.condition?.key ?? '';
  v['condition.values'] = (q.condition?.values ?? []).join(', ');
  return v;
}

/** A new question's form: a single choice, on the scale of 1 to 5 should it become one. */
export const newQuestionValues = (): Record<string, unknown> => ({ type: 'single', scale: '1-5' });

/** A path of a question's input (after `questions.<i>.`) → the question form's field. */
export function questionFieldOf(rest: string, type: string, code = ''): string {
  const parts = rest.split('.');
  const head = parts[0];
  const last = parts[parts.length - 1];
  const lang = (languages as readonly string[]).includes(last) ? last : 'da';
  switch (head) {
    case 'key':
    case 'type':
    case 'required':
      return head;
    case 'text':
    case 'help':
    case 'section':
    case 'minLabel':
    case 'maxLabel':
      return `${head}.${lang}`;
    case 'options':
    case 'statements':
      return lang === 'da' ? head : `${head}.${lang}`;
    case 'min':
    case 'max':
      return type === 'number' ? (head === 'min' ? 'numberMin' : 'numberMax') : 'scale';
    case 'condition':
      return parts[1] === 'values' || code === 'survey.condition_value_unknown' || code === 'survey.condition_values_for_choice' ? 'condition.values' : 'condition.key';
    default:
      return '';
  }
}

/** A path of the survey's input → the survey form's field; the first question's fields are the form's too. */
export function surveyFieldOf(path: string, type: string, code = ''): string {
  const parts = path.split('.');
  const head = parts[0];
  const last = parts[parts.length - 1];
  const lang = (languages as readonly string[]).includes(last) ? last : 'da';
  if (head === 'title' || head === 'intro') return `${head}.${lang}`;
  if (head === 'anonymous' || head === 'background' || head === 'unitId' || head === 'minGroup') return head;
  if (head === 'questions' && parts[1] === '0' && parts.length > 2) return questionFieldOf(parts.slice(2).join('.'), type, code);
  return '';
}

/** A path of the wave's input → the wave form's field; `reminderFields` says which field each given reminder came from. */
export function waveFieldOf(path: string, reminderFields: readonly string[]): string {
  const parts = path.split('.');
  const head = parts[0];
  if (head === 'name' || head === 'opensAt' || head === 'closesAt' || head === 'segmentId') return head;
  if (head === 'reminders') return reminderFields[Number(parts[1])] ?? 'reminders.0';
  if (head === 'invitation') {
    const part = parts[1] === 'subject' ? 'subject' : 'body';
    const last = parts[parts.length - 1];
    return `invitation.${part}.${(languages as readonly string[]).includes(last) ? last : 'da'}`;
  }
  return '';
}

type Issue = z.core.$ZodIssue;

/** A union's issue → the issue of the branch that says what is wrong (a text too long in Swedish), with its whole path. */
function sharpen(issue: Issue): Issue {
  if (issue.code !== 'invalid_union') return issue;
  const branches = (issue as { errors?: Issue[][] }).errors ?? [];
  const telling = branches.find((b) => b.length > 0 && !b.every((i) => i.code === 'invalid_type' || i.code === 'invalid_value'));
  if (!telling) return issue;
  const inner = sharpen(telling[0]);
  return { ...inner, path: [...issue.path, ...inner.path] } as Issue;
}

/** The schema's issues as errors on the form's fields, each naming its field as the form labels it. */
export function schemaErrors(t: Translate, error: { issues: Issue[] }, fieldOf: (path: string) => string): FieldError[] {
  return error.issues.map((raw) => {
    const issue = sharpen(raw);
    const field = fieldOf(issue.path.map(String).join('.'));
    const own = field ? formLabel(t, field) : '';
    const named = ((key: string, params?: Record<string, unknown>) => t(key, params && 'field' in params && own ? { ...params, field: own } : params)) as unknown as Translate;
    const [e] = fieldErrorsFromZod({ issues: [issue] }, named);
    return { ...e, path: field };
  });
}

/** A problem's parameters as the reader reads them: a question by its text in their language. */
function readable(params: Record<string, unknown> | undefined, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(params ?? {}) };
  if (params?.text && typeof params.text === 'object') out.text = inLocale(params.text as SurveyText, locale);
  else if (typeof params?.question === 'string' && out.text === undefined) out.text = params.question;
  return out;
}

/**
 * Problems (the form's own or a use case's) as errors on the form's fields; a problem of another
 * question than the form's, or of the survey as a whole, is told above the form (path '').
 */
export function problemErrors(t: Translate, locale: Locale, problems: readonly FieldProblem[], fieldOf: (path: string, code: string) => string): FieldError[] {
  return problems.map((p) => {
    const field = fieldOf(p.path, p.code);
    const params = readable(p.params, locale);
    return { path: field, code: p.code, message: t(p.code, { ...params, field: field ? formLabel(t, field) : fieldLabel(t, p.path) }) };
  });
}

/** The survey form's fields → the survey's input (its settings; the first question is read by `questionFromForm`). */
export function surveyFromForm(values: Record<string, unknown>, opts: { withUnit: boolean; withFixed: boolean }): { input: Record<string, unknown>; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  danishMissing(values, 'title', errors);
  danishMissing(values, 'intro', errors);
  const input: Record<string, unknown> = { title: textOf(values, 'title') ?? {}, intro: textOf(values, 'intro') };
  if (opts.withUnit) input.unitId = str(values.unitId) || undefined;
  if (opts.withFixed) {
    const anonymous = str(values.anonymous);
    if (anonymous !== 'yes' && anonymous !== 'no') errors.push({ path: 'anonymous', code: 'surveys.builder.anonymous_required' });
    input.anonymous = anonymous === 'yes';
    input.background = many(values.background);
  }
  const minGroup = numberFromText(values.minGroup);
  if (minGroup !== null && minGroup !== undefined) input.minGroup = minGroup;
  return { input, errors };
}

/** A new survey's form: anonymous, no background variables, the one unit if the reader has one, a first question. */
export const newSurveyValues = (unitId: string | undefined, minGroup: number): Record<string, unknown> => ({ unitId, anonymous: 'yes', background: [], minGroup: String(minGroup), ...newQuestionValues() });

/** A saved survey's settings as the settings form shows them. */
export function surveyValues(s: SurveyView): Record<string, unknown> {
  const v: Record<string, unknown> = { anonymous: s.anonymous ? 'yes' : 'no', background: s.background, minGroup: String(s.minGroup) };
  for (const l of languages) {
    v[`title.${l}`] = s.title[l] ?? '';
    v[`intro.${l}`] = s.intro[l] ?? '';
  }
  return v;
}

/** A datetime-local field's value on the organisation's clock. */
export const localTime = (d: Date): string => {
  const p = localParts(d, organisationTimeZone);
  return `${p.date}T${p.time}`;
};

/** A new wave's form: opening at the next full hour, closing two weeks later, for every active member. */
export function newWaveValues(now = new Date()): Record<string, unknown> {
  const opens = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  return { opensAt: localTime(opens), closesAt: localTime(new Date(opens.getTime() + 14 * 86_400_000)), segmentId: '' };
}

/**
 * The wave form's fields → the wave's input. Times are typed on the organisation's clock
 * (datetime-local has no zone) and sent as instants; reminders left blank are left out.
 */
export function waveFromForm(values: Record<string, unknown>): { input: Record<string, unknown>; errors: FieldProblem[]; reminderFields: string[] } {
  const errors: FieldProblem[] = [];
  const at = (name: string, required: boolean): string | undefined => {
    const raw = str(values[name]);
    if (!raw) {
      if (required) errors.push({ path: name, code: 'validation.required' });
      return undefined;
    }
    const d = zonedInstantFromLocal(raw, organisationTimeZone);
    if (!d) errors.push({ path: name, code: 'validation.invalid_datetime' });
    return d ? d.toISOString() : undefined;
  };
  const reminderFields: string[] = [];
  const reminders: string[] = [];
  const input: Record<string, unknown> = { opensAt: at('opensAt', true), closesAt: at('closesAt', true), reminders };
  for (const name of ['reminders.0', 'reminders.1']) {
    const r = at(name, false);
    if (r) {
      reminders.push(r);
      reminderFields.push(name);
    }
  }
  const name = str(values.name);
  if (name) input.name = name;
  const segmentId = str(values.segmentId);
  if (segmentId) input.segmentId = segmentId;
  danishMissing(values, 'invitation.subject', errors);
  danishMissing(values, 'invitation.body', errors);
  const subject = textOf(values, 'invitation.subject');
  const body = textOf(values, 'invitation.body');
  if (subject || body) input.invitation = { subject: subject ?? {}, body: body ?? {} };
  return { input, errors, reminderFields };
}
