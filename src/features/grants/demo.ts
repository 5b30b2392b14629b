import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { DemoContext, DemoDistrict } from '../../kernel/feature.js';
import { loadGrants } from '../../kernel/grants.js';
import { publishEvent } from '../events/index.js';
import { membersActiveOnSql } from '../members/index.js';
import { today } from './access.js';
import { createPool, updatePool, type PoolView } from './pools.js';
import { createApplication, submitApplication, withdrawApplication } from './applications.js';
import { addReview, decideApplication } from './decisions.js';
import { closeApplication, fileReport, recordPayout } from './payouts.js';
import { makeEventFromGrant } from './to-event.js';
import { applicationInput, poolInput, reportInput } from './schema.js';
import { demoStories, type DemoStory } from './demo-stories.js';

/*
 * The demo's initiative pools, after the shape of the seed article (a district's pool where active
 * members apply for up to 10,000 kr for talks, workshops, network meetings and workplace visits):
 * each district's pool for this year — Kreds Nord's public — and Kreds Nord's pool of last year,
 * decided, paid, reported and closed. Every application is played through the use cases by the
 * people who would have done it (the member applies, the district's board or staff review and
 * decide, staff pay out, the applicant reports), then its timestamps are moved back to the days
 * the story took, as the assemblies' demo does. Dates count from today.
 */

const QUESTIONS = ['Hvordan når aktiviteten ud til nye medlemmer?', 'Hvordan deler I erfaringerne med kollegerne bagefter?'];

const RULES = [
  'Puljen støtter aktive medlemmers egne initiativer, som de selv og deres kolleger kan have gavn af: foredrag, workshops, netværksmøder og arbejdspladsbesøg.',
  '**Sådan søger du:** Log ind og find puljen på *Min side*. Beskriv aktiviteten, dagen, stedet og hvor mange I forventer at blive, læg et budget med udgiftsposter (lokale, forplejning, honorar, transport), og besvar puljens to spørgsmål. Du kan søge op til 10.000 kr.',
  'Kredsbestyrelsen behandler ansøgningerne løbende og svarer normalt inden for tre uger, altid med en begrundelse. Efter aktiviteten sender du en kort afrapportering med antal deltagere og de faktiske udgifter.',
].join('\n\n');

const DISTRICT_NAME: Record<DemoDistrict, string> = { nord: 'Kreds Nord', midt: 'Kreds Midt', syd: 'Kreds Syd' };

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
/** The first day of the month `months` from the month of `day`. */
function monthStart(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** A demo person as the request context would load them, to act through the use cases. */
async function personActor(tx: Db, personId: string): Promise<Actor> {
  return { kind: 'person', personId, firstName: '', lastName: '', grants: await loadGrants(tx, personId) };
}

/** A use case's success, or the demo stops saying which step failed and why. */
function must<T extends { ok: boolean }>(what: string, r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo grants: ${what} failed: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const ago = (days: number) => sql`now() - make_interval(days => ${Math.max(0, Math.round(days))})`;

/** Who acts for a district: its board member and its staff (neither works at a workplace, so neither is ever conflicted). */
interface District {
  key: DemoDistrict;
  board: Actor;
  staff: Actor;
  /** A second staff member who comments, where the district has one. */
  colleague: Actor;
  members: readonly string[];
  pools: { current: PoolView; last?: PoolView };
}

/** A steward of a workplace of the unit (a day-care centre first), and a board member with a colleague who is a member: the conflict the demo shows. */
async function peopleAt(tx: Db, unitId: string): Promise<{ steward?: { personId: string; workplaceId: string; workplace: string }; conflict?: { boardId: string; colleagueId: string; workplace: string } }> {
  const [steward] = await queryRows<{ personId: string; workplaceId: string; workplace: string }>(
    tx,
    sql`select ra.person_id as "personId", w.id as "workplaceId", w.name as workplace from role_assignments ra join workplaces w on w.id = ra.workplace_id
        where ra.role = 'steward' and ra.ends_on is null and w.unit_id = ${unitId}
        order by (w.name ~ '^(Børnehus|Børnehave|Skovbørnehave|Dagtilbud)') desc, w.name limit 1`,
  );
  const [conflict] = await queryRows<{ boardId: string; colleagueId: string; workplace: string }>(
    tx,
    sql`select b.person_id as "boardId", e2.person_id as "colleagueId", w.name as workplace
        from role_assignments b
        join employments e1 on e1.person_id = b.person_id and e1.ends_on is null
        join employments e2 on e2.workplace_id = e1.workplace_id and e2.person_id <> b.person_id and e2.ends_on is null
        join workplaces w on w.id = e1.workplace_id
        where b.role = 'board' and b.unit_id = ${unitId} and (b.ends_on is null or b.ends_on >= current_date)
          and e2.person_id in (${membersActiveOnSql(sql`(${unitId}::uuid)`, today())})
          and not exists (select 1 from role_assignments r2 where r2.person_id = e2.person_id and r2.role in ('board', 'staff', 'admin'))
        order by w.name, e2.person_id limit 1`,
  );
  return { steward, conflict };
}

async function workplaceOf(tx: Db, personId: string): Promise<string | null> {
  const [w] = await queryRows<{ name: string }>(tx, sql`select w.name from employments e join workplaces w on w.id = e.workplace_id where e.person_id = ${personId} and e.ends_on is null order by e.starts_on limit 1`);
  return w?.name ?? null;
}

/** The days ago each step of a story happened: the activity on its day, the decision some weeks before it, the report after it. */
function timeline(story: DemoStory, activity: number) {
  const decided = Math.max(4, 25 - activity);
  const paid = Math.max(1, 14 - activity);
  const early = story.to === 'submitted' ? { created: 9, submitted: 4 } : story.to === 'in_review' ? { created: 16, submitted: 12 } : story.to === 'withdrawn' ? { created: 20, submitted: 15 } : null;
  return {
    created: early?.created ?? (story.to === 'draft' ? 3 : decided + 15),
    submitted: early?.submitted ?? decided + 10,
    reviews: early ? [early.submitted - 5, early.submitted - 8] : [decided + 6, decided + 3],
    decided,
    withdrawn: 5,
    paid,
    reported: -activity - 12,
    closed: -activity - 20,
  };
}

/** How many days ago the story's last step happened. */
function lastStep(story: DemoStory, t: ReturnType<typeof timeline>): number {
  if (story.to === 'draft') return t.created;
  if (story.to === 'submitted' || story.to === 'in_review') return Math.min(t.submitted, ...t.reviews.slice(0, story.reviews?.length ?? 0));
  if (story.to === 'withdrawn') return t.withdrawn;
  if (story.to === 'closed') return t.closed;
  if (story.to === 'reported') return t.reported;
  if (reaches(story, 'paid_out')) return t.paid;
  return t.decided;
}

const ORDER = ['draft', 'submitted', 'in_review', 'granted', 'paid_out', 'report_due', 'reported', 'closed'] as const;
const reaches = (story: DemoStory, step: (typeof ORDER)[number]) => (ORDER as readonly string[]).indexOf(story.to) >= ORDER.indexOf(step);

async function playStory(tx: Db, ctx: DemoContext, d: District, story: DemoStory, who: { applicant: string; coApplicant?: string; workplaceId?: string; workplace: string; conflicted?: Actor }, mail: { baseUrl: string }): Promise<string> {
  const pool = story.pool === 'last' ? d.pools.last! : d.pools.current;
  const activityDate = story.pool === 'last' ? addDays(pool.periodStart, story.day) : addDays(today(), story.day);
  const activity = daysBetween(today(), activityDate);
  const named = (s: string) => s.replaceAll('{workplace}', who.workplace);
  const total = story.costs.reduce((s, [, amount]) => s + amount, 0);
  const [q1, q2] = pool.questions;
  const applicant = await personActor(tx, who.applicant);
  const input = applicationInput.parse({
    purpose: story.purpose,
    title: named(story.title),
    description: story.description,
    activityDate,
    place: named(story.place),
    expectedParticipants: story.participants,
    requested: story.requested ?? total,
    costLines: story.costs.map(([description, amount]) => ({ description, amount })),
    answers: { [q1.id]: story.reach, [q2.id]: story.share },
    coApplicantIds: who.coApplicant ? [who.coApplicant] : [],
    workplaceId: who.workplaceId ?? null,
  });
  const id = must(`apply "${input.title}"`, await createApplication(tx, applicant, pool.id, input)).id;
  const t = timeline(story, activity);
  const reviewIds: { id: string; daysAgo: number }[] = [];
  if (story.to !== 'draft') {
    must('submit', await submitApplication(tx, applicant, id));
    for (const [n, r] of (story.reviews ?? []).entries()) {
      const by = r.by === 'board' ? d.board : r.by === 'staff' ? d.colleague : who.conflicted;
      if (!by) continue;
      const made = must('review', await addReview(tx, by, id, { body: r.body, recommendation: r.recommendation ?? null, amount: r.amount ?? null }));
      reviewIds.push({ id: made.id, daysAgo: t.reviews[n % 2] });
    }
    if (story.to === 'withdrawn') must('withdraw', await withdrawApplication(tx, applicant, id));
    if (story.decidedBy) {
      const outcome = story.to === 'rejected' ? 'rejected' : 'granted';
      must('decide', await decideApplication(tx, story.decidedBy === 'board' ? d.board : d.staff, id, { outcome, amount: outcome === 'granted' ? (story.granted ?? null) : null, reason: story.reason! }, mail));
    }
    if (story.event) {
      const made = must('event', await makeEventFromGrant(tx, d.staff, id));
      must('publish event', await publishEvent(tx, d.staff, made.eventId));
      ctx.made.set('grants.event', made.eventId);
    }
    if (reaches(story, 'paid_out')) must('payout', await recordPayout(tx, d.staff, id, { paidOn: addDays(today(), -t.paid), reference: story.reference ?? 'Bilag' }, mail));
    if (reaches(story, 'reported') && story.report) {
      const report = reportInput.parse({ summary: story.report.summary, participants: story.report.participants, actualCosts: story.report.costs.map(([description, amount]) => ({ description, amount })) });
      must('report', await fileReport(tx, applicant, id, report));
    }
    if (story.to === 'closed') must('close', await closeApplication(tx, d.board, id));
  }
  // The use cases stamped everything now; the story took weeks. Only the timestamps move, never a state.
  await tx.execute(sql`update grant_applications set
      created_at = ${ago(t.created)},
      submitted_at = case when submitted_at is null then null else ${ago(t.submitted)} end,
      review_started_at = case when review_started_at is null then null else ${ago(Math.max(...t.reviews))} end,
      decided_at = case when decided_at is null then null else ${ago(t.decided)} end,
      withdrawn_at = case when withdrawn_at is null then null else ${ago(t.withdrawn)} end,
      reported_at = case when reported_at is null then null else ${ago(t.reported)} end,
      closed_at = case when closed_at is null then null else ${ago(t.closed)} end,
      updated_at = ${ago(lastStep(story, t))}
    where id = ${id}`);
  for (const r of reviewIds) await tx.execute(sql`update grant_reviews set created_at = ${ago(r.daysAgo)} where id = ${r.id}`);
  return id;
}

/** A pool of a district for a period, opened by its staff some days before the period began. */
async function openPool(tx: Db, staff: Actor, unitId: string, p: { name: string; description: string; periodStart: string; periodEnd: string; closesOn: string; budget: number; public: boolean }): Promise<PoolView> {
  const pool = must(
    'pool',
    await createPool(
      tx,
      staff,
      poolInput.parse({
        unitId,
        name: p.name,
        description: p.description,
        rules: RULES,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        currency: 'DKK',
        budget: p.budget,
        maxPerApplication: 10_000_00,
        purposes: ['talk', 'workshop', 'network_meeting', 'workplace_visit'],
        applicantKinds: ['members', 'stewards'],
        opensOn: p.periodStart,
        closesOn: p.closesOn,
        questions: QUESTIONS,
        reportDays: 30,
        public: p.public,
      }),
    ),
  ).pool;
  const opened = daysBetween(p.periodStart, today()) + 14;
  await tx.execute(sql`update grant_pools set created_at = ${ago(opened)}, updated_at = ${ago(opened)} where id = ${pool.id}`);
  await tx.execute(sql`update grant_pool_budget_changes set changed_at = ${ago(opened)} where pool_id = ${pool.id}`);
  return pool;
}

const periodName = (start: string, end: string) => (start.slice(0, 4) === end.slice(0, 4) ? start.slice(0, 4) : `${start.slice(0, 4)}/${end.slice(2, 4)}`);

export async function seedDemoGrants(tx: Db, ctx: DemoContext): Promise<void> {
  const mail = { baseUrl: (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, '') };
  // A year that began six months ago at a month's start: any day the demo is made, this year's pool
  // has activities behind it and ahead of it, and last year's lies wholly in the past.
  const start = monthStart(today(), -6);
  const end = addDays(monthStart(start, 12), -1);
  const lastStart = monthStart(start, -12);
  const lastEnd = addDays(start, -1);
  const districts = new Map<DemoDistrict, District>();
  for (const key of ['nord', 'midt', 'syd'] as const) {
    const members = ctx.activeMembers[key];
    const boardId = ctx.staff.find((s) => s.unit === key && s.roles.includes('board'))?.id;
    const staffIds = ctx.staff.filter((s) => s.unit === key && s.roles.includes('staff')).map((s) => s.id);
    if (!boardId || staffIds.length === 0 || members.length < 20) continue;
    const staff = await personActor(tx, staffIds[0]);
    const budget = key === 'syd' ? 100_000_00 : key === 'midt' ? 125_000_00 : 150_000_00;
    const current = await openPool(tx, staff, ctx.unitByKey[key], {
      name: `Initiativpuljen ${periodName(start, end)}`,
      description: `${DISTRICT_NAME[key]}s pulje til medlemmernes egne faglige initiativer: op til 10.000 kr. pr. ansøgning.`,
      periodStart: start,
      periodEnd: end,
      closesOn: addDays(end, -30),
      budget,
      public: key === 'nord',
    });
    const pools: District['pools'] = { current };
    if (key === 'midt') {
      // The district's board added money in the course of the year: the budget's history says who and why.
      const raised = must('budget', await updatePool(tx, staff, current.id, { budget: 150_000_00, budgetReason: 'Kredsbestyrelsen har tilført 25.000 kr. fra uforbrugte kursusmidler.' }));
      await tx.execute(sql`update grant_pool_budget_changes set changed_at = ${ago(40)} where pool_id = ${raised.pool.id} and old_budget is not null`);
      pools.current = raised.pool;
    }
    if (key === 'nord') {
      // Last year's pool takes applications today while its story is played, then its window closes where it did.
      const last = await openPool(tx, staff, ctx.unitByKey[key], { name: `Initiativpuljen ${periodName(lastStart, lastEnd)}`, description: `${DISTRICT_NAME[key]}s pulje til medlemmernes egne faglige initiativer.`, periodStart: lastStart, periodEnd: lastEnd, closesOn: today(), budget: 120_000_00, public: false });
      pools.last = last;
    }
    districts.set(key, { key, board: await personActor(tx, boardId), staff, colleague: await personActor(tx, staffIds[1] ?? staffIds[0]), members, pools });
  }

  for (const d of districts.values()) {
    const { steward, conflict } = await peopleAt(tx, ctx.unitByKey[d.key]);
    const used = new Set([steward?.personId, conflict?.colleagueId, conflict?.boardId].filter((x): x is string => !!x));
    let next = d.members.length - 1;
    const member = () => {
      while (next >= 0 && used.has(d.members[next])) next--;
      const id = d.members[next--];
      used.add(id);
      return id;
    };
    const conflicted = conflict ? await personActor(tx, conflict.boardId) : undefined;
    for (const story of demoStories.filter((s) => s.district === d.key)) {
      let applicant: string;
      let workplaceId: string | undefined;
      let workplace: string | null = null;
      if (story.applicant === 'steward' && steward) {
        applicant = steward.personId;
        workplaceId = steward.workplaceId;
        workplace = steward.workplace;
      } else if (story.applicant === 'colleague' && conflict) {
        applicant = conflict.colleagueId;
        workplace = conflict.workplace;
      } else {
        applicant = member();
      }
      workplace ??= (await workplaceOf(tx, applicant)) ?? 'arbejdspladsen';
      const coApplicant = story.coApplicant ? member() : undefined;
      const id = await playStory(tx, ctx, d, story, { applicant, coApplicant, workplaceId, workplace, conflicted: story.applicant === 'colleague' && conflict ? conflicted : undefined }, mail);
      if (story.event) ctx.made.set('grants.event_application', id);
    }
    if (d.pools.last) must('close window', await updatePool(tx, d.staff, d.pools.last.id, { closesOn: addDays(lastEnd, -30) }));
    ctx.made.set(`grants.pool.${d.key}`, d.pools.current.id);
    if (d.pools.last) ctx.made.set(`grants.pool.${d.key}.last`, d.pools.last.id);
  }
}
