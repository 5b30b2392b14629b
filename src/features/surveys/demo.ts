import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { seededRandom } from '../../platform/demo-names.js';
import { localParts, wallClockInDays } from '../../platform/i18n/zoned-time.js';
import type { DemoContext } from '../../kernel/feature.js';
import { loadGrants } from '../../kernel/grants.js';
import { unitAndBelowSql } from '../../kernel/units.js';
import { discardUnsentServiceMail } from '../mailings/index.js';
import { membersActiveOnSql } from '../members/index.js';
import { saveDraft, submitResponse } from './answering.js';
import { COMMENTS_DA, COMMENTS_SV, MAIN_INVITATION, MAIN_SURVEY, STEWARD_ANSWERS, STEWARD_SURVEY, TAILS_DA, TAILS_SV } from './demo-content.js';
import { surveyInput, waveInput } from './schema.js';
import { createSurvey } from './surveys.js';
import { closeWave, createWave, mixResponses, remindWave, WAVE_AUDIENCE } from './waves.js';

/*
 * The demo's surveys. The national level asks every active member its anonymous "Trivsels- og
 * arbejdsmiljøundersøgelsen" once a year: two waves closed (two years and one year ago) and one open
 * now, closing in three weeks with a reminder planned. Members answer through `submitResponse` as the
 * invitees they are, so the tables hold exactly what real answering makes (no person on a response,
 * the invitee marked answered), and the answers trend between the years: more find the workload too
 * high, satisfaction and the wish to recommend the union fall a little, feeling safe at work and
 * reaching the district office improve. Beside it, a short survey that is not anonymous asks the
 * stewards (the segments' demo's segment) what they want from a theme day.
 *
 * A wave cannot be made in the past (createWave refuses a closing time gone by), so an old wave is
 * made with its real opening time and a closing time ahead, answered, reminded and closed through the
 * use cases, and then its times are moved back in SQL to when it ran — demo data only, as the grants'
 * and assemblies' demos move their timestamps. Dates count from today.
 */

const TZ = 'Europe/Copenhagen';
const DAY_MS = 86_400_000;

/** The yearly waves: opened `opened` days ago (a whole number of weeks apart, so on the same weekday), and the share of invitees who answered. */
export const DEMO_WAVES = [
  { opened: 8 + 728, runs: 28, rate: 0.61 },
  { opened: 8 + 364, runs: 28, rate: 0.67 },
  { opened: 8, runs: 29, rate: 0.46 },
] as const;

/** How many responses the demo gives a wave with this many invitees. */
export const demoResponseCount = (wave: number, invitees: number) => Math.round(invitees * DEMO_WAVES[wave].rate);

/** Invitees of the open wave who saved answers to continue later. */
export const DEMO_DRAFTS = 6;

async function personActor(tx: Db, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: '', lastName: '', grants: await loadGrants(tx, personId) };
}

function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo surveys: ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

// --- the answers -----------------------------------------------------------------------------

/** A distribution per wave over values listed from the best to the worst; `rho` ties it to the respondent's strain. */
type Dist<T> = { values: readonly T[]; weights: readonly (readonly number[])[]; rho: number };

const SATISFACTION: Dist<number> = { values: [5, 4, 3, 2, 1], weights: [[24, 45, 19, 8, 4], [21, 44, 21, 10, 4], [17, 42, 24, 12, 5]], rho: 0.7 };
const WORKLOAD: Dist<string> = { values: ['for-lav', 'passende', 'lidt-for-hoej', 'for-hoej'], weights: [[6, 50, 27, 17], [6, 44, 28, 22], [5, 37, 29, 29]], rho: 0.8 };
const STRESS: Dist<string> = { values: ['aldrig', 'sjaeldent', 'nogle-gange', 'ofte', 'hele-tiden'], weights: [[9, 29, 36, 20, 6], [8, 26, 36, 23, 7], [6, 23, 35, 27, 9]], rho: 0.75 };
const VIOLENCE: Dist<string> = { values: ['nej', 'vil-ikke-svare', 'ja'], weights: [[58, 6, 36], [63, 6, 31], [68, 6, 26]], rho: 0.3 };
const OFFICE: Dist<number> = { values: [5, 4, 3, 2, 1], weights: [[13, 32, 30, 17, 8], [18, 37, 27, 12, 6], [24, 41, 21, 9, 5]], rho: 0.25 };
const RECOMMEND: Dist<number> = {
  values: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
  weights: [[20, 21, 23, 15, 8, 6, 3, 2, 1, 0.6, 0.4], [18, 19, 22, 16, 9, 7, 4, 2, 1.4, 0.8, 0.8], [15, 18, 21, 17, 10, 8, 5, 3, 1.5, 0.8, 0.7]],
  rho: 0.55,
};
const AGREE = [5, 4, 3, 2, 1] as const;
const ENVIRONMENT: Record<string, Dist<number>> = {
  respect: { values: AGREE, weights: [[35, 40, 15, 6, 4], [35, 40, 15, 6, 4], [34, 40, 16, 6, 4]], rho: 0.4 },
  leader: { values: AGREE, weights: [[31, 38, 17, 9, 5], [28, 37, 19, 10, 6], [25, 36, 21, 12, 6]], rho: 0.5 },
  influence: { values: AGREE, weights: [[22, 38, 22, 12, 6], [19, 36, 24, 14, 7], [15, 33, 27, 16, 9]], rho: 0.5 },
  safety: { values: AGREE, weights: [[17, 33, 26, 16, 8], [22, 37, 23, 12, 6], [28, 40, 19, 9, 4]], rho: 0.4 },
};
/** Why the workload is too high: the share naming each reason, per wave. */
const WHY: Record<string, readonly number[]> = { bemanding: [0.62, 0.66, 0.71], vikarer: [0.3, 0.38, 0.47], dokumentation: [0.41, 0.4, 0.38], borgere: [0.35, 0.39, 0.42], moeder: [0.14, 0.14, 0.13] };
/** Bargaining priorities: the share choosing each, per wave, most wanted first (who picks more than three keeps the first three). */
const PRIORITIES: Record<string, readonly number[]> = { loen: [0.64, 0.63, 0.62], normering: [0.5, 0.57, 0.66], arbejdstid: [0.36, 0.4, 0.45], uddannelse: [0.27, 0.23, 0.19], pension: [0.2, 0.19, 0.19], senior: [0.18, 0.18, 0.17] };
const CONTRACT_HOURS = { values: [37, 34, 32, 30, 28, 25], weights: [46, 14, 17, 14, 6, 3] };
const OVERTIME = [0.18, 0.22, 0.27];

function choose<T>(values: readonly T[], weights: readonly number[], u: number): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let left = u * total;
  for (const [i, w] of weights.entries()) if ((left -= w) < 0) return values[i];
  return values[values.length - 1];
}

/** Whole counts for `m` people in the proportions of `weights` (largest remainder), so a wave shows its distribution, not sampling noise. */
function apportion(weights: readonly number[], m: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * m);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = m - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) counts[order[k][1]]++;
  return counts;
}

export interface DemoRespondent {
  swedish: boolean;
  /** Whether the workplace they were invited at has a steward; null without a workplace. */
  steward: boolean | null;
}

/**
 * The answers of a wave's respondents to the yearly survey. Each question's answers follow the
 * wave's distribution exactly (whole counts in its proportions), and a hidden strain runs through
 * each person's answers: whoever finds the workload too high is more often stressed, less satisfied
 * and more likely to write about it (values are handed out in the order of strain plus noise).
 */
export function demoWaveAnswers(wave: number, people: readonly DemoRespondent[], random: () => number): Record<string, unknown>[] {
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const strain = people.map(() => gauss());
  const out = people.map(() => ({}) as Record<string, unknown>);
  const everyone = people.map((_, i) => i);
  const some = (share: number) => everyone.filter(() => random() < share);
  /** Gives the `who` their values of `d`, the best to the least strained. */
  const ranked = <T>(d: Dist<T>, who: number[], put: (i: number, v: T) => void) => {
    const x = new Map(who.map((i) => [i, d.rho * strain[i] + Math.sqrt(1 - d.rho ** 2) * gauss()]));
    const order = [...who].sort((a, b) => x.get(a)! - x.get(b)!);
    let at = 0;
    apportion(d.weights[wave], order.length).forEach((count, v) => {
      for (let k = 0; k < count; k++) put(order[at++], d.values[v]);
    });
  };
  /** Picks the `share` of `who` most likely by strain (times `rho`) for a choice of a multiple-choice question. */
  const chosen = (who: number[], share: number, rho: number) => {
    const x = new Map(who.map((i) => [i, rho * strain[i] + Math.sqrt(1 - rho ** 2) * gauss()]));
    return new Set([...who].sort((a, b) => x.get(b)! - x.get(a)!).slice(0, Math.round(share * who.length)));
  };
  const single = (key: string, d: Dist<unknown>, who = everyone) => ranked(d, who, (i, v) => (out[i][key] = v));

  single('satisfaction', SATISFACTION);
  single('workload', WORKLOAD);
  const high = everyone.filter((i) => out[i].workload === 'lidt-for-hoej' || out[i].workload === 'for-hoej');
  const reasons = Object.entries(WHY).map(([value, share]) => [value, chosen(high, share[wave], 0.3)] as const);
  for (const i of high) {
    const why = reasons.filter(([, picked]) => picked.has(i)).map(([value]) => value);
    out[i].workload_why = why.length > 0 ? why : ['bemanding'];
  }
  for (const i of some(0.93)) out[i].hours = choose(CONTRACT_HOURS.values, CONTRACT_HOURS.weights, random()) + (random() < OVERTIME[wave] + 0.1 * Math.max(0, strain[i]) ? 1 + Math.floor(random() * 6) : 0);
  const matrix = some(0.97);
  for (const [statement, d] of Object.entries(ENVIRONMENT)) ranked(d, matrix.filter(() => random() < 0.98), (i, v) => ((out[i].environment ??= {}) as Record<string, number>)[statement] = v);
  single('stress', STRESS, some(0.97));
  single('violence', VIOLENCE, some(0.95));
  for (const i of some(0.97)) {
    const at = people[i].steward;
    out[i].steward = choose(['ja', 'nej', 'ved-ikke'], at === null ? [3, 62, 35] : at ? [88, 5, 7] : [6, 71, 23], random());
  }
  single('office', OFFICE, some(0.88));
  single('recommend', RECOMMEND);
  const prioritising = some(0.95);
  const wants = Object.entries(PRIORITIES).map(([value, share]) => [value, chosen(prioritising, share[wave], value === 'normering' || value === 'arbejdstid' ? 0.4 : 0)] as const);
  for (const i of prioritising) {
    const picked = wants.filter(([, who]) => who.has(i)).map(([value]) => value);
    out[i].priorities = picked.length > 0 ? picked.slice(0, 3) : ['loen'];
  }
  for (const i of everyone) if (random() < 0.28 + 0.1 * Math.max(0, strain[i])) out[i].comments = comment(wave, people[i].swedish, strain[i], random);
  return out;
}

function comment(wave: number, swedish: boolean, strain: number, random: () => number): string {
  const mood = strain > 0.6 ? 'strained' : strain < -0.6 ? (random() < 0.65 ? 'content' : 'neutral') : random() < 0.6 ? 'neutral' : random() < 0.5 ? 'strained' : 'content';
  const pool = (swedish ? COMMENTS_SV : COMMENTS_DA).filter((c) => c.mood === mood && (!c.waves || c.waves.includes(wave)));
  const text = pool[Math.floor(random() * pool.length)].text;
  const tails = swedish ? TAILS_SV : TAILS_DA;
  return random() < 0.3 ? `${text} ${tails[Math.floor(random() * tails.length)]}` : text;
}

// --- the waves -------------------------------------------------------------------------------

interface Invitee {
  personId: string;
  swedish: boolean;
  steward: boolean | null;
  wasMember: boolean;
}

/** A wave's invitees in a fixed order, with what their answers depend on and whether they were members on `day`. */
async function inviteesOf(tx: Db, waveId: string, unitId: string, day: string): Promise<Invitee[]> {
  return queryRows<Invitee>(
    tx,
    sql`select i.person_id as "personId", coalesce(p.preferred_locale, 'da') = 'sv' as swedish,
          case when i.workplace_id is null then null else exists (select 1 from role_assignments ra where ra.workplace_id = i.workplace_id and ra.role = 'steward' and (ra.ends_on is null or ra.ends_on >= current_date)) end as steward,
          i.person_id in (${membersActiveOnSql(unitAndBelowSql(unitId), day)}) as "wasMember"
        from survey_invitees i join persons p on p.id = i.person_id where i.wave_id = ${waveId}::uuid order by p.email nulls last, p.last_name, p.first_name`,
  );
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * A closed wave's invitation and reminder went out when it ran, but the use cases queued them today,
 * and the mail queue would now send invitations to a wave long closed. The demo's mail history
 * starts with the waves open now: the old waves' mailings are removed again (the wave still counts
 * its reminder). Demo data only — nothing else removes a wave's mail.
 */
async function forgetQueuedMail(tx: Db, waveId: string): Promise<void> {
  await discardUnsentServiceMail(tx, WAVE_AUDIENCE, waveId);
  await tx.execute(sql`update survey_waves set invitation_mailing_id = null where id = ${waveId}::uuid`);
}

const mailFor = () => ({ baseUrl: (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '') });

export async function seedDemoSurveys(tx: Db, ctx: DemoContext): Promise<void> {
  const mail = mailFor();
  const random = seededRandom(15_2026);
  const unitId = ctx.unitByKey.national;
  const staff = await personActor(tx, ctx.staffIn('national'));
  const survey = must(
    'survey',
    await createSurvey(tx, staff, surveyInput.parse({ unitId, title: MAIN_SURVEY.title, intro: MAIN_SURVEY.intro, anonymous: true, background: ['unit', 'workplace_kind'], questions: MAIN_SURVEY.questions })),
  ).survey;
  ctx.made.set('surveys.wellbeing', survey.id);

  for (const [n, plan] of DEMO_WAVES.entries()) {
    const open = n === DEMO_WAVES.length - 1;
    const opensAt = wallClockInDays(-plan.opened, 8, 0, TZ);
    const closesAt = wallClockInDays(plan.runs - plan.opened, 12, 0, TZ);
    const remindAt = open ? wallClockInDays(plan.runs - plan.opened - 10, 8, 0, TZ) : wallClockInDays(14 - plan.opened, 8, 0, TZ);
    const wave = must(
      'wave',
      await createWave(
        tx,
        staff,
        survey.id,
        waveInput.parse({
          name: localParts(opensAt, TZ).date.slice(0, 4),
          opensAt: opensAt.toISOString(),
          // An old wave closes ahead while it is answered; its closing moves back below.
          closesAt: (open ? closesAt : new Date(Date.now() + DAY_MS)).toISOString(),
          reminders: [remindAt.toISOString()],
          invitation: MAIN_INVITATION,
        }),
        mail,
      ),
    ).wave;
    if (wave.status !== 'open') throw new Error('demo surveys: the wave did not open');
    const invitees = await inviteesOf(tx, wave.id, unitId, localParts(opensAt, TZ).date);
    const answering = shuffled(
      invitees.filter((i) => i.wasMember),
      random,
    ).slice(0, demoResponseCount(n, invitees.length));
    const answers = demoWaveAnswers(n, answering, random);
    for (const [i, who] of answering.entries()) must('answer', await submitResponse(tx, { personId: who.personId, via: 'link' }, wave.id, answers[i]));
    ctx.made.set(`surveys.wellbeing.wave${n + 1}`, wave.id);
    if (open) {
      // Some who have not answered yet started and saved, to continue later.
      const answered = new Set(answering.map((a) => a.personId));
      const drafting = invitees.filter((i) => !answered.has(i.personId)).slice(0, DEMO_DRAFTS);
      for (const [i, all] of demoWaveAnswers(n, drafting, random).entries()) {
        const partial = Object.fromEntries(Object.entries(all).slice(0, 3 + Math.floor(random() * 3)));
        must('draft', await saveDraft(tx, { personId: drafting[i].personId, via: 'link' }, wave.id, partial));
      }
      // As the mix job would within minutes: the responses rewritten in random order.
      await mixResponses(tx, wave.id);
      // It opened on its day; its invitation waits in the mail queue, so the demo's outbox shows it with its personal links.
      await tx.execute(sql`update survey_waves set created_at = ${new Date(opensAt.getTime() - 12 * DAY_MS)}, opened_at = opens_at where id = ${wave.id}::uuid`);
      continue;
    }
    // Reminded (the wave counts it) and closed through the use cases, then its times moved back to when it ran.
    if (!(await remindWave(tx, wave.id))) throw new Error('demo surveys: the reminder was not sent');
    if (!(await closeWave(tx, wave.id, staff))) throw new Error('demo surveys: the wave did not close');
    await tx.execute(sql`update survey_waves set created_at = ${new Date(opensAt.getTime() - 12 * DAY_MS)}, opened_at = ${opensAt}, closes_at = ${closesAt}, closed_at = ${closesAt} where id = ${wave.id}::uuid`);
    await forgetQueuedMail(tx, wave.id);
  }
  const first = wallClockInDays(-DEMO_WAVES[0].opened - 21, 10, 0, TZ);
  await tx.execute(sql`update surveys set created_at = ${first}, updated_at = ${first} where id = ${survey.id}::uuid`);

  await seedStewardSurvey(tx, ctx, staff, mail, random);
}

/** The stewards' survey before a theme day: not anonymous, one wave open now, a handful of answers so far. */
async function seedStewardSurvey(tx: Db, ctx: DemoContext, staff: Actor, mail: { baseUrl: string }, random: () => number): Promise<void> {
  const segmentId = ctx.made.get('segments.stewards');
  if (!segmentId) return;
  const survey = must(
    'steward survey',
    await createSurvey(tx, staff, surveyInput.parse({ unitId: ctx.unitByKey.national, title: STEWARD_SURVEY.title, intro: STEWARD_SURVEY.intro, anonymous: false, questions: STEWARD_SURVEY.questions })),
  ).survey;
  const wave = must(
    'steward wave',
    await createWave(
      tx,
      staff,
      survey.id,
      waveInput.parse({ segmentId, opensAt: wallClockInDays(-4, 9, 0, TZ).toISOString(), closesAt: wallClockInDays(10, 16, 0, TZ).toISOString(), reminders: [wallClockInDays(5, 9, 0, TZ).toISOString()] }),
      mail,
    ),
  ).wave;
  const invitees = shuffled(await inviteesOf(tx, wave.id, ctx.unitByKey.national, localParts(new Date(), TZ).date), random);
  for (const [i, answers] of STEWARD_ANSWERS.slice(0, Math.max(0, invitees.length - 3)).entries()) must('steward answer', await submitResponse(tx, { personId: invitees[i].personId, via: 'link' }, wave.id, answers));
  await tx.execute(sql`update survey_waves set created_at = opens_at - interval '2 days', opened_at = opens_at where id = ${wave.id}::uuid`);
  ctx.made.set('surveys.theme_day', survey.id);
}
