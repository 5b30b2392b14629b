import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { defaultLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { isoOrNull, type PersonalDataPart } from '../../kernel/personal-data.js';
import { inLocale, type Question } from './questions.js';
import { loadQuestions } from './surveys.js';
import type { SurveyText, WaveStatus } from './tables.js';

/*
 * The surveys' part of a person's data export (GDPR art. 15/20).
 *
 * As a respondent: every wave they were invited to — the survey, the wave, its times and whether they
 * have answered — with the answers they saved to continue later, and, for a survey that is not
 * anonymous, their response with its answers. Answers read as the questions and choices in the
 * export's language, not as stored keys.
 *
 * An anonymous survey's response cannot be exported, and the export says so: it is stored without
 * the person (no person, no time, a random id, rewritten in random order), so nothing leads from the
 * person to it — not for the organisation, and therefore not for the export either. What is stored
 * with them is the "has answered" flag (so that reminders reach only those who have not) and a
 * draft until it is submitted; both are in the export.
 *
 * As staff: the surveys they built and the waves they set up, by title.
 */

type InvitationRow = {
  survey_id: string;
  title: SurveyText;
  unit: string;
  anonymous: boolean;
  wave: string;
  opens_at: string;
  closes_at: string;
  status: WaveStatus;
  question_keys: string[] | string;
  answered: boolean;
  draft: Record<string, unknown> | string | null;
  saved_at: string | null;
  response: Record<string, unknown> | string | null;
};

const json = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const textArray = (v: string[] | string): string[] => (Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean));

/** One answer as the person reads it: the question's text and the answer in words (a choice's label, a statement's text). */
export type ExportedAnswer = { question: string; answer: unknown };

export function readableAnswers(questions: readonly Question[], order: readonly string[], answers: Record<string, unknown>, locale: Locale): ExportedAnswer[] {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const keys = [...order, ...Object.keys(answers).filter((k) => !order.includes(k))];
  return keys.flatMap((key) => {
    if (!(key in answers)) return [];
    const q = byKey.get(key);
    const value = answers[key];
    if (!q) return [{ question: key, answer: value }];
    const label = (v: unknown) => {
      const o = q.options.find((x) => x.value === v);
      return o ? inLocale(o.label, locale) : v;
    };
    let answer: unknown = value;
    if (q.type === 'single') answer = label(value);
    else if (q.type === 'multiple' && Array.isArray(value)) answer = value.map(label);
    else if (q.type === 'matrix' && value && typeof value === 'object') {
      // In the question's order of statements (jsonb keeps its keys in an order of its own).
      const row = value as Record<string, unknown>;
      const known = q.statements.filter((s) => s.key in row).map((s) => ({ statement: inLocale(s.label, locale), answer: row[s.key] }));
      answer = [...known, ...Object.keys(row).filter((k) => !q.statements.some((s) => s.key === k)).map((k) => ({ statement: k, answer: row[k] }))];
    }
    return [{ question: inLocale(q.text, locale), answer }];
  });
}

async function invitations(tx: Db, personId: string, locale: Locale): Promise<unknown[]> {
  const rows = await queryRows<InvitationRow>(
    tx,
    sql`select s.id as survey_id, s.title, u.name as unit, s.anonymous, w.name as wave, w.opens_at, w.closes_at, w.status, w.question_keys, i.answered,
          d.answers as draft, d.saved_at,
          case when s.anonymous then null else r.answers end as response
        from survey_invitees i
        join survey_waves w on w.id = i.wave_id
        join surveys s on s.id = w.survey_id
        join units u on u.id = s.unit_id
        left join survey_drafts d on d.wave_id = i.wave_id and d.person_id = i.person_id
        left join survey_responses r on r.wave_id = i.wave_id and r.person_id = i.person_id and not s.anonymous
        where i.person_id = ${personId}::uuid
        order by w.opens_at, s.id`,
  );
  const t = translator(locale);
  const questions = new Map<string, Question[]>();
  for (const id of new Set(rows.map((r) => r.survey_id))) questions.set(id, await loadQuestions(tx, id));
  return rows.map((r) => {
    const qs = questions.get(r.survey_id) ?? [];
    const order = textArray(r.question_keys);
    const draft = json(r.draft);
    const response = json(r.response);
    return {
      survey: inLocale(r.title, locale),
      unit: r.unit,
      wave: r.wave,
      opensAt: isoOrNull(r.opens_at),
      closesAt: isoOrNull(r.closes_at),
      waveStatus: r.status,
      anonymous: r.anonymous,
      answered: r.answered,
      draft: draft ? { savedAt: isoOrNull(r.saved_at), answers: readableAnswers(qs, order, draft, locale) } : null,
      response: response ? { answers: readableAnswers(qs, order, response, locale) } : null,
      note: r.anonymous ? t(r.answered ? 'surveys.personal_data.anonymous_answered' : 'surveys.personal_data.anonymous_not_answered') : null,
    };
  });
}

async function workForTheOrganisation(tx: Db, personId: string, locale: Locale): Promise<unknown> {
  const title = (col: ReturnType<typeof sql>) => sql`coalesce(${col} ->> ${locale}, ${col} ->> 'da', ${col} ->> 'sv', ${col} ->> 'en')`;
  const surveys = await queryRows<{ survey: string; unit: string; created_at: string }>(
    tx,
    sql`select ${title(sql`s.title`)} as survey, u.name as unit, s.created_at from surveys s join units u on u.id = s.unit_id where s.created_by = ${personId}::uuid order by s.created_at`,
  );
  const waves = await queryRows<{ survey: string; wave: string; created_at: string }>(
    tx,
    sql`select ${title(sql`s.title`)} as survey, w.name as wave, w.created_at from survey_waves w join surveys s on s.id = w.survey_id where w.created_by = ${personId}::uuid order by w.created_at`,
  );
  return {
    surveysCreated: surveys.map((s) => ({ survey: s.survey, unit: s.unit, createdAt: isoOrNull(s.created_at) })),
    wavesCreated: waves.map((w) => ({ survey: w.survey, wave: w.wave, createdAt: isoOrNull(w.created_at) })),
  };
}

export const surveysPersonalData: readonly PersonalDataPart[] = [
  {
    key: 'surveyInvitations',
    tables: ['survey_invitees', 'survey_drafts', 'survey_responses'],
    async collect(tx, personId, locale = defaultLocale) {
      return { data: await invitations(tx, personId, locale) };
    },
  },
  {
    key: 'surveyWorkForTheOrganisation',
    tables: ['surveys', 'survey_waves'],
    async collect(tx, personId, locale = defaultLocale) {
      return { data: await workForTheOrganisation(tx, personId, locale) };
    },
  },
];
