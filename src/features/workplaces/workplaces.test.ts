import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { system, type Actor } from '../../platform/actor.js';
import type { Database, Db } from '../../platform/db/database.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/i18n.js';
import { persons, roleAssignments, employments, workplaces } from '../../kernel/tables.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { listWorkplaces } from './list.js';
import { getWorkplaceDetail } from './detail.js';
import { createWorkplace, updateWorkplace } from './workplaces.js';
import { appointOffice, endOffice } from './offices.js';
import { addEmployment, endEmployment } from './employments.js';
import { endInput, officeInput, workplaceFilter, workplaceInput, type WorkplaceFilter } from './schema.js';
import { actorOf, actorWith, registerDates, seedRegister, type Register } from './register.fixture.js';
import { dateInDays, shiftDate } from '../../test/time.js';

let database: Database;
let r: Register;
let admin: Actor;
let staffNorth: Actor;
let staffSouth: Actor;
let boardNorth: Actor;

beforeAll(async () => {
  database = await testDatabase();
  r = await seedRegister(database);
  admin = system;
  staffNorth = await actorWith(database, [['staff', r.org.north]]);
  staffSouth = await actorWith(database, [['staff', r.org.south]]);
  boardNorth = await actorWith(database, [['board', r.org.north]]);
});
afterAll(() => database.close());

const filter = (f: Partial<WorkplaceFilter> = {}): WorkplaceFilter => workplaceFilter.parse(f);
const t = translator('da');

/** Counts the database calls a use case makes through the `db` it is given. */
function counting(db: Db): { db: Db; calls: string[] } {
  const calls: string[] = [];
  const methods = new Set(['execute', 'select', 'selectDistinct', 'insert', 'update', 'delete', 'transaction', 'with', 'query']);
  const proxy = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || !methods.has(String(prop))) return value;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: proxy, calls };
}

describe('coverage and organisation rate', () => {
  it('counts today’s employees and the active members among them, and who is in office', async () => {
    const page = await listWorkplaces(database.db, admin, filter());
    const byName = Object.fromEntries(page.items.map((w) => [w.name, w]));
    // Bakkehuset: Mette, Morten, Maja (members), Niels (no membership), Rikke (resigned); Erik's job ended.
    expect(byName.Bakkehuset).toMatchObject({ employees: 5, members: 3, organisationRate: 0.6, stewardInOffice: true, safetyRepInOffice: false });
    expect(byName['Åbrinken']).toMatchObject({ employees: 2, members: 2, organisationRate: 1, stewardInOffice: true, safetyRepInOffice: true });
    expect(byName['Ærøskolen']).toMatchObject({ employees: 0, members: 0, organisationRate: null, stewardInOffice: false, safetyRepInOffice: false });
    // Dorthe's office begins next year: today the post is vacant.
    expect(byName['Østerhuset']).toMatchObject({ employees: 1, members: 1, organisationRate: 1, stewardInOffice: false });
    expect(page.total).toBe(4);
  });

  it('sorts Danish names right on every database: æ, ø, å after z', async () => {
    const page = await listWorkplaces(database.db, admin, filter());
    expect(page.items.map((w) => w.name)).toEqual(['Bakkehuset', 'Ærøskolen', 'Østerhuset', 'Åbrinken']);
  });

  it('shows the vacancies: no steward, no safety rep', async () => {
    const noSteward = await listWorkplaces(database.db, admin, filter({ vacancy: 'steward' }));
    expect(noSteward.items.map((w) => w.name)).toEqual(['Ærøskolen', 'Østerhuset']);
    const noSafetyRep = await listWorkplaces(database.db, admin, filter({ vacancy: 'safety_rep' }));
    expect(noSafetyRep.items.map((w) => w.name)).toEqual(['Bakkehuset', 'Ærøskolen', 'Østerhuset']);
  });

  it('filters by search, unit (with its sub-units) and employer kind, and pages', async () => {
    expect((await listWorkplaces(database.db, admin, filter({ q: 'bakke' }))).items.map((w) => w.name)).toEqual(['Bakkehuset']);
    expect((await listWorkplaces(database.db, admin, filter({ q: '1012 345' }))).items.map((w) => w.name)).toEqual(['Bakkehuset']);
    expect((await listWorkplaces(database.db, admin, filter({ q: '100%' }))).total).toBe(0);
    expect((await listWorkplaces(database.db, admin, filter({ unit: r.org.south }))).items.map((w) => w.name)).toEqual(['Ærøskolen']);
    expect((await listWorkplaces(database.db, admin, filter({ unit: r.org.national }))).total).toBe(4);
    expect((await listWorkplaces(database.db, admin, filter({ employerKind: 'region' }))).total).toBe(0);
    const second = await listWorkplaces(database.db, admin, filter({ page: 2, pageSize: 3 }));
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((w) => w.name)).toEqual(['Åbrinken']);
    // Past the last page: no rows, but still the total.
    expect(await listWorkplaces(database.db, admin, filter({ page: 9, pageSize: 3 }))).toMatchObject({ items: [], total: 4 });
  });

  it('reads a whole page, counts included, in ONE database call', async () => {
    const { db, calls } = counting(database.db);
    const page = await listWorkplaces(db, staffNorth, filter({ vacancy: 'safety_rep', q: 'e' }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(calls).toEqual(['execute']);
  });
});

describe('who sees which workplaces', () => {
  it('staff and board see their units; admins all', async () => {
    expect((await listWorkplaces(database.db, staffNorth, filter())).items.map((w) => w.name)).toEqual(['Bakkehuset', 'Østerhuset', 'Åbrinken']);
    expect((await listWorkplaces(database.db, boardNorth, filter())).total).toBe(3);
    expect((await listWorkplaces(database.db, staffSouth, filter())).items.map((w) => w.name)).toEqual(['Ærøskolen']);
  });

  it('a steward sees only the workplace where they hold office, a member none', async () => {
    const mette = await actorOf(database, r.people.mette);
    expect((await listWorkplaces(database.db, mette, filter())).items.map((w) => w.name)).toEqual(['Bakkehuset']);
    const maja = await actorOf(database, r.people.maja);
    expect(await listWorkplaces(database.db, maja, filter())).toMatchObject({ items: [], total: 0 });
    // Dorthe's office has not begun: she sees nothing yet.
    expect((await listWorkplaces(database.db, await actorOf(database, r.people.dorthe), filter())).total).toBe(0);
  });

  it('a steward sees their workplace’s members and non-members, and the look is audited', async () => {
    const mette = await actorOf(database, r.people.mette);
    const result = await getWorkplaceDetail(database.db, mette, r.bakkehuset);
    if (!result.ok) throw new Error(result.reason);
    const w = result.workplace;
    expect(w.people.members.map((p) => p.firstName)).toEqual(['Mette', 'Morten', 'Maja']);
    expect(w.people.nonMembers.map((p) => p.firstName)).toEqual(['Niels', 'Rikke']);
    expect(w.people.members.find((p) => p.firstName === 'Maja')).toMatchObject({ isLeader: true, jobTitle: 'Afdelingsleder', isMember: true });
    expect(w.coverage.stewards).toMatchObject([{ firstName: 'Mette', current: true, startsOn: registerDates.metteStewardSince, endsOn: null }]);
    expect(w.coverage.safetyReps).toMatchObject([{ firstName: 'Morten', current: false, endsOn: registerDates.mortenSafetyRepUntil }]);
    // Exactly what a steward may see of a person at their workplace: name, job, e-mail and phone (to reach them); no address or membership details.
    expect(Object.keys(w.people.members[0]).sort()).toEqual(['email', 'employmentId', 'endsOn', 'firstName', 'isLeader', 'isMember', 'jobTitle', 'lastName', 'personId', 'phone', 'startsOn']);
    const views = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'view'), eq(auditEvents.entityType, 'workplace'), eq(auditEvents.entityId, r.bakkehuset), eq(auditEvents.actorPersonId, r.people.mette)));
    expect(views).toHaveLength(1);
  });

  it('another workplace, or another unit’s, is not found; nothing is audited for it', async () => {
    const mette = await actorOf(database, r.people.mette);
    const before = (await database.db.select().from(auditEvents)).length;
    expect(await getWorkplaceDetail(database.db, mette, r.aabrinken)).toEqual({ ok: false, reason: 'not_found' });
    expect(await getWorkplaceDetail(database.db, staffSouth, r.bakkehuset)).toEqual({ ok: false, reason: 'not_found' });
    expect(await getWorkplaceDetail(database.db, staffNorth, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, reason: 'not_found' });
    expect((await database.db.select().from(auditEvents)).length).toBe(before);
  });
});

describe('P-number', () => {
  const base = { name: 'Nyt sted', employerKind: 'municipality', unitId: '00000000-0000-4000-8000-000000000001' };

  it('is ten digits, typed with or without spaces', () => {
    expect(workplaceInput.parse({ ...base, pNumber: '10 12 34 56 79' }).pNumber).toBe('1012345679');
    expect(workplaceInput.parse({ ...base, pNumber: '' }).pNumber).toBeNull();
    for (const bad of ['123456789', '10123456789', '10123456ab', 'P-nummer']) {
      const result = workplaceInput.safeParse({ ...base, pNumber: bad });
      expect(result.success, bad).toBe(false);
      if (!result.success) expect(fieldErrorsFromZod(result.error, t)).toEqual([{ path: 'pNumber', code: 'workplace.invalid_p_number', message: 'P-nummer skal være 10 cifre, fx 1012345678.' }]);
    }
  });

  it('is unique: a taken one is refused and nothing is written', async () => {
    const input = workplaceInput.parse({ ...base, unitId: r.org.north, pNumber: '1012345678' });
    const before = (await database.db.select().from(workplaces)).length;
    expect(await createWorkplace(database.db, staffNorth, input)).toEqual({ ok: false, reason: 'p_number_taken', field: 'pNumber' });
    expect((await database.db.select().from(workplaces)).length).toBe(before);
    // Saving Bakkehuset with its own number is not a clash.
    const own = workplaceInput.parse({ ...base, name: 'Bakkehuset', unitId: r.org.north, pNumber: '1012345678' });
    expect((await updateWorkplace(database.db, staffNorth, r.bakkehuset, own)).ok).toBe(true);
  });

  it.runIf(onPostgres)('two creates racing for one P-number: one wins, the other is told it is taken', async () => {
    const input = workplaceInput.parse({ ...base, unitId: r.org.north, pNumber: '1099999999' });
    const results = await Promise.all([createWorkplace(database.db, staffNorth, input), createWorkplace(database.db, staffNorth, input)]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(results.filter((x) => !x.ok)).toEqual([{ ok: false, reason: 'p_number_taken', field: 'pNumber' }]);
  });
});

describe('creating and changing workplaces', () => {
  it('staff create in their unit, audited with field names; not in another unit', async () => {
    const input = workplaceInput.parse({ name: 'Nordlyset', employerKind: 'region', employerName: 'Region Nord', unitId: r.org.north, pNumber: '1000000001' });
    const created = await createWorkplace(database.db, staffNorth, input);
    if (!created.ok) throw new Error(created.reason);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'workplace'), eq(auditEvents.entityId, created.workplace.id)));
    expect(event).toMatchObject({ action: 'create' });
    expect(event.fields).toEqual(expect.arrayContaining(['name', 'employerKind', 'employerName', 'unitId', 'pNumber']));
    expect(await createWorkplace(database.db, staffNorth, { ...input, pNumber: null, unitId: r.org.south })).toEqual({ ok: false, reason: 'unit_not_allowed', field: 'unitId' });
    expect(await createWorkplace(database.db, admin, { ...input, pNumber: null, unitId: '00000000-0000-4000-8000-000000000000' })).toEqual({ ok: false, reason: 'unit_not_found', field: 'unitId' });
  });

  it('needs a member company when the employer is one', () => {
    const result = workplaceInput.safeParse({ name: 'X', employerKind: 'member_company', unitId: r.org.north });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsFromZod(result.error, t)[0]).toMatchObject({ path: 'memberCompanyId', code: 'validation.required' });
  });

  it('board may look but not change; staff of another unit do not even find it', async () => {
    const input = workplaceInput.parse({ name: 'Bakkehuset', employerKind: 'municipality', unitId: r.org.north });
    expect(await updateWorkplace(database.db, boardNorth, r.bakkehuset, input)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await updateWorkplace(database.db, staffSouth, r.bakkehuset, input)).toEqual({ ok: false, reason: 'not_found' });
  });
});

describe('stewards and safety reps', () => {
  // Maja's office begins before today and, in the second test, ends before today again.
  const officeFrom = dateInDays(-400);
  const officeEnded = dateInDays(-30);

  it('appoints among the member employees only, and coverage follows', async () => {
    expect(await appointOffice(database.db, staffNorth, r.bakkehuset, officeInput.parse({ personId: r.people.niels, role: 'safety_rep' }))).toEqual({ ok: false, reason: 'not_member_employee', field: 'personId' });
    expect(await appointOffice(database.db, staffNorth, r.bakkehuset, officeInput.parse({ personId: r.people.erik, role: 'safety_rep' }))).toEqual({ ok: false, reason: 'not_member_employee', field: 'personId' });
    expect(await appointOffice(database.db, staffNorth, r.bakkehuset, officeInput.parse({ personId: r.people.maja, role: 'safety_rep', startsOn: officeFrom, endsOn: shiftDate(officeFrom, -365) }))).toEqual({ ok: false, reason: 'end_before_start', field: 'endsOn' });
    const appointed = await appointOffice(database.db, staffNorth, r.bakkehuset, officeInput.parse({ personId: r.people.maja, role: 'safety_rep', startsOn: officeFrom }));
    expect(appointed.ok).toBe(true);
    expect(await appointOffice(database.db, staffNorth, r.bakkehuset, officeInput.parse({ personId: r.people.maja, role: 'safety_rep' }))).toEqual({ ok: false, reason: 'already_in_office', field: 'personId' });
    const page = await listWorkplaces(database.db, admin, filter({ q: 'Bakkehuset' }));
    expect(page.items[0].safetyRepInOffice).toBe(true);
    // Her new office gives her a steward's view of Bakkehuset.
    expect((await listWorkplaces(database.db, await actorOf(database, r.people.maja), filter())).items.map((w) => w.name)).toEqual(['Bakkehuset']);
  });

  it('ends an office on a day, not before it began, and audits it', async () => {
    const [office] = await database.db.select().from(roleAssignments).where(and(eq(roleAssignments.personId, r.people.maja), eq(roleAssignments.role, 'safety_rep')));
    expect(await endOffice(database.db, staffNorth, r.bakkehuset, office.id, { endsOn: shiftDate(officeFrom, -1) })).toEqual({ ok: false, reason: 'end_before_start', field: 'endsOn' });
    expect(await endOffice(database.db, staffSouth, r.bakkehuset, office.id, { endsOn: officeEnded })).toEqual({ ok: false, reason: 'not_found' });
    expect(await endOffice(database.db, staffNorth, r.aabrinken, office.id, { endsOn: officeEnded })).toEqual({ ok: false, reason: 'not_found' });
    expect((await endOffice(database.db, staffNorth, r.bakkehuset, office.id, { endsOn: officeEnded })).ok).toBe(true);
    expect(await endOffice(database.db, staffNorth, r.bakkehuset, office.id, endInput.parse({}))).toEqual({ ok: false, reason: 'already_ended', field: 'endsOn' });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'role_assignment'), eq(auditEvents.entityId, office.id), eq(auditEvents.action, 'update')));
    expect(event.fields).toEqual(['endsOn']);
    expect((await listWorkplaces(database.db, admin, filter({ q: 'Bakkehuset' }))).items[0].safetyRepInOffice).toBe(false);
  });
});

describe('employments', () => {
  // Anna's second job begins before today and, in the last test, ends before today again.
  const jobFrom = dateInDays(-300);
  const jobEnded = dateInDays(-30);

  it('adds a known person by e-mail and a new colleague by name; the rate follows', async () => {
    const [anna] = await database.db.select().from(persons).where(eq(persons.id, r.people.anna));
    const known = await addEmployment(database.db, staffNorth, r.oesterhuset, { email: anna.email!.toUpperCase(), firstName: null, lastName: null, jobTitle: 'Vikar', isLeader: false, startsOn: jobFrom, endsOn: null });
    expect(known).toMatchObject({ ok: true, personId: r.people.anna });
    const colleague = await addEmployment(database.db, staffNorth, r.oesterhuset, { email: null, firstName: 'Kim', lastName: 'Kollega', jobTitle: null, isLeader: false, startsOn: null, endsOn: null });
    expect(colleague.ok).toBe(true);
    const w = (await listWorkplaces(database.db, admin, filter({ q: 'Østerhuset' }))).items[0];
    expect(w).toMatchObject({ employees: 3, members: 2 });
    expect(w.organisationRate).toBeCloseTo(2 / 3);
  });

  it('refuses an unknown e-mail without a name, and a person already employed there', async () => {
    const before = (await database.db.select().from(employments)).length;
    expect(await addEmployment(database.db, staffNorth, r.oesterhuset, { email: 'nobody@example.org', firstName: null, lastName: null, jobTitle: null, isLeader: false, startsOn: null, endsOn: null })).toEqual({
      ok: false,
      reason: 'person_not_found',
      field: 'email',
    });
    const [anna] = await database.db.select().from(persons).where(eq(persons.id, r.people.anna));
    expect(await addEmployment(database.db, staffNorth, r.oesterhuset, { email: anna.email, firstName: null, lastName: null, jobTitle: null, isLeader: false, startsOn: null, endsOn: null })).toEqual({
      ok: false,
      reason: 'already_employed',
      field: 'email',
    });
    expect(await addEmployment(database.db, boardNorth, r.oesterhuset, { email: anna.email, firstName: null, lastName: null, jobTitle: null, isLeader: false, startsOn: null, endsOn: null })).toEqual({ ok: false, reason: 'forbidden' });
    expect((await database.db.select().from(employments)).length).toBe(before);
  });

  it('ends an employment: the person leaves the lists and the counts', async () => {
    const [job] = await database.db.select().from(employments).where(and(eq(employments.personId, r.people.anna), eq(employments.workplaceId, r.oesterhuset)));
    expect(await endEmployment(database.db, staffNorth, r.oesterhuset, job.id, { endsOn: shiftDate(jobFrom, -31) })).toEqual({ ok: false, reason: 'end_before_start', field: 'endsOn' });
    expect((await endEmployment(database.db, staffNorth, r.oesterhuset, job.id, { endsOn: jobEnded })).ok).toBe(true);
    expect((await listWorkplaces(database.db, admin, filter({ q: 'Østerhuset' }))).items[0]).toMatchObject({ employees: 2, members: 1 });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'employment'), eq(auditEvents.entityId, job.id), eq(auditEvents.action, 'update')));
    expect(event.fields).toEqual(['endsOn']);
  });
});
