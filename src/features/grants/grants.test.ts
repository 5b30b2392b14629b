import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { createWorkplace, seedUnits, type Org } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { employments, persons, roleAssignments, units, type RoleKind } from '../../kernel/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { today, poolFigures } from './access.js';
import { createPool, updatePool, budgetHistory } from './pools.js';
import { createApplication, submitApplication, withdrawApplication } from './applications.js';
import { addReview, decideApplication } from './decisions.js';
import { closeApplication, fileReport, recordPayout, reportRound } from './payouts.js';
import { addAttachment, getAttachment } from './attachments.js';
import { makeEventFromGrant } from './to-event.js';
import { applicationDetail, listApplications, myApplications, openPoolsFor, publicPool } from './queries.js';
import { applicationInput, decisionInput, poolInput } from './schema.js';

/*
 * The initiative pool's rules through its use cases: who may apply, the window, the maximum and the
 * cost total at submission and again at the decision, the budget, conflicts of interest, the order of
 * payout and report, the event a granted talk becomes, attachments checked by content, and who sees
 * what. The API and the pages have their own tests; this is the domain.
 */

type Who = { id: string; actor: Actor };
let database: Database;
let org: Org;
let typeId = '';
let subUnit = '';
let n = 0;
const mail = { baseUrl: 'http://forening.test' };

async function actorOf(id: string): Promise<Actor> {
  return { kind: 'person', personId: id, firstName: 'T', lastName: 'P', grants: await loadGrants(database.db, id) };
}
async function person(opts: { member?: string; roles?: [RoleKind, string | null, string?][]; locale?: 'da' | 'sv' | 'en' } = {}): Promise<Who> {
  n++;
  const [p] = await database.db.insert(persons).values({ firstName: 'Person', lastName: `Nr ${n}`, email: `grants${n}.${Date.now()}@example.org`, preferredLocale: opts.locale ?? 'da' }).returning();
  if (opts.member) await database.db.insert(memberships).values({ personId: p.id, typeId, unitId: opts.member, status: 'active', statusSince: sql`current_date - 30` });
  if (opts.roles?.length) await database.db.insert(roleAssignments).values(opts.roles.map(([role, unitId, workplaceId]) => ({ personId: p.id, role, unitId, workplaceId: workplaceId ?? null })));
  return { id: p.id, actor: await actorOf(p.id) };
}

const day = (offset: number) => new Date(Date.parse(`${today()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
let staff: Who;
let board: Who;
let boardSouth: Who;

async function pool(overrides: Record<string, unknown> = {}) {
  const made = await createPool(database.db, staff.actor, poolInput.parse({ unitId: org.north, name: `Initiativpuljen ${++n}`, periodStart: day(-100), periodEnd: day(200), budget: 100_000_00, maxPerApplication: 10_000_00, questions: ['Hvordan når I nye medlemmer?'], ...overrides }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.pool;
}
function application(overrides: Record<string, unknown> = {}) {
  return applicationInput.parse({ purpose: 'talk', title: 'Foredrag om arbejdsmiljø', activityDate: day(30), requested: 4_000_00, costLines: [{ description: 'Foredragsholder', amount: 3_000_00 }, { description: 'Forplejning', amount: 1_500_00 }], answers: {}, ...overrides });
}
async function submitted(poolId: string, applicant: Who, overrides: Record<string, unknown> = {}) {
  const p = (await queryRows<{ questions: { id: string }[] }>(database.db, sql`select questions from grant_pools where id = ${poolId}`))[0];
  const answers = Object.fromEntries((typeof p.questions === 'string' ? JSON.parse(p.questions) : p.questions).map((q: { id: string }) => [q.id, 'Vi inviterer ikke-medlemmer på arbejdspladsen.']));
  const made = await createApplication(database.db, applicant.actor, poolId, application({ answers, ...overrides }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  const sent = await submitApplication(database.db, applicant.actor, made.id);
  if (!sent.ok) throw new Error(JSON.stringify(sent));
  return made.id;
}
const rows = async (table: string) => (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0].n;

beforeAll(async () => {
  database = await testDatabase();
  org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `grants-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  typeId = type.id;
  const [sub] = await database.db.insert(units).values({ kind: 'section', parentId: org.north, name: 'Lokalafdeling Havn' }).returning();
  subUnit = sub.id;
  staff = await person({ roles: [['staff', org.north]] });
  board = await person({ roles: [['board', org.north]] });
  boardSouth = await person({ roles: [['board', org.south]] });
}, 60_000);
afterAll(async () => database?.close());

describe('who may apply', () => {
  it('takes members of the unit and the units below it, and stewards there; refuses another unit’s members and a closed window', async () => {
    const p = await pool();
    const north = await person({ member: org.north });
    const below = await person({ member: subUnit });
    const south = await person({ member: org.south });
    const workplace = (await createWorkplace(database, org.north, 'Daginstitutionen Mælkebøtten')).id;
    const steward = await person({ roles: [['steward', null, workplace]] });
    for (const who of [north, below, steward]) expect((await createApplication(database.db, who.actor, p.id, application())).ok).toBe(true);
    expect(await createApplication(database.db, steward.actor, p.id, application({ workplaceId: workplace }))).toMatchObject({ ok: true });
    const before = await rows('grant_applications');
    expect(await createApplication(database.db, south.actor, p.id, application())).toMatchObject({ ok: false, reason: 'not_eligible' });
    const closed = await pool({ opensOn: day(10), closesOn: day(20) });
    expect(await createApplication(database.db, north.actor, closed.id, application())).toMatchObject({ ok: false, reason: 'window_closed', params: { opensOn: day(10), closesOn: day(20) } });
    expect(await rows('grant_applications')).toBe(before);
    // The pools a member sees as open to them: the first, not the closed one, not the south's.
    const open = (await openPoolsFor(database.db, north.actor)).map((o) => o.id);
    expect(open).toContain(p.id);
    expect(open).not.toContain(closed.id);
    expect(await openPoolsFor(database.db, south.actor)).not.toContainEqual(expect.objectContaining({ id: p.id }));
  });

  it('checks the window again on submitting, and the questions and cost lines must be there', async () => {
    const p = await pool();
    const member = await person({ member: org.north });
    const draft = await createApplication(database.db, member.actor, p.id, application({ costLines: [] }));
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    expect(await submitApplication(database.db, member.actor, draft.id)).toMatchObject({ ok: false, reason: 'invalid', errors: expect.arrayContaining([expect.objectContaining({ path: 'costLines', code: 'grant.cost_lines_required' }), expect.objectContaining({ code: 'grant.answer_required' })]) });
    await updatePool(database.db, staff.actor, p.id, { closesOn: day(-1), opensOn: day(-50) });
    expect(await submitApplication(database.db, member.actor, draft.id)).toMatchObject({ ok: false, reason: 'window_closed' });
    expect((await applicationDetail(database.db, member.actor, draft.id)).ok && (await applicationDetail(database.db, member.actor, draft.id))).toMatchObject({ application: { status: 'draft' } });
  });
});

describe('amounts and the budget', () => {
  it('refuses a request over the maximum or the cost total, and checks the maximum again at the decision', async () => {
    const p = await pool();
    const member = await person({ member: org.north });
    expect(await createApplication(database.db, member.actor, p.id, application({ requested: 12_000_00, costLines: [{ description: 'Leje', amount: 20_000_00 }] }))).toMatchObject({ ok: false, errors: [expect.objectContaining({ path: 'requested', code: 'grant.over_max' })] });
    expect(() => application({ requested: 5_000_00 })).toThrow(); // 5,000 > the 4,500 of the cost lines: the schema says so
    const id = await submitted(p.id, member);
    // The pool's maximum falls below the request after it was submitted: the decision checks again.
    await updatePool(database.db, staff.actor, p.id, { maxPerApplication: 3_000_00 });
    expect(await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', reason: 'Godt initiativ' }), mail)).toMatchObject({ ok: false, errors: [expect.objectContaining({ path: 'amount', code: 'grant.over_max' })] });
    const lower = await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', amount: 3_000_00, reason: 'Puljen giver nu højst 3.000 kr.' }), mail);
    expect(lower).toMatchObject({ ok: true, status: 'granted', granted: 3_000_00, decidedBy: board.id });
    expect(await poolFigures(database.db, p.id)).toEqual({ budget: 100_000_00, granted: 3_000_00, paidOut: 0, left: 97_000_00 });
  });

  it('never grants past the budget, and the budget cannot fall below what is granted; each change is kept with its reason', async () => {
    const p = await pool({ budget: 6_000_00, maxPerApplication: 4_000_00 });
    const a = await submitted(p.id, await person({ member: org.north }));
    const b = await submitted(p.id, await person({ member: org.north }));
    expect(await decideApplication(database.db, board.actor, a, decisionInput.parse({ outcome: 'granted', reason: 'Fint' }), mail)).toMatchObject({ ok: true, granted: 4_000_00 });
    expect(await decideApplication(database.db, board.actor, b, decisionInput.parse({ outcome: 'granted', reason: 'Fint' }), mail)).toMatchObject({ ok: false, reason: 'over_budget', params: { left: 2_000_00 } });
    expect(await updatePool(database.db, staff.actor, p.id, { budget: 3_000_00, maxPerApplication: 3_000_00 })).toMatchObject({ ok: false, reason: 'below_granted', params: { granted: 4_000_00, currency: 'DKK' } });
    expect(await updatePool(database.db, staff.actor, p.id, { budget: 8_000_00, budgetReason: 'Overført fra kursuspuljen' })).toMatchObject({ ok: true, pool: { budget: 8_000_00, left: 4_000_00 } });
    expect(await decideApplication(database.db, board.actor, b, decisionInput.parse({ outcome: 'granted', reason: 'Nu er der råd' }), mail)).toMatchObject({ ok: true });
    const history = await budgetHistory(database.db, p.id);
    expect(history.map((h) => [h.oldBudget, h.newBudget, h.reason])).toEqual([[null, 6_000_00, null], [6_000_00, 8_000_00, 'Overført fra kursuspuljen']]);
    const audited = await queryRows<{ fields: string[] | string }>(database.db, sql`select fields from audit_events where entity_type = 'grant_pool' and entity_id = ${p.id} and action = 'update'`);
    expect(audited.some((r) => String(r.fields).includes('budget'))).toBe(true);
  });
});

describe('review and decision', () => {
  it('refuses a conflicted reviewer — the applicant, a co-applicant, a colleague — and names who decided', async () => {
    const p = await pool();
    const workplace = (await createWorkplace(database, org.north, 'Bostedet Lærkereden')).id;
    const applicant = await person({ member: org.north });
    const boardApplicant = await person({ member: org.north, roles: [['board', org.north]] });
    const colleague = await person({ roles: [['board', org.north]] });
    const coApplicant = await person({ member: org.north, roles: [['board', org.north]] });
    await database.db.insert(employments).values([{ personId: applicant.id, workplaceId: workplace }, { personId: colleague.id, workplaceId: workplace }]);
    const own = await submitted(p.id, boardApplicant);
    const theirs = await submitted(p.id, applicant, { coApplicantIds: [coApplicant.id] });
    const reason = decisionInput.parse({ outcome: 'granted', reason: 'Fint' });
    expect(await decideApplication(database.db, boardApplicant.actor, own, reason, mail)).toEqual({ ok: false, reason: 'conflicted' });
    expect(await decideApplication(database.db, colleague.actor, theirs, reason, mail)).toEqual({ ok: false, reason: 'conflicted' });
    expect(await decideApplication(database.db, coApplicant.actor, theirs, reason, mail)).toEqual({ ok: false, reason: 'conflicted' });
    // A conflicted reviewer may comment, not recommend.
    expect(await addReview(database.db, colleague.actor, theirs, { body: 'Jeg kender stedet.', recommendation: null, amount: null })).toMatchObject({ ok: true });
    expect(await addReview(database.db, colleague.actor, theirs, { body: 'Bevil', recommendation: 'grant', amount: null })).toEqual({ ok: false, reason: 'conflicted' });
    const decided = await decideApplication(database.db, board.actor, theirs, decisionInput.parse({ outcome: 'rejected', reason: 'Aktiviteten ligger uden for puljens formål.' }), mail);
    expect(decided).toMatchObject({ ok: true, status: 'rejected', decidedBy: board.id });
    const detail = await applicationDetail(database.db, applicant.actor, theirs);
    expect(detail.ok && detail.application).toMatchObject({ status: 'rejected', decisionReason: 'Aktiviteten ligger uden for puljens formål.', reviews: [] });
    // The mail in the applicant's language names the reason.
    const [m] = await queryRows<{ subject: string; textBody: string }>(database.db, sql`select subject, text_body as "textBody" from mail_outbox where to_address = (select email from persons where id = ${applicant.id}) order by created_at desc limit 1`);
    expect(m.subject).toContain('afslået');
    expect(m.textBody).toContain('Aktiviteten ligger uden for puljens formål.');
  });

  it('takes a submitted application into review with the first comment; the applicant withdraws only before the decision', async () => {
    const p = await pool();
    const applicant = await person({ member: org.north, locale: 'sv' });
    const id = await submitted(p.id, applicant);
    await addReview(database.db, board.actor, id, { body: 'Ser godt ud', recommendation: 'grant_less', amount: 3_000_00 });
    const reviewer = await applicationDetail(database.db, board.actor, id);
    expect(reviewer.ok && reviewer.application).toMatchObject({ status: 'in_review', reviews: [expect.objectContaining({ body: 'Ser godt ud', recommendation: 'grant_less', recommendedAmount: 3_000_00 })] });
    expect(await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', amount: 3_000_00, reason: 'Vi bevilger foredragsholderen.' }), mail)).toMatchObject({ ok: true });
    expect(await withdrawApplication(database.db, applicant.actor, id)).toMatchObject({ ok: false, reason: 'wrong_status' });
    const [m] = await queryRows<{ subject: string }>(database.db, sql`select subject from mail_outbox where to_address = (select email from persons where id = ${applicant.id}) order by created_at desc limit 1`);
    expect(m.subject).toContain('delvis beviljad');
  });
});

describe('payout, report and close', () => {
  it('reports only after the payout; the report round makes it due and reminds once a week', async () => {
    const p = await pool({ reportDays: 14 });
    const applicant = await person({ member: org.north });
    const id = await submitted(p.id, applicant, { activityDate: day(-20) });
    await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', reason: 'Fint' }), mail);
    const report = { summary: 'Vi var 31 til foredraget.', participants: 31, actualCosts: [{ description: 'Foredragsholder', amount: 3_000_00 }] };
    expect(await fileReport(database.db, applicant.actor, id, report)).toMatchObject({ ok: false, reason: 'wrong_status', params: { status: 'granted' } });
    expect(await recordPayout(database.db, applicant.actor, id, { reference: 'Bilag 1' }, mail)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await recordPayout(database.db, staff.actor, id, { reference: 'Bilag 2026-114', paidOn: day(-5) }, mail)).toMatchObject({ ok: true, status: 'report_due' });
    expect(await poolFigures(database.db, p.id)).toMatchObject({ granted: 4_000_00, paidOut: 4_000_00 });
    const overdue = await listApplications(database.db, board.actor, p.id, { overdue: true });
    expect(overdue.ok && overdue.items.map((i) => i.id)).toEqual([id]);
    const first = await reportRound(database.db, mail);
    expect(first.reminded).toBeGreaterThanOrEqual(1);
    const again = await reportRound(database.db, mail);
    const reminders = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from mail_outbox where to_address = (select email from persons where id = ${applicant.id}) and subject like 'Påmindelse%'`);
    expect(reminders[0].n).toBe(1);
    expect(again.reminded).toBe(0);
    expect(await fileReport(database.db, applicant.actor, id, report)).toMatchObject({ ok: true, status: 'reported' });
    expect(await closeApplication(database.db, board.actor, id)).toMatchObject({ ok: true, status: 'closed' });
    const detail = await applicationDetail(database.db, applicant.actor, id);
    expect(detail.ok && detail.application).toMatchObject({ status: 'closed', reportParticipants: 31, actualCost: 3_000_00, actualCostLines: [{ description: 'Foredragsholder', amount: 3_000_00 }] });
  });

  it('turns a granted talk into an event of the unit, whose check-ins count for the report', async () => {
    const p = await pool();
    const applicant = await person({ member: org.north });
    const id = await submitted(p.id, applicant, { expectedParticipants: 40, place: 'Medborgerhuset' });
    await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', reason: 'Fint' }), mail);
    expect(await makeEventFromGrant(database.db, applicant.actor, id)).toMatchObject({ ok: false, reason: 'forbidden' });
    const made = await makeEventFromGrant(database.db, staff.actor, id);
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect(await makeEventFromGrant(database.db, staff.actor, id)).toEqual({ ok: false, reason: 'event_exists' });
    const [e] = await queryRows<{ title: string; unitId: string }>(database.db, sql`select title, unit_id as "unitId" from events where id = ${made.eventId}`);
    expect(e).toEqual({ title: 'Foredrag om arbejdsmiljø', unitId: org.north });
    const guests = [await person({ member: org.north }), await person({ member: org.north })];
    await database.db.execute(sql`insert into event_registrations (event_id, person_id, status, checked_in_at) values ${sql.join(guests.map((g) => sql`(${made.eventId}, ${g.id}, 'confirmed', now())`), sql`, `)}`);
    const detail = await applicationDetail(database.db, staff.actor, id);
    expect(detail.ok && detail.application.eventAttendance).toBe(2);
  });
});

describe('attachments and who sees what', () => {
  it('checks a file by its content, not its name', async () => {
    const p = await pool();
    const applicant = await person({ member: org.north });
    const made = await createApplication(database.db, applicant.actor, p.id, application());
    if (!made.ok) throw new Error('no draft');
    expect(await addAttachment(database.db, applicant.actor, made.id, { fileName: 'program.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), kind: 'application' })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await addAttachment(database.db, applicant.actor, made.id, { fileName: 'tom.pdf', bytes: Buffer.alloc(0), kind: 'application' })).toEqual({ ok: false, reason: 'empty' });
    const ok = await addAttachment(database.db, applicant.actor, made.id, { fileName: '../../program.pdf', bytes: Buffer.from('%PDF-1.7\n%…'), kind: 'application' });
    expect(ok).toMatchObject({ ok: true, attachment: { fileName: 'program.pdf', contentType: 'application/pdf' } });
    const other = await person({ member: org.north });
    if (!ok.ok) return;
    expect(await getAttachment(database.db, other.actor, ok.attachment.id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await getAttachment(database.db, board.actor, ok.attachment.id)).ok).toBe(true);
  });

  it('shows an applicant only their own, the board of another unit nothing, and the public page no applicant', async () => {
    const p = await pool({ public: true });
    const applicant = await person({ member: org.north });
    const other = await person({ member: org.north });
    const id = await submitted(p.id, applicant);
    expect(await applicationDetail(database.db, other.actor, id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await applicationDetail(database.db, boardSouth.actor, id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await listApplications(database.db, boardSouth.actor, p.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await listApplications(database.db, other.actor, p.id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await myApplications(database.db, applicant.id)).map((a) => a.id)).toContain(id);
    expect((await myApplications(database.db, other.id)).map((a) => a.id)).not.toContain(id);
    await decideApplication(database.db, board.actor, id, decisionInput.parse({ outcome: 'granted', reason: 'Fint' }), mail);
    const visitor = await publicPool(database.db, { kind: 'anonymous' }, p.id);
    expect(visitor.ok && visitor.activities).toEqual([expect.objectContaining({ title: 'Foredrag om arbejdsmiljø', amount: 4_000_00, unitName: 'Kreds Nord' })]);
    expect(JSON.stringify(visitor)).not.toContain('Nr ');
    const hidden = await pool({ public: false });
    expect(await publicPool(database.db, { kind: 'anonymous' }, hidden.id)).toEqual({ ok: false, reason: 'not_found' });
  });
});
