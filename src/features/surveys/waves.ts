import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { actorPersonId, system, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { locales, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { organisationToday } from '../../kernel/person-fields.js';
import { unitAndBelowSql } from '../../kernel/units.js';
import { membersActiveOnSql } from '../members/index.js';
import { sendServiceMail } from '../mailings/index.js';
import { findSegment, loadSegmentFor, segmentPersonIdsSql } from '../segments/index.js';
import { can } from './policy.js';
import { inLocale } from './questions.js';
import type { WaveInput, WavePatch } from './schema.js';
import { findSurvey, loadQuestions, surveyFor, type SurveyRow } from './surveys.js';
import { surveyWaves, surveys, type SurveyText } from './tables.js';

export type WaveRow = typeof surveyWaves.$inferSelect;
export type WaveResult = { ok: true; wave: WaveRow } | Refusal | Invalid | { ok: false; reason: 'wave_closed' } | { ok: false; reason: 'wave_opened' };

/** The audience source of a wave's mails: its invitees who have not answered (at the invitation: all of them). */
export const WAVE_AUDIENCE = 'survey.wave';
/** The purpose personal answer links are signed for. */
export const LINK_PURPOSE = 'survey';
export const answerLinkUrl = (baseUrl: string, token: string) => `${baseUrl}/s/${token}`;
export const unansweredSql = (waveId: string) => sql`select si.person_id from survey_invitees si where si.wave_id = ${waveId}::uuid and not si.answered`;

export async function findWave(db: Db, id: string, lock = false): Promise<WaveRow | undefined> {
  const q = db.select().from(surveyWaves).where(eq(surveyWaves.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The wave and its survey if the actor may see the survey (staff and board of its unit). */
export async function waveFor(db: Db, actor: Actor, id: string): Promise<{ ok: true; wave: WaveRow; survey: SurveyRow } | Refusal> {
  const wave = await findWave(db, id);
  if (!wave) return notFound;
  const found = await surveyFor(db, actor, wave.surveyId);
  if (!found.ok) return found;
  return { ok: true, wave, survey: found.survey };
}

const monthName = (d: Date) => new Intl.DateTimeFormat('da-DK', { month: 'long', year: 'numeric', timeZone: 'Europe/Copenhagen' }).format(d);

/**
 * A new wave of a survey for an audience (a segment the actor may use, of the survey's unit or
 * below; or every active member of the survey's unit and below). A wave whose opening time has come
 * opens at once: its invitees are frozen and invited.
 */
export async function createWave(db: Db, actor: Actor, surveyId: string, input: WaveInput, mail: { baseUrl: string }): Promise<WaveResult> {
  const found = await surveyFor(db, actor, surveyId);
  if (!found.ok) return found;
  const s = found.survey;
  if (!can(actor, 'survey.manage', s)) return forbidden;
  if (s.archived) return invalidInput({ path: 'surveyId', code: 'survey.archived' });
  if (input.closesAt <= new Date()) return invalidInput({ path: 'closesAt', code: 'survey.closes_in_past' });
  if (input.segmentId) {
    const seg = await loadSegmentFor(db, actor, input.segmentId, 'use');
    if (!seg.ok) return invalidInput({ path: 'segmentId', code: 'survey.segment_unknown' });
    const inside = await queryRows<{ ok: boolean }>(db, sql`select ${seg.segment.unitId}::uuid in ${unitAndBelowSql(s.unitId)} as ok`);
    if (!inside[0]?.ok) return invalidInput({ path: 'segmentId', code: 'survey.segment_outside_unit' });
  }
  const questions = (await loadQuestions(db, surveyId)).filter((q) => !q.retired);
  if (questions.length === 0) return invalidInput({ path: 'questions', code: 'survey.no_questions' });
  const id = await db.transaction(async (tx) => {
    const [w] = await tx
      .insert(surveyWaves)
      .values({
        surveyId,
        name: input.name ?? monthName(input.opensAt),
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        segmentId: input.segmentId ?? null,
        reminders: [...input.reminders].sort((a, b) => a.getTime() - b.getTime()),
        invitation: input.invitation ?? null,
        questionKeys: questions.map((q) => q.key),
        createdBy: actorPersonId(actor),
      })
      .returning({ id: surveyWaves.id });
    await audit(tx, actor, { action: 'create', entityType: 'survey_wave', entityId: w.id, fields: ['opensAt', 'closesAt', 'segmentId', 'reminders'] });
    return w.id;
  });
  if (input.opensAt <= new Date()) await openWave(db, id, mail);
  return { ok: true, wave: (await findWave(db, id))! };
}

/** Renames a wave, moves its closing or its reminders (not its opening, once opened; nothing once closed). */
export async function updateWave(db: Db, actor: Actor, id: string, patch: WavePatch): Promise<WaveResult> {
  const found = await waveFor(db, actor, id);
  if (!found.ok) return found;
  if (!can(actor, 'survey.manage', found.survey)) return forbidden;
  const w = found.wave;
  if (w.status === 'closed') return { ok: false, reason: 'wave_closed' };
  const closesAt = patch.closesAt ?? w.closesAt;
  if (closesAt <= w.opensAt) return invalidInput({ path: 'closesAt', code: 'survey.closes_before_opens' });
  if (patch.closesAt && patch.closesAt <= new Date()) return invalidInput({ path: 'closesAt', code: 'survey.closes_in_past' });
  const reminders = (patch.reminders ?? w.reminders).map((d) => new Date(d)).sort((a, b) => a.getTime() - b.getTime());
  const bad = reminders.findIndex((r) => r <= w.opensAt || r >= closesAt);
  if (bad >= 0) return invalidInput({ path: `reminders.${bad}`, code: 'survey.reminder_outside' });
  if (patch.reminders && reminders.length < w.remindersSent) return invalidInput({ path: 'reminders', code: 'survey.reminder_already_sent' });
  await db.transaction(async (tx) => {
    await tx
      .update(surveyWaves)
      .set({ name: patch.name ?? w.name, closesAt, reminders })
      .where(eq(surveyWaves.id, id));
    await audit(tx, actor, { action: 'update', entityType: 'survey_wave', entityId: id, fields: Object.keys(patch) });
  });
  return { ok: true, wave: (await findWave(db, id))! };
}

/** Closes an open wave now (before its closing time). */
export async function closeWaveNow(db: Db, actor: Actor, id: string): Promise<WaveResult> {
  const found = await waveFor(db, actor, id);
  if (!found.ok) return found;
  if (!can(actor, 'survey.manage', found.survey)) return forbidden;
  if (found.wave.status === 'closed') return { ok: false, reason: 'wave_closed' };
  if (found.wave.status === 'scheduled') {
    await db.transaction(async (tx) => {
      await tx.delete(surveyWaves).where(eq(surveyWaves.id, id));
      await audit(tx, actor, { action: 'delete', entityType: 'survey_wave', entityId: id });
    });
    return { ok: true, wave: { ...found.wave } };
  }
  await closeWave(db, id, actor);
  return { ok: true, wave: (await findWave(db, id))! };
}

/** The people a wave asks, as `select … person_id`: its segment, or the active members of the survey's unit and below. */
async function audienceSql(db: Db, survey: SurveyRow, wave: WaveRow) {
  if (wave.segmentId) {
    const seg = await findSegment(db, wave.segmentId);
    if (seg) return segmentPersonIdsSql(seg);
  }
  return membersActiveOnSql(unitAndBelowSql(survey.unitId), organisationToday());
}

const MAIL_KEYS = {
  invitation: { subject: 'surveys.mail.invitation_subject', body: 'surveys.mail.invitation_body' },
  reminder: { subject: 'surveys.mail.reminder_subject', body: 'surveys.mail.reminder_body' },
} as const;

/** A mail's subject and Markdown body in every language, from the wave's own text or the feature's. */
function mailContents(kind: 'invitation' | 'reminder', survey: SurveyRow, wave: WaveRow, own: { subject: SurveyText; body: SurveyText } | null) {
  const out: Partial<Record<Locale, { subject: string; body: string }>> = {};
  for (const locale of locales) {
    const t = translator(locale);
    const title = inLocale(survey.title, locale);
    const closes = formatDateTime(locale, wave.closesAt, 'Europe/Copenhagen');
    const subject = own && kind === 'invitation' ? inLocale(own.subject, locale) : t(MAIL_KEYS[kind].subject, { title });
    const body = own && kind === 'invitation' ? inLocale(own.body, locale) : t(MAIL_KEYS[kind].body, { title, closes });
    const anonymity = survey.anonymous ? `\n\n${t('surveys.mail.anonymous_note')}` : '';
    const link = /\{\{\s*(personalLink|personligtlink|personliglänk)\s*\}\}/i.test(body) ? '' : `\n\n[${t('surveys.mail.answer_button')}]({{personalLink}})`;
    const hello = own && kind === 'invitation' ? '' : `${t('surveys.mail.hello')} {{firstName}}\n\n`;
    out[locale] = { subject, body: `${hello}${body}${link}${anonymity}` };
  }
  return out;
}

async function sendWaveMail(tx: Db, kind: 'invitation' | 'reminder', survey: SurveyRow, wave: WaveRow): Promise<string | null> {
  const title = inLocale(survey.title, 'da');
  const sent = await sendServiceMail(tx, system, {
    unitId: survey.unitId,
    audience: { source: WAVE_AUDIENCE, ref: wave.id, label: `${title} · ${wave.name}` },
    reason: kind === 'invitation' ? 'survey.invitation' : 'survey.reminder',
    contents: mailContents(kind, survey, wave, wave.invitation ?? null),
    defaultLocale: 'da',
  });
  if (!sent.ok && sent.reason === 'invalid') throw new Error(`survey ${kind} mail invalid: ${JSON.stringify(sent.problems)}`);
  return sent.ok ? sent.mailingId : null;
}

/**
 * Opens a scheduled wave: the questions it asks are fixed, its invitees are frozen (with their
 * workplace today, for stewards' rates), and the invitation goes to all of them through the mail
 * queue, each with a personal link. Idempotent: a wave already open is left alone.
 */
export async function openWave(db: Db, id: string, _mail: { baseUrl: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const w = await findWave(tx, id, true);
    if (!w || w.status !== 'scheduled') return false;
    const survey = (await findSurvey(tx, w.surveyId))!;
    const keys = (await loadQuestions(tx, w.surveyId)).filter((q) => !q.retired).map((q) => q.key);
    const audience = await audienceSql(tx, survey, w);
    await tx.execute(sql`
      insert into survey_invitees (wave_id, person_id, workplace_id)
      select ${id}::uuid, a.person_id,
        (select e.workplace_id from employments e where e.person_id = a.person_id and (e.ends_on is null or e.ends_on >= current_date)
          order by e.starts_on desc nulls last limit 1)
      from (${audience}) a
      on conflict do nothing`);
    const [{ n }] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from survey_invitees where wave_id = ${id}::uuid`);
    await tx.update(surveyWaves).set({ status: 'open', openedAt: new Date(), questionKeys: keys, invitees: n }).where(eq(surveyWaves.id, id));
    const opened = (await findWave(tx, id))!;
    const mailingId = n > 0 ? await sendWaveMail(tx, 'invitation', survey, opened) : null;
    if (mailingId) await tx.update(surveyWaves).set({ invitationMailingId: mailingId }).where(eq(surveyWaves.id, id));
    await audit(tx, system, { action: 'update', entityType: 'survey_wave', entityId: id, fields: ['status', 'invitees'] });
    return true;
  });
}

/** Sends the next reminder of an open wave whose time has come, to those who have not answered. */
export async function remindWave(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const w = await findWave(tx, id, true);
    if (!w || w.status !== 'open') return false;
    const due = w.reminders[w.remindersSent];
    if (!due || new Date(due) > new Date()) return false;
    const survey = (await findSurvey(tx, w.surveyId))!;
    await sendWaveMail(tx, 'reminder', survey, w);
    await tx
      .update(surveyWaves)
      .set({ remindersSent: w.remindersSent + 1 })
      .where(eq(surveyWaves.id, id));
    return true;
  });
}

/** Closes an open wave (its time has come, or staff closed it), and mixes its responses a last time. */
export async function closeWave(db: Db, id: string, actor: Actor = system): Promise<boolean> {
  const closed = await db.transaction(async (tx) => {
    const w = await findWave(tx, id, true);
    if (!w || w.status !== 'open') return false;
    await tx.update(surveyWaves).set({ status: 'closed', closedAt: new Date() }).where(eq(surveyWaves.id, id));
    await tx.execute(sql`delete from survey_drafts where wave_id = ${id}::uuid`);
    await audit(tx, actor, { action: 'update', entityType: 'survey_wave', entityId: id, fields: ['status'] });
    return true;
  });
  if (closed) await mixResponses(db, id);
  return closed;
}

/**
 * Rewrites a wave's responses in a random order with new ids, in one transaction: afterwards
 * neither their physical order, their ids nor their transaction id (xmin) says anything about when
 * each was written, so nothing lines them up with the invitees who answered. Run every few minutes
 * for waves with new responses, and at closing.
 */
export async function mixResponses(db: Db, waveId: string): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`with moved as (delete from survey_responses where wave_id = ${waveId}::uuid returning *),
        mixed as (insert into survey_responses (id, wave_id, person_id, answers, cells, bg_unit, bg_membership_type, bg_workplace_kind, fresh)
          select gen_random_uuid(), wave_id, person_id, answers, cells, bg_unit, bg_membership_type, bg_workplace_kind, false from moved order by random()
          returning 1)
        select count(*)::int as n from mixed`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The waves' clock, run by a poller: opens the waves whose time has come, sends due reminders,
 * closes the waves past their closing time. Returns how many steps it took.
 */
export async function waveRound(db: Db, mail: { baseUrl: string }): Promise<number> {
  const now = new Date();
  let did = 0;
  const toOpen = await db.select({ id: surveyWaves.id }).from(surveyWaves).where(and(eq(surveyWaves.status, 'scheduled'), lte(surveyWaves.opensAt, now))).orderBy(asc(surveyWaves.opensAt)).limit(20);
  for (const w of toOpen) if (await openWave(db, w.id, mail)) did++;
  const open = await db.select({ id: surveyWaves.id, closesAt: surveyWaves.closesAt, reminders: surveyWaves.reminders, sent: surveyWaves.remindersSent }).from(surveyWaves).where(eq(surveyWaves.status, 'open'));
  for (const w of open) {
    if (w.closesAt <= now) {
      if (await closeWave(db, w.id)) did++;
    } else if (w.reminders[w.sent] && new Date(w.reminders[w.sent]) <= now) {
      if (await remindWave(db, w.id)) did++;
    }
  }
  return did;
}

/** Mixes every open wave that has new responses since its last mix. */
export async function mixRound(db: Db): Promise<number> {
  const rows = await queryRows<{ id: string }>(db, sql`select distinct r.wave_id as id from survey_responses r where r.fresh`);
  for (const r of rows) await mixResponses(db, r.id);
  return rows.length;
}

/** The surveys a wave belongs to are read by its id only here, for links that carry just the wave. */
export async function surveyOfWave(db: Db, waveId: string): Promise<SurveyRow | undefined> {
  const [row] = await db.select({ s: surveys }).from(surveys).innerJoin(surveyWaves, eq(surveyWaves.surveyId, surveys.id)).where(eq(surveyWaves.id, waveId));
  return row?.s;
}
