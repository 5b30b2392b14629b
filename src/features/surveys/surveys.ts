import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { actorPersonId, unitScope, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { forget } from '../../platform/cache.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { units } from '../../kernel/tables.js';
import { getUnit } from '../../kernel/units.js';
import { can } from './policy.js';
import { buildQuestions, meaningOf, type Question } from './questions.js';
import type { SurveyInput, SurveyPatch } from './schema.js';
import { surveyQuestions, surveys, surveyWaves, type BackgroundVariable, type SurveyText, type WaveStatus } from './tables.js';

export type SurveyRow = typeof surveys.$inferSelect;

/** The key under which answering keeps a survey and its questions for a few seconds (see answering.ts). */
export const answeringKey = (surveyId: string) => `surveys.answering:${surveyId}`;

let minGroup = 5;

/** Sets the installation's smallest group from its configuration (`SURVEY_MIN_GROUP`); the app and the worker call it at start. */
export function setInstallationMinGroup(n: number): void {
  minGroup = n;
}

/** The installation's smallest group (SURVEY_MIN_GROUP, default 5): no survey shows less. */
export function installationMinGroup(): number {
  return minGroup;
}

/** The smallest group a survey's results show: its own setting, never below the installation's. */
export const minGroupOf = (s: Pick<SurveyRow, 'minGroup'>) => Math.max(s.minGroup, installationMinGroup());

export interface WaveSummary {
  id: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  status: WaveStatus;
  segmentId: string | null;
  invitees: number;
  responses: number;
  /** Responses / invitees, 0..1; null before the wave opens. */
  rate: number | null;
  reminders: Date[];
  remindersSent: number;
}

export type SurveyView = {
  id: string;
  unitId: string;
  unitName: string;
  title: SurveyText;
  intro: SurveyText;
  anonymous: boolean;
  background: BackgroundVariable[];
  minGroup: number;
  archived: boolean;
  questions: Question[];
  retiredQuestions: Question[];
  waves: WaveSummary[];
  createdAt: Date;
};

export type SurveyResult = { ok: true; survey: SurveyView } | Refusal | Invalid;

function rowToQuestion(r: typeof surveyQuestions.$inferSelect): Question {
  return {
    key: r.key,
    position: r.position,
    type: r.type,
    text: r.text,
    help: r.help,
    section: r.section ?? null,
    required: r.required,
    options: r.options,
    statements: r.statements,
    min: r.min,
    max: r.max,
    minLabel: r.minLabel,
    maxLabel: r.maxLabel,
    condition: r.condition ?? null,
    retired: r.retired,
  };
}

export async function loadQuestions(db: Db, surveyId: string): Promise<Question[]> {
  const rows = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position));
  return rows.map(rowToQuestion);
}

export async function findSurvey(db: Db, id: string): Promise<SurveyRow | undefined> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row;
}

/** The survey if the actor may see it (staff and board of its unit); out of sight is not found. */
export async function surveyFor(db: Db, actor: Actor, id: string): Promise<{ ok: true; survey: SurveyRow } | Refusal> {
  const s = await findSurvey(db, id);
  if (!s || !can(actor, 'survey.view', s)) return notFound;
  return { ok: true, survey: s };
}

export async function waveSummaries(db: Db, surveyIds: readonly string[]): Promise<Map<string, WaveSummary[]>> {
  const out = new Map<string, WaveSummary[]>();
  if (surveyIds.length === 0) return out;
  const rows = await queryRows<WaveSummary & { surveyId: string }>(
    db,
    sql`select w.id, w.survey_id as "surveyId", w.name, w.opens_at as "opensAt", w.closes_at as "closesAt", w.status,
          w.segment_id as "segmentId", w.invitees, array_to_json(w.reminders) as reminders, w.reminders_sent as "remindersSent",
          (select count(*)::int from survey_invitees i where i.wave_id = w.id and i.answered) as responses
        from survey_waves w where w.survey_id in ${surveyIds} order by w.opens_at`,
  );
  for (const r of rows) {
    const list = out.get(r.surveyId) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      opensAt: new Date(r.opensAt),
      closesAt: new Date(r.closesAt),
      status: r.status,
      segmentId: r.segmentId,
      invitees: r.invitees,
      responses: r.responses,
      rate: r.status === 'scheduled' || r.invitees === 0 ? null : r.responses / r.invitees,
      reminders: (r.reminders as unknown as (string | Date)[]).map((d) => new Date(d)),
      remindersSent: r.remindersSent,
    });
    out.set(r.surveyId, list);
  }
  return out;
}

export async function loadSurveyView(db: Db, s: SurveyRow): Promise<SurveyView> {
  const [unit, questions, waves] = await Promise.all([getUnit(db, s.unitId), loadQuestions(db, s.id), waveSummaries(db, [s.id])]);
  return {
    id: s.id,
    unitId: s.unitId,
    unitName: unit?.name ?? '',
    title: s.title,
    intro: s.intro,
    anonymous: s.anonymous,
    background: s.background,
    minGroup: minGroupOf(s),
    archived: s.archived,
    questions: questions.filter((q) => !q.retired),
    retiredQuestions: questions.filter((q) => q.retired),
    waves: waves.get(s.id) ?? [],
    createdAt: s.createdAt,
  };
}

export async function getSurvey(db: Db, actor: Actor, id: string): Promise<SurveyResult> {
  const found = await surveyFor(db, actor, id);
  if (!found.ok) return found;
  return { ok: true, survey: await loadSurveyView(db, found.survey) };
}

export interface SurveySummary {
  id: string;
  unitId: string;
  unitName: string;
  title: SurveyText;
  anonymous: boolean;
  archived: boolean;
  questionCount: number;
  waves: WaveSummary[];
}

/** The surveys of the units the actor reaches as staff or board, newest first. */
export async function listSurveys(db: Db, actor: Actor, opts: { archived?: boolean } = {}): Promise<SurveySummary[]> {
  const scope = unitScope(actor, 'staff', 'board');
  if (scope !== 'all' && scope.size === 0) return [];
  const where = and(scope === 'all' ? undefined : inArray(surveys.unitId, [...scope]), eq(surveys.archived, opts.archived ?? false));
  const rows = await db
    .select({
      id: surveys.id,
      unitId: surveys.unitId,
      unitName: units.name,
      title: surveys.title,
      anonymous: surveys.anonymous,
      archived: surveys.archived,
      questionCount: sql<number>`(select count(*)::int from survey_questions q where q.survey_id = ${surveys.id} and not q.retired)`,
    })
    .from(surveys)
    .innerJoin(units, eq(units.id, surveys.unitId))
    .where(where)
    .orderBy(desc(surveys.createdAt));
  const waves = await waveSummaries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, waves: waves.get(r.id) ?? [] }));
}

/** The unit a new survey belongs to when the input names none: the one unit the actor is staff of (the organisation for admins). */
async function defaultUnit(db: Db, actor: Actor): Promise<string | null> {
  const scope = unitScope(actor, 'staff');
  if (scope === 'all') {
    const [root] = await db.select({ id: units.id }).from(units).where(isNull(units.parentId));
    return root?.id ?? null;
  }
  return scope.size === 1 ? [...scope][0] : null;
}

async function writeQuestions(tx: Db, surveyId: string, questions: readonly Question[]): Promise<void> {
  if (questions.length === 0) return;
  await tx.insert(surveyQuestions).values(
    questions.map((q) => ({
      surveyId,
      key: q.key,
      position: q.position,
      type: q.type,
      text: q.text,
      help: q.help,
      section: q.section,
      required: q.required,
      options: q.options,
      statements: q.statements,
      min: q.min,
      max: q.max,
      minLabel: q.minLabel,
      maxLabel: q.maxLabel,
      condition: q.condition,
      retired: q.retired,
    })),
  );
}

export async function createSurvey(db: Db, actor: Actor, input: SurveyInput): Promise<SurveyResult> {
  const unitId = input.unitId ?? (await defaultUnit(db, actor));
  if (!unitId) return invalidInput({ path: 'unitId', code: 'validation.required' });
  if (!(await getUnit(db, unitId))) return invalidInput({ path: 'unitId', code: 'survey.unknown_unit' });
  if (!can(actor, 'survey.create', { unitId })) return forbidden;
  const built = buildQuestions(input.questions);
  if (!built.ok) return invalidInput(...built.errors);
  if (input.minGroup !== undefined && input.minGroup < installationMinGroup()) return invalidInput({ path: 'minGroup', code: 'survey.min_group_below', params: { min: installationMinGroup() } });
  const id = await db.transaction(async (tx) => {
    const [s] = await tx
      .insert(surveys)
      .values({
        unitId,
        title: input.title,
        intro: input.intro,
        anonymous: input.anonymous,
        background: input.background,
        minGroup: input.minGroup ?? installationMinGroup(),
        createdBy: actorPersonId(actor),
      })
      .returning({ id: surveys.id });
    await writeQuestions(tx, s.id, built.questions);
    await audit(tx, actor, { action: 'create', entityType: 'survey', entityId: s.id, fields: ['title', 'anonymous', 'background', 'questions'] });
    return s.id;
  });
  return { ok: true, survey: await loadSurveyView(db, (await findSurvey(db, id))!) };
}

/** The keys some wave that has opened asked: those questions keep their meaning from now on. */
async function askedKeys(db: Db, surveyId: string): Promise<Set<string>> {
  const rows = await db
    .select({ keys: surveyWaves.questionKeys })
    .from(surveyWaves)
    .where(and(eq(surveyWaves.surveyId, surveyId), sql`${surveyWaves.status} <> 'scheduled'`));
  return new Set(rows.flatMap((r) => r.keys));
}

/**
 * Changes a survey. Once a wave has opened, its anonymity and background variables are fixed, and a
 * question it asked keeps its meaning: a changed question must come under a new key (it is a new
 * question); one left out is retired (kept for the waves that asked it), not deleted.
 */
export async function updateSurvey(db: Db, actor: Actor, id: string, patch: SurveyPatch): Promise<SurveyResult> {
  const found = await surveyFor(db, actor, id);
  if (!found.ok) return found;
  const s = found.survey;
  if (!can(actor, 'survey.manage', s)) return forbidden;
  const asked = await askedKeys(db, id);
  if (asked.size > 0) {
    if (patch.anonymous !== undefined && patch.anonymous !== s.anonymous) return invalidInput({ path: 'anonymous', code: 'survey.fixed_after_opening' });
    if (patch.background !== undefined && [...patch.background].sort().join() !== [...s.background].sort().join()) return invalidInput({ path: 'background', code: 'survey.fixed_after_opening' });
  }
  if (patch.minGroup !== undefined && patch.minGroup < installationMinGroup()) return invalidInput({ path: 'minGroup', code: 'survey.min_group_below', params: { min: installationMinGroup() } });
  let next: Question[] | null = null;
  if (patch.questions) {
    const built = buildQuestions(patch.questions);
    if (!built.ok) return invalidInput(...built.errors);
    const before = new Map((await loadQuestions(db, id)).map((q) => [q.key, q]));
    const errors = built.questions.flatMap((q, i) => {
      const old = before.get(q.key);
      return old && asked.has(q.key) && meaningOf(old) !== meaningOf(q) ? [{ path: `questions.${i}.key`, code: 'survey.question_in_use', params: { question: q.key, text: old.text } }] : [];
    });
    if (errors.length > 0) return invalidInput(...errors);
    const keep = new Set(built.questions.map((q) => q.key));
    const retired = [...before.values()].filter((q) => !keep.has(q.key) && asked.has(q.key)).map((q, n) => ({ ...q, retired: true, position: built.questions.length + n + 1 }));
    next = [...built.questions, ...retired];
  }
  await db.transaction(async (tx) => {
    const fields: string[] = [];
    const set: Partial<typeof surveys.$inferInsert> = { updatedAt: new Date() };
    for (const k of ['title', 'intro', 'anonymous', 'background', 'minGroup', 'archived'] as const) {
      if (patch[k] === undefined) continue;
      (set as Record<string, unknown>)[k] = patch[k];
      fields.push(k);
    }
    await tx.update(surveys).set(set).where(eq(surveys.id, id));
    if (next) {
      await tx.delete(surveyQuestions).where(eq(surveyQuestions.surveyId, id));
      await writeQuestions(tx, id, next);
      fields.push('questions');
    }
    if (fields.length > 0) await audit(tx, actor, { action: 'update', entityType: 'survey', entityId: id, fields });
  });
  forget(answeringKey(id));
  return { ok: true, survey: await loadSurveyView(db, (await findSurvey(db, id))!) };
}
