import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { can } from './policy.js';
import { answerValues, type Question } from './questions.js';
import type { ResultsQuery } from './schema.js';
import { loadQuestions, minGroupOf, surveyFor, type SurveyRow } from './surveys.js';
import { surveyWaves, type BackgroundVariable } from './tables.js';
import { waveFor, type WaveRow } from './waves.js';
import { waveQuestions } from './answering.js';

/*
 * Results never show a group smaller than the survey's smallest group (`minGroup`, at least the
 * installation's SURVEY_MIN_GROUP): a count of 1 … minGroup−1 is shown as suppressed (null), and
 * when that leaves exactly one suppressed count in a question — which the others and the total would
 * give away — the next smallest is suppressed with it. A filter that leaves fewer responses than the
 * smallest group is refused; free-text answers are listed only from that many answers up.
 */

/** Counts by value; null is a suppressed count. */
export type Counts = Record<string, number | null>;

export type QuestionResult = {
  key: string;
  type: Question['type'];
  /** How many responses answered it (null when suppressed). */
  answered: number | null;
  /** single, multiple, scale, number: by value; matrix: by statement, then by value. */
  counts: Counts | Record<string, Counts>;
  /** Count / answered, 0..1, for each shown count. */
  shares: Record<string, number | null> | Record<string, Record<string, number | null>>;
  /** Scale and number questions: the mean of the answers (null when suppressed); matrix: by statement. */
  mean?: number | null | Record<string, number | null>;
  median?: number | null;
  /** Text questions: the answers (at most TEXTS_SHOWN, picked at random), when at least minGroup answered. */
  texts?: string[] | null;
};

export type WaveResults = {
  waveId: string;
  surveyId: string;
  /** Responses in the group shown (all, or the filtered ones). */
  responses: number;
  invitees: number;
  /** Responses / invitees for the whole wave (0..1); null under a filter (invitees have no background). */
  rate: number | null;
  minGroup: number;
  /** True when the group is under the smallest group: nothing but the number of responses is shown. */
  suppressed: boolean;
  filter: ResultsQuery;
  questions: QuestionResult[];
};

export type ResultsRefusal = Refusal | Invalid | { ok: false; reason: 'group_too_small'; field: string; params: { min: number } };

const FILTER_COLUMNS: Record<keyof ResultsQuery, { variable: BackgroundVariable; column: SQL }> = {
  unit: { variable: 'unit', column: sql`r.bg_unit::text` },
  membershipType: { variable: 'membership_type', column: sql`r.bg_membership_type::text` },
  workplaceKind: { variable: 'workplace_kind', column: sql`r.bg_workplace_kind` },
};

/** The filter as SQL, or the field that names a variable the survey did not declare. */
function filterSql(survey: SurveyRow, filter: ResultsQuery): { ok: true; where: SQL } | { ok: false; field: string } {
  const parts: SQL[] = [];
  for (const [name, value] of Object.entries(filter) as [keyof ResultsQuery, string | undefined][]) {
    if (value === undefined) continue;
    const f = FILTER_COLUMNS[name];
    if (!survey.background.includes(f.variable)) return { ok: false, field: name };
    parts.push(sql`${f.column} = ${value}`);
  }
  return { ok: true, where: parts.length > 0 ? sql.join(parts, sql` and `) : sql`true` };
}

/** Hides counts under the smallest group, and one more when a single hidden count could be worked out from the rest. */
export function suppress(counts: Readonly<Record<string, number>>, min: number, complementary = true): Counts {
  const out: Counts = { ...counts };
  const hidden = Object.keys(out).filter((k) => out[k]! > 0 && out[k]! < min);
  for (const k of hidden) out[k] = null;
  // Counts that add up to the total shown (one choice each) give a lone hidden count away; choices of a multiple choice do not add up.
  if (hidden.length === 1 && complementary) {
    const next = Object.keys(out)
      .filter((k) => out[k] !== null && out[k]! > 0)
      .sort((a, b) => (out[a] as number) - (out[b] as number))[0];
    if (next !== undefined) out[next] = null;
  }
  return out;
}

function sharesOf(counts: Counts, answered: number | null): Record<string, number | null> {
  return Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, n === null || !answered ? null : n / answered]));
}

function meanOf(byValue: Map<number, number>): number | null {
  let n = 0;
  let sum = 0;
  for (const [v, c] of byValue) {
    n += c;
    sum += v * c;
  }
  return n > 0 ? sum / n : null;
}

function medianOf(byValue: Map<number, number>): number | null {
  const sorted = [...byValue].sort((a, b) => a[0] - b[0]);
  const n = sorted.reduce((s, [, c]) => s + c, 0);
  if (n === 0) return null;
  const at = (i: number) => {
    let seen = 0;
    for (const [v, c] of sorted) if ((seen += c) > i) return v;
    return sorted[sorted.length - 1][0];
  };
  return n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** The counts of every cell of a wave's responses in a group: one scan of the responses. */
async function tally(db: Db, waveId: string, where: SQL): Promise<{ responses: number; cells: Map<string, number> }> {
  const rows = await queryRows<{ cell: string | null; n: number }>(
    db,
    sql`select null as cell, count(*)::int as n from survey_responses r where r.wave_id = ${waveId}::uuid and ${where}
        union all
        select c as cell, count(*)::int as n from survey_responses r, unnest(r.cells) c where r.wave_id = ${waveId}::uuid and ${where} group by c`,
  );
  const cells = new Map<string, number>();
  let responses = 0;
  for (const r of rows) {
    if (r.cell === null) responses = r.n;
    else cells.set(r.cell, r.n);
  }
  return { responses, cells };
}

function questionResult(q: Question, cells: Map<string, number>, min: number, texts: string[] | undefined): QuestionResult {
  const count = (cell: string) => cells.get(cell) ?? 0;
  if (q.type === 'single' || q.type === 'multiple' || q.type === 'scale') {
    const raw = Object.fromEntries(answerValues(q).map((v) => [v, count(`${q.key}=${v}`)]));
    const answered = q.type === 'multiple' ? count(q.key) : Object.values(raw).reduce((a, b) => a + b, 0);
    const shown = answered >= min;
    const counts = shown ? suppress(raw, min, q.type !== 'multiple') : Object.fromEntries(Object.keys(raw).map((k) => [k, null]));
    const result: QuestionResult = { key: q.key, type: q.type, answered: shown ? answered : null, counts, shares: sharesOf(counts, shown ? answered : null) };
    if (q.type === 'scale') result.mean = shown ? meanOf(new Map(Object.entries(raw).map(([v, n]) => [Number(v), n]))) : null;
    return result;
  }
  if (q.type === 'matrix') {
    const counts: Record<string, Counts> = {};
    const shares: Record<string, Record<string, number | null>> = {};
    const mean: Record<string, number | null> = {};
    let answeredMax = 0;
    for (const s of q.statements) {
      const raw: Record<string, number> = {};
      for (let v = q.min!; v <= q.max!; v++) raw[String(v)] = count(`${q.key}.${s.key}=${v}`);
      const answered = Object.values(raw).reduce((a, b) => a + b, 0);
      answeredMax = Math.max(answeredMax, answered);
      const shown = answered >= min;
      counts[s.key] = shown ? suppress(raw, min) : Object.fromEntries(Object.keys(raw).map((k) => [k, null]));
      shares[s.key] = sharesOf(counts[s.key], shown ? answered : null);
      mean[s.key] = shown ? meanOf(new Map(Object.entries(raw).map(([v, n]) => [Number(v), n]))) : null;
    }
    return { key: q.key, type: q.type, answered: answeredMax >= min ? answeredMax : null, counts, shares, mean };
  }
  if (q.type === 'number') {
    const prefix = `${q.key}=`;
    const byValue = new Map<number, number>();
    for (const [cell, n] of cells) if (cell.startsWith(prefix)) byValue.set(Number(cell.slice(prefix.length)), n);
    const answered = [...byValue.values()].reduce((a, b) => a + b, 0);
    const shown = answered >= min;
    const raw = Object.fromEntries([...byValue].sort((a, b) => a[0] - b[0]).map(([v, n]) => [String(v), n]));
    const counts = shown ? suppress(raw, min) : {};
    return { key: q.key, type: q.type, answered: shown ? answered : null, counts, shares: sharesOf(counts, shown ? answered : null), mean: shown ? meanOf(byValue) : null, median: shown ? medianOf(byValue) : null };
  }
  const answered = count(q.key);
  const shown = answered >= min;
  return { key: q.key, type: q.type, answered: shown ? answered : null, counts: {}, shares: {}, texts: shown ? (texts ?? []) : null };
}

/** The most free-text answers a result lists per question; the rest are counted (`answered`). */
export const TEXTS_SHOWN = 200;

/** Free-text answers of a group, at most TEXTS_SHOWN per question, picked at random (never in the order they came in). */
async function textAnswers(db: Db, waveId: string, where: SQL, keys: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (keys.length === 0) return out;
  const rows = await queryRows<{ key: string; text: string }>(
    db,
    sql`select key, text from (
          select k as key, r.answers->>k as text, row_number() over (partition by k order by random()) as n
          from survey_responses r, unnest(array[${sql.join(
            keys.map((k) => sql`${k}`),
            sql`, `,
          )}]::text[]) k
          where r.wave_id = ${waveId}::uuid and ${where} and r.answers ? k) t
        where n <= ${TEXTS_SHOWN}`,
  );
  for (const r of rows) (out.get(r.key) ?? out.set(r.key, []).get(r.key)!).push(r.text);
  return out;
}

type Computed = { ok: true; results: WaveResults } | ResultsRefusal;

/** Results already counted, per database handle: by wave, filter and questions, with the number of responses they counted. */
const counted = new WeakMap<object, Map<string, { responses: number; value: Promise<Computed> }>>();
const COUNTED_MAX = 200;

/**
 * A wave's results for the group a filter picks. Responses are only ever added (the mix rewrites
 * them unchanged), so results counted from the same number of a wave's responses are the same
 * results: they are kept (up to COUNTED_MAX per process) and counted again when a response has come
 * in since. A closed wave is counted once per filter.
 */
export async function computeResults(db: Db, survey: SurveyRow, wave: WaveRow, filter: ResultsQuery, questions: readonly Question[]): Promise<Computed> {
  const [{ n }] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from survey_responses where wave_id = ${wave.id}::uuid`);
  const key = JSON.stringify([wave.id, filter.unit ?? null, filter.membershipType ?? null, filter.workplaceKind ?? null, minGroupOf(survey), survey.background, questions.map((q) => q.key)]);
  let store = counted.get(db);
  if (!store) counted.set(db, (store = new Map()));
  const hit = store.get(key);
  if (hit && hit.responses === n) return hit.value;
  const value = countResults(db, survey, wave, filter, questions);
  store.delete(key);
  store.set(key, { responses: n, value });
  if (store.size > COUNTED_MAX) store.delete(store.keys().next().value!);
  value.catch(() => store.delete(key));
  return value;
}

/** Forgets every result counted in this process (the benchmark times counting afresh). */
export function forgetCountedResults(db: Db): void {
  counted.delete(db);
}

/** A wave's results for the group a filter picks, counted from its responses now. */
async function countResults(db: Db, survey: SurveyRow, wave: WaveRow, filter: ResultsQuery, questions: readonly Question[]): Promise<{ ok: true; results: WaveResults } | ResultsRefusal> {
  const min = minGroupOf(survey);
  const f = filterSql(survey, filter);
  if (!f.ok) return invalidInput({ path: f.field, code: 'survey.filter_not_declared' });
  const filtered = Object.values(filter).some((v) => v !== undefined);
  const { responses, cells } = await tally(db, wave.id, f.where);
  if (filtered && responses < min) return { ok: false, reason: 'group_too_small', field: Object.keys(filter).find((k) => filter[k as keyof ResultsQuery] !== undefined)!, params: { min } };
  const [{ answered }] = await queryRows<{ answered: number }>(db, sql`select count(*)::int as answered from survey_invitees where wave_id = ${wave.id}::uuid and answered`);
  const suppressed = responses < min;
  const textKeys = suppressed ? [] : questions.filter((q) => q.type === 'text' && (cells.get(q.key) ?? 0) >= min).map((q) => q.key);
  const texts = await textAnswers(db, wave.id, f.where, textKeys);
  const noCells = new Map<string, number>();
  return {
    ok: true,
    results: {
      waveId: wave.id,
      surveyId: survey.id,
      responses,
      invitees: wave.invitees,
      rate: filtered || wave.invitees === 0 ? null : answered / wave.invitees,
      minGroup: min,
      suppressed,
      filter,
      questions: questions.map((q) => questionResult(q, suppressed ? noCells : cells, min, texts.get(q.key))),
    },
  };
}

/** A wave's results as staff and the board of the survey's unit see them. */
export async function waveResults(db: Db, actor: Actor, waveId: string, filter: ResultsQuery = {}): Promise<{ ok: true; results: WaveResults; wave: WaveRow; survey: SurveyRow; questions: Question[] } | ResultsRefusal> {
  const found = await waveFor(db, actor, waveId);
  if (!found.ok) return found;
  if (!can(actor, 'survey.results', found.survey)) return forbidden;
  if (found.wave.status === 'scheduled') return notFound;
  const questions = await waveQuestions(db, found.wave);
  const computed = await computeResults(db, found.survey, found.wave, filter, questions);
  if (!computed.ok) return computed;
  return { ok: true, results: computed.results, wave: found.wave, survey: found.survey, questions };
}

/** The categories a filter may pick, each with its number of responses; those under the smallest group are marked. */
export async function filterChoices(db: Db, survey: SurveyRow, waveId: string): Promise<Record<keyof ResultsQuery, { value: string; responses: number; enough: boolean }[]>> {
  const min = minGroupOf(survey);
  const out: Record<keyof ResultsQuery, { value: string; responses: number; enough: boolean }[]> = { unit: [], membershipType: [], workplaceKind: [] };
  for (const [name, f] of Object.entries(FILTER_COLUMNS) as [keyof ResultsQuery, (typeof FILTER_COLUMNS)[keyof ResultsQuery]][]) {
    if (!survey.background.includes(f.variable)) continue;
    const rows = await queryRows<{ value: string; n: number }>(db, sql`select ${f.column} as value, count(*)::int as n from survey_responses r where r.wave_id = ${waveId}::uuid and ${f.column} is not null group by 1 order by 1`);
    out[name] = rows.map((r) => ({ value: r.value, responses: r.n, enough: r.n >= min }));
  }
  return out;
}

export type TrendPoint = {
  waveId: string;
  name: string;
  opensAt: Date;
  responses: number;
  suppressed: boolean;
  answered: number | null;
  counts: QuestionResult['counts'];
  shares: QuestionResult['shares'];
  mean: QuestionResult['mean'] | null;
};

export type Trend = {
  surveyId: string;
  question: Question;
  waves: TrendPoint[];
};

/**
 * One question across the waves that asked it (opened or closed), in order: each wave's counts and
 * shares (with the same suppression as the results) and, for scales, the mean — the line to follow.
 */
export async function questionTrend(db: Db, actor: Actor, surveyId: string, key: string): Promise<{ ok: true; trend: Trend } | ResultsRefusal> {
  const found = await surveyFor(db, actor, surveyId);
  if (!found.ok) return found;
  if (!can(actor, 'survey.results', found.survey)) return forbidden;
  const question = (await loadQuestions(db, surveyId)).find((q) => q.key === key);
  if (!question) return invalidInput({ path: 'question', code: 'survey.question_unknown', params: { question: key } });
  const waves = await db
    .select()
    .from(surveyWaves)
    .where(and(eq(surveyWaves.surveyId, surveyId), ne(surveyWaves.status, 'scheduled')))
    .orderBy(asc(surveyWaves.opensAt));
  const points: TrendPoint[] = [];
  for (const w of waves) {
    if (!w.questionKeys.includes(key)) continue;
    const r = await computeResults(db, found.survey, w, {}, [question]);
    if (!r.ok) continue;
    const q = r.results.questions[0];
    points.push({ waveId: w.id, name: w.name, opensAt: w.opensAt, responses: r.results.responses, suppressed: r.results.suppressed, answered: q.answered, counts: q.counts, shares: q.shares, mean: q.mean ?? null });
  }
  return { ok: true, trend: { surveyId, question, waves: points } };
}

/** A steward's view of their workplace in a wave: invited and answered, from the invitees only; hidden under the smallest group. */
export async function workplaceRate(db: Db, survey: SurveyRow, waveId: string, workplaceId: string): Promise<{ invitees: number; answered: number; rate: number } | null> {
  const [row] = await queryRows<{ invitees: number; answered: number }>(
    db,
    sql`select count(*)::int as invitees, count(*) filter (where answered)::int as answered from survey_invitees where wave_id = ${waveId}::uuid and workplace_id = ${workplaceId}::uuid`,
  );
  if (!row || row.invitees < minGroupOf(survey)) return null;
  return { invitees: row.invitees, answered: row.answered, rate: row.answered / row.invitees };
}
