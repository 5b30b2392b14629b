import { and, eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { memo } from '../../platform/cache.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { membershipCategorySql } from '../members/index.js';
import { verifyPersonalLink } from '../mailings/index.js';
import { checkAnswers, type Question } from './questions.js';
import { answeringKey, findSurvey, loadQuestions, type SurveyRow } from './surveys.js';
import { surveyDrafts, surveyInvitees, surveyResponses, surveyWaves } from './tables.js';
import { findWave, LINK_PURPOSE, type WaveRow } from './waves.js';

/** Who answers: the signed-in person, or the person a personal link was made for. */
export type Respondent = { personId: string; via: 'session' | 'link' };

export type AnswerRefusal =
  | Refusal
  | Invalid
  | { ok: false; reason: 'already_answered' }
  | { ok: false; reason: 'wave_not_open'; params: { opensAt: string } }
  | { ok: false; reason: 'wave_closed' }
  | { ok: false; reason: 'link_invalid' }
  | { ok: false; reason: 'link_other_wave' };

/** The person answering a wave: from a personal link's token (which must be this wave's), else the signed-in actor. */
export async function respondentFor(db: Db, actor: Actor, waveId: string, token: string | undefined): Promise<{ ok: true; respondent: Respondent } | AnswerRefusal> {
  if (token) {
    const link = await verifyPersonalLink(db, LINK_PURPOSE, token);
    if (!link) return { ok: false, reason: 'link_invalid' };
    if (link.ref !== waveId) return { ok: false, reason: 'link_other_wave' };
    return { ok: true, respondent: { personId: link.personId, via: 'link' } };
  }
  const me = actorPersonId(actor);
  if (!me) return { ok: false, reason: 'forbidden' };
  return { ok: true, respondent: { personId: me, via: 'session' } };
}

/** The wave a personal link token is for, without knowing the wave beforehand (the /s/{token} page). */
export async function respondentFromLink(db: Db, token: string): Promise<{ ok: true; waveId: string; respondent: Respondent } | AnswerRefusal> {
  const link = await verifyPersonalLink(db, LINK_PURPOSE, token);
  if (!link) return { ok: false, reason: 'link_invalid' };
  return { ok: true, waveId: link.ref, respondent: { personId: link.personId, via: 'link' } };
}

/** The questions a wave asks, in its order. */
export async function waveQuestions(db: Db, wave: WaveRow): Promise<Question[]> {
  const all = await loadQuestions(db, wave.surveyId);
  const byKey = new Map(all.map((q) => [q.key, q]));
  return wave.questionKeys.map((k) => byKey.get(k)).filter((q): q is Question => q !== undefined);
}

export interface AnswerForm {
  wave: WaveRow;
  survey: SurveyRow;
  questions: Question[];
  /** Answers saved to continue later. */
  draft: Record<string, unknown>;
  answered: boolean;
  state: 'open' | 'not_open' | 'closed';
}

function waveState(w: Pick<WaveRow, 'status' | 'opensAt' | 'closesAt'>, now = new Date()): AnswerForm['state'] {
  if (w.status === 'closed' || w.closesAt <= now) return 'closed';
  if (w.status !== 'open' || w.opensAt > now) return 'not_open';
  return 'open';
}

/** What the answering page shows the respondent: the wave's questions, their saved draft, whether they have answered. Not invited reads as not found. */
export async function answerForm(db: Db, respondent: Respondent, waveId: string): Promise<{ ok: true; form: AnswerForm } | Refusal> {
  const wave = await findWave(db, waveId);
  if (!wave) return notFound;
  const [invitee] = await db
    .select({ answered: surveyInvitees.answered })
    .from(surveyInvitees)
    .where(and(eq(surveyInvitees.waveId, waveId), eq(surveyInvitees.personId, respondent.personId)));
  if (!invitee) return notFound;
  const survey = (await findSurvey(db, wave.surveyId))!;
  const [draft] = await db
    .select({ answers: surveyDrafts.answers })
    .from(surveyDrafts)
    .where(and(eq(surveyDrafts.waveId, waveId), eq(surveyDrafts.personId, respondent.personId)));
  return { ok: true, form: { wave, survey, questions: await waveQuestions(db, wave), draft: draft?.answers ?? {}, answered: invitee.answered, state: waveState(wave) } };
}

/**
 * What checking a response needs of its survey — the row and its questions — kept a few seconds per
 * process: it is read by every response, and what matters for checking does not change while a wave is
 * open (a question it asks keeps its meaning). `updateSurvey` forgets it.
 */
export function surveyForAnswering(db: Db, tx: Db, surveyId: string): Promise<{ survey: SurveyRow; questions: Question[] }> {
  // Kept per database handle, loaded through the caller's transaction (an embedded database has one connection, which the transaction holds).
  return memo(db, answeringKey(surveyId), 10_000, async () => ({ survey: (await findSurvey(tx, surveyId))!, questions: await loadQuestions(tx, surveyId) }));
}

interface Locked {
  ok: true;
  waveId: string;
  survey: SurveyRow;
  questions: Question[];
  workplaceId: string | null;
}

/** The invitee row locked with its wave's state, in one statement, then the wave checked open and not yet answered; the refusal otherwise. */
async function lockInvitation(db: Db, tx: Db, respondent: Respondent, waveId: string): Promise<Locked | AnswerRefusal> {
  const [row] = await queryRows<{ surveyId: string; status: WaveRow['status']; opensAt: string; closesAt: string; questionKeys: string[]; answered: boolean; workplaceId: string | null }>(
    tx,
    sql`select w.survey_id as "surveyId", w.status, w.opens_at as "opensAt", w.closes_at as "closesAt", array_to_json(w.question_keys) as "questionKeys", i.answered, i.workplace_id as "workplaceId"
        from survey_invitees i join survey_waves w on w.id = i.wave_id
        where i.wave_id = ${waveId}::uuid and i.person_id = ${respondent.personId}::uuid
        for update of i`,
  );
  if (!row) return notFound;
  const state = waveState({ status: row.status, opensAt: new Date(row.opensAt), closesAt: new Date(row.closesAt) });
  if (state === 'closed') return { ok: false, reason: 'wave_closed' };
  if (state === 'not_open') return { ok: false, reason: 'wave_not_open', params: { opensAt: new Date(row.opensAt).toISOString() } };
  if (row.answered) return { ok: false, reason: 'already_answered' };
  const { survey, questions } = await surveyForAnswering(db, tx, row.surveyId);
  const byKey = new Map(questions.map((q) => [q.key, q]));
  return { ok: true, waveId, survey, questions: row.questionKeys.map((k) => byKey.get(k)).filter((q): q is Question => q !== undefined), workplaceId: row.workplaceId };
}

export type SubmitResult = { ok: true; anonymous: boolean } | AnswerRefusal;

/**
 * Submits a response. In one transaction: the invitation is locked (a second response, even at the
 * same moment, finds it answered), the answers are checked against the wave's questions, the
 * response is written (for an anonymous survey: no person, no time, a random id; the declared
 * background variables as coarse categories), the invitee is marked answered and the draft deleted.
 */
export async function submitResponse(db: Db, respondent: Respondent, waveId: string, given: Record<string, unknown>): Promise<SubmitResult> {
  return db.transaction(async (tx) => {
    const locked = await lockInvitation(db, tx, respondent, waveId);
    if (!locked.ok) return locked;
    const checked = checkAnswers(locked.questions, given);
    if (!checked.ok) return invalidInput(...checked.errors);
    const bg = locked.survey.background;
    const person = sql`${respondent.personId}::uuid`;
    await tx.insert(surveyResponses).values({
      waveId,
      personId: locked.survey.anonymous ? null : respondent.personId,
      answers: checked.value.answers,
      cells: checked.value.cells,
      bgUnit: bg.includes('unit') ? membershipCategorySql(person, 'unit') : null,
      bgMembershipType: bg.includes('membership_type') ? membershipCategorySql(person, 'type') : null,
      bgWorkplaceKind: bg.includes('workplace_kind') && locked.workplaceId ? sql`(select w.employer_kind from workplaces w where w.id = ${locked.workplaceId}::uuid)` : null,
    });
    await tx.execute(sql`with draft as (delete from survey_drafts where wave_id = ${waveId}::uuid and person_id = ${person})
      update survey_invitees set answered = true where wave_id = ${waveId}::uuid and person_id = ${person}`);
    return { ok: true, anonymous: locked.survey.anonymous };
  });
}

/** Saves answers given so far to continue later (checked as far as they go; required ones may be missing). */
export async function saveDraft(db: Db, respondent: Respondent, waveId: string, given: Record<string, unknown>): Promise<{ ok: true } | AnswerRefusal> {
  return db.transaction(async (tx) => {
    const locked = await lockInvitation(db, tx, respondent, waveId);
    if (!locked.ok) return locked;
    const checked = checkAnswers(locked.questions, given, true);
    if (!checked.ok) return invalidInput(...checked.errors);
    await tx
      .insert(surveyDrafts)
      .values({ waveId, personId: respondent.personId, answers: checked.value.answers })
      .onConflictDoUpdate({ target: [surveyDrafts.waveId, surveyDrafts.personId], set: { answers: checked.value.answers, savedAt: new Date() } });
    return { ok: true };
  });
}

export interface MyWave {
  waveId: string;
  surveyTitle: SurveyRow['title'];
  waveName: string;
  closesAt: Date;
  answered: boolean;
  hasDraft: boolean;
}

/** The open waves a person is invited to (for "my page"), answered or not. */
export async function myOpenWaves(db: Db, personId: string): Promise<MyWave[]> {
  const rows = await queryRows<MyWave & { closesAt: string }>(
    db,
    sql`select w.id as "waveId", s.title as "surveyTitle", w.name as "waveName", w.closes_at as "closesAt", i.answered,
          exists (select 1 from survey_drafts d where d.wave_id = w.id and d.person_id = i.person_id) as "hasDraft"
        from survey_invitees i join ${surveyWaves} w on w.id = i.wave_id join surveys s on s.id = w.survey_id
        where i.person_id = ${personId}::uuid and w.status = 'open' and w.closes_at > now()
        order by w.closes_at`,
  );
  return rows.map((r) => ({ ...r, closesAt: new Date(r.closesAt) }));
}
