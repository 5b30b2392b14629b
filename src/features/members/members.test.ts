import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq, sql } from 'drizzle-orm';
import { system, type Actor } from '../../platform/actor.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { queryRows } from '../../platform/db/database.js';
import { translator } from '../../platform/i18n/i18n.js';
import { fieldErrorsFromZod } from '../../platform/errors.js';
import { createPerson, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { createMember } from './create-member.js';
import { loadGrants } from '../../kernel/grants.js';
import { changeMembershipStatus } from './membership-status.js';
import { createMembershipType, listMembershipTypes, updateMembershipType } from './membership-types.js';
import { memberInput, memberPatch, statusChangeInput, today, type MemberInput } from './schema.js';
import { membershipEvents, memberships } from './tables.js';
import { persons } from '../../kernel/tables.js';
import { updateMember } from './update-member.js';
import { addMember, seedMembershipTypes } from './members.fixture.js';
import { dateInDays, shiftDate } from '../../test/time.js';

let t: TestApp;
let org: Org;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
let staffNorth: Actor;

const da = translator('da');

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  const p = await createPerson(t.database, [['staff', org.north]], { firstName: 'Stine', lastName: 'Stab' });
  staffNorth = { kind: 'person', personId: p.id, firstName: p.firstName, lastName: p.lastName, grants: await loadGrants(t.database.db, p.id) };
});
afterAll(() => t.close());

/** Every row the use cases write, so a failure can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select json_build_object(
      'persons', (select count(*) from persons), 'memberships', (select coalesce(json_agg(m order by m.id), '[]') from memberships m),
      'sections', (select count(*) from membership_sections), 'events', (select count(*) from membership_events),
      'audit', (select count(*) from audit_events), 'types', (select coalesce(json_agg(ty order by ty.id), '[]') from membership_types ty))::text as s`,
  );
  return row.s;
}

const valid = (extra: Partial<MemberInput> = {}): MemberInput => memberInput.parse({ firstName: 'Karen', lastName: 'Kragh', unitId: org.north, typeId: types.ordinary, ...extra });

async function auditOf(entityId: string) {
  return t.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(desc(auditEvents.id));
}

describe('createMember', () => {
  it('registers an active member with a generated number, joined today, a first history line and audit events naming fields only', async () => {
    const result = await createMember(t.database.db, staffNorth, valid({ email: 'karen.kragh@example.org', phone: '+45 11 22 33 44', sections: [org.leaders] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const m = result.member;
    expect(m).toMatchObject({ firstName: 'Karen', status: 'active', joinedOn: today(), statusSince: today(), unitId: org.north, typeCode: 'ordinary', sections: [org.leaders], country: 'DK' });
    expect(m.memberNumber).toMatch(/^\d{6}$/);
    const events = await t.database.db.select().from(membershipEvents).innerJoin(memberships, eq(memberships.id, membershipEvents.membershipId)).where(eq(memberships.personId, m.id));
    expect(events.map((e) => [e.membership_events.status, e.membership_events.onDate, e.membership_events.actorPersonId])).toEqual([['active', today(), staffNorth.kind === 'person' ? staffNorth.personId : null]]);
    const personAudit = await auditOf(m.id);
    expect(personAudit[0]).toMatchObject({ action: 'create', entityType: 'person', actorPersonId: staffNorth.kind === 'person' ? staffNorth.personId : null });
    expect(personAudit[0].fields).toEqual(expect.arrayContaining(['firstName', 'lastName', 'email', 'phone', 'country']));
    expect(JSON.stringify(personAudit)).not.toContain('karen.kragh@example.org');
    expect(JSON.stringify(personAudit)).not.toContain('11 22 33');
  });

  it('registers an applicant straight into the approval queue: confirmed, not joined', async () => {
    const result = await createMember(t.database.db, staffNorth, valid({ status: 'applicant', email: 'ansoeger@example.org' }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.member).toMatchObject({ status: 'applicant', joinedOn: null, statusSince: today() });
    const [row] = await t.database.db.select().from(memberships).where(eq(memberships.personId, result.member.id));
    expect(row.emailConfirmedAt).not.toBeNull();
  });

  it('keeps a given number and a joining date in the past as the start of the status', async () => {
    const result = await createMember(t.database.db, staffNorth, valid({ memberNumber: 'A-17', joinedOn: '2010-03-01' }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.member).toMatchObject({ memberNumber: 'A-17', joinedOn: '2010-03-01', statusSince: '2010-03-01' });
  });

  it('skips numbers already given by hand when it generates one', async () => {
    const [{ n }] = await queryRows<{ n: string }>(t.database.db, sql`select (last_value + 1)::text as n from member_number_seq`);
    await addMember(t.database, { unitId: org.north, typeId: types.ordinary, memberNumber: n });
    const generated = await addMember(t.database, { unitId: org.north, typeId: types.ordinary });
    expect(generated.memberNumber).not.toBe(n);
    expect(Number(generated.memberNumber)).toBe(Number(n) + 1);
  });

  it('gives members created one after another consecutive numbers', async () => {
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await createMember(t.database.db, staffNorth, valid({ email: `naeste-${i}@example.org` }));
      if (!result.ok) throw new Error(result.reason);
      numbers.push(Number(result.member.memberNumber));
    }
    expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2]);
  });

  it('refuses a taken e-mail (in any case) or number, an unknown or foreign unit, a section as district, an unknown or retired type, an unknown section: nothing written', async () => {
    await addMember(t.database, { unitId: org.north, typeId: types.ordinary, email: 'taken@example.org', memberNumber: '555555' });
    const cases: [Partial<MemberInput>, string, string, Actor?][] = [
      [{ email: 'TAKEN@Example.org' }, 'email_taken', 'email'],
      [{ memberNumber: '555555' }, 'number_taken', 'memberNumber'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 'unit_not_found', 'unitId'],
      [{ unitId: org.leaders }, 'unit_not_found', 'unitId'],
      [{ unitId: org.south }, 'unit_not_allowed', 'unitId', staffNorth],
      [{ typeId: '00000000-0000-4000-8000-000000000000' }, 'type_not_found', 'typeId'],
      [{ typeId: types.old }, 'type_inactive', 'typeId'],
      [{ sections: [org.north] }, 'section_not_found', 'sections'],
    ];
    for (const [extra, reason, field, actor] of cases) {
      const before = await snapshot();
      const result = await createMember(t.database.db, actor ?? system, valid(extra));
      expect(result, reason).toEqual({ ok: false, reason, field });
      expect(await snapshot(), reason).toBe(before);
    }
  });

  it.runIf(onPostgres)('two registrations with one e-mail address at the same moment: one person, one clear refusal', async () => {
    const database = await testDatabase(4);
    try {
      const units = await seedUnits(database);
      const ty = await seedMembershipTypes(database);
      const input = memberInput.parse({ firstName: 'Samtidig', lastName: 'Person', email: 'samtidig@example.org', unitId: units.north, typeId: ty.ordinary });
      const results = await Promise.all(Array.from({ length: 4 }, () => createMember(database.db, system, input)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 3 }, () => ({ ok: false, reason: 'email_taken', field: 'email' })));
      const [{ n }] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from persons`);
      expect(n).toBe(1);
    } finally {
      await database.close();
    }
  });
});

describe('the input schema', () => {
  const errors = (input: Record<string, unknown>) => {
    const r = memberInput.safeParse({ firstName: 'A', lastName: 'B', unitId: org.north, typeId: types.ordinary, ...input });
    return r.success ? [] : fieldErrorsFromZod(r.error, da).map((e) => [e.path, e.code, e.message]);
  };

  it('names the field of a date that does not exist, a birth in the future, a bad e-mail or country', () => {
    expect(errors({ dateOfBirth: '2026-02-30' })).toEqual([['dateOfBirth', 'validation.invalid_date', 'Fødselsdato skal være en gyldig dato, fx 2026-03-31.']]);
    expect(errors({ dateOfBirth: '2025-02-29' })[0][1]).toBe('validation.invalid_date');
    expect(errors({ dateOfBirth: dateInDays(7) })).toEqual([['dateOfBirth', 'person.birth_date_in_future', 'Fødselsdato kan ikke ligge i fremtiden.']]);
    expect(errors({ dateOfBirth: '1984-02-29' })).toEqual([]);
    expect(errors({ email: 'ikke en adresse' })[0].slice(0, 2)).toEqual(['email', 'validation.invalid_email']);
    expect(errors({ country: 'Danmark' })[0].slice(0, 2)).toEqual(['country', 'person.invalid_country']);
    expect(errors({ country: 'DA' })[0].slice(0, 2)).toEqual(['country', 'person.invalid_country']);
    expect(errors({ unitId: '' })).toEqual([['unitId', 'validation.required', 'Enhed skal udfyldes.']]);
    expect(errors({ typeId: 'abc' })).toEqual([['typeId', 'validation.invalid_id', 'Medlemstype er ikke et gyldigt id.']]);
    expect(errors({ firstName: '  ' })[0].slice(0, 2)).toEqual(['firstName', 'validation.required']);
    expect(errors({ memberNumber: '12 34' })[0].slice(0, 2)).toEqual(['memberNumber', 'member.invalid_number']);
    expect(errors({ status: 'resigned' })[0].slice(0, 2)).toEqual(['status', 'validation.invalid_choice']);
    expect(errors({ salary: 1 })[0][1]).toBe('validation.unknown_field');
  });

  it('reads blanks as none and a country in lower case', () => {
    expect(memberInput.parse({ firstName: 'A', lastName: 'B', unitId: org.north, typeId: types.ordinary, email: '', phone: ' ', dateOfBirth: '', country: 'se', preferredLocale: '' })).toMatchObject({
      email: null,
      phone: null,
      dateOfBirth: null,
      country: 'SE',
      preferredLocale: null,
    });
  });
});

describe('updateMember', () => {
  it('writes and audits only what changed; a new district is a line in the history', async () => {
    const m = await addMember(t.database, { unitId: org.north, typeId: types.ordinary, phone: '11111111' });
    const same = await updateMember(t.database.db, staffNorth, m.id, memberPatch.parse({ phone: '11111111', firstName: m.firstName }));
    expect(same.ok).toBe(true);
    expect((await auditOf(m.id)).filter((a) => a.action === 'update')).toEqual([]);

    const changed = await updateMember(t.database.db, system, m.id, memberPatch.parse({ phone: '22222222', unitId: org.south, sections: [org.leaders] }));
    if (!changed.ok) throw new Error(changed.reason);
    expect(changed.member).toMatchObject({ phone: '22222222', unitId: org.south, sections: [org.leaders] });
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, m.id));
    const updates = [...(await auditOf(m.id)), ...(await auditOf(membership.id))].filter((a) => a.action === 'update');
    expect(updates.map((a) => [a.entityType, a.fields])).toEqual(expect.arrayContaining([['person', ['phone']], ['membership', ['unitId', 'sections']]]));
    const events = await t.database.db.select().from(membershipEvents).where(eq(membershipEvents.membershipId, membership.id)).orderBy(membershipEvents.createdAt);
    expect(events.map((e) => [e.status, e.unitId])).toEqual([
      ['active', org.north],
      ['active', org.south],
    ]);
  });

  it('refuses another person’s e-mail or number, and a district outside the staff member’s units: nothing written', async () => {
    const other = await addMember(t.database, { unitId: org.north, typeId: types.ordinary, email: 'anden@example.org', memberNumber: '909090' });
    const m = await addMember(t.database, { unitId: org.north, typeId: types.ordinary });
    for (const [patch, reason, field] of [
      [{ email: 'ANDEN@example.org' }, 'email_taken', 'email'],
      [{ memberNumber: other.memberNumber }, 'number_taken', 'memberNumber'],
      [{ unitId: org.south }, 'unit_not_allowed', 'unitId'],
    ] as const) {
      const before = await snapshot();
      expect(await updateMember(t.database.db, staffNorth, m.id, memberPatch.parse(patch))).toEqual({ ok: false, reason, field });
      expect(await snapshot()).toBe(before);
    }
    // A member keeps a type that has since been retired.
    await t.database.db.update(memberships).set({ typeId: types.old }).where(eq(memberships.personId, m.id));
    expect((await updateMember(t.database.db, staffNorth, m.id, memberPatch.parse({ typeId: types.old, city: 'Nordby' }))).ok).toBe(true);
  });
});

describe('changeMembershipStatus', () => {
  it('resigns with a date and reason, refuses to reinstate an active member or date a change before the status began, then reinstates', async () => {
    // Joined years ago, resigned months ago: a status change may not be dated in the future.
    const joinedOn = dateInDays(-2000);
    const resignedOn = dateInDays(-200);
    const m = await addMember(t.database, { unitId: org.north, typeId: types.ordinary, joinedOn });
    const before = await snapshot();
    expect(await changeMembershipStatus(t.database.db, staffNorth, m.id, statusChangeInput.parse({ action: 'reinstate', onDate: today() }))).toEqual({ ok: false, reason: 'invalid_transition', field: 'action' });
    expect(await changeMembershipStatus(t.database.db, staffNorth, m.id, statusChangeInput.parse({ action: 'resign', onDate: shiftDate(joinedOn, -1) }))).toEqual({ ok: false, reason: 'date_before_status', field: 'onDate' });
    expect(await snapshot()).toBe(before);

    const resigned = await changeMembershipStatus(t.database.db, staffNorth, m.id, statusChangeInput.parse({ action: 'resign', onDate: resignedOn, reason: 'Ny uddannelse' }));
    if (!resigned.ok) throw new Error(resigned.reason);
    expect(resigned.member).toMatchObject({ status: 'resigned', statusSince: resignedOn });
    const reinstated = await changeMembershipStatus(t.database.db, staffNorth, m.id, statusChangeInput.parse({ action: 'reinstate', onDate: today() }));
    if (!reinstated.ok) throw new Error(reinstated.reason);
    expect(reinstated.member).toMatchObject({ status: 'active', statusSince: today(), joinedOn });
    const [membership] = await t.database.db.select().from(memberships).where(eq(memberships.personId, m.id));
    const events = await t.database.db.select().from(membershipEvents).where(eq(membershipEvents.membershipId, membership.id)).orderBy(membershipEvents.onDate);
    expect(events.map((e) => [e.onDate, e.status, e.reason])).toEqual([
      [joinedOn, 'active', null],
      [resignedOn, 'resigned', 'Ny uddannelse'],
      [today(), 'active', null],
    ]);
    const audits = (await auditOf(membership.id)).filter((a) => a.action === 'update');
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain('Ny uddannelse');
  });

  it('expels and records a death; a deceased member cannot resign; dates must not be in the future', async () => {
    const m = await addMember(t.database, { unitId: org.north, typeId: types.ordinary });
    const expelled = await changeMembershipStatus(t.database.db, system, m.id, statusChangeInput.parse({ action: 'expel', onDate: today() }));
    expect(expelled.ok && expelled.member.status).toBe('expelled');
    const dead = await changeMembershipStatus(t.database.db, system, m.id, statusChangeInput.parse({ action: 'deceased', onDate: today() }));
    expect(dead.ok && dead.member.status).toBe('deceased');
    expect(await changeMembershipStatus(t.database.db, system, m.id, statusChangeInput.parse({ action: 'resign', onDate: today() }))).toMatchObject({ ok: false, reason: 'invalid_transition' });
    const future = statusChangeInput.safeParse({ action: 'resign', onDate: dateInDays(7) });
    expect(future.success ? [] : fieldErrorsFromZod(future.error, da).map((e) => e.code)).toEqual(['member.date_in_future']);
    const missing = statusChangeInput.safeParse({ action: 'resign', onDate: '' });
    expect(missing.success ? [] : fieldErrorsFromZod(missing.error, da).map((e) => e.code)).toEqual(['validation.required']);
  });

  it('a person without a membership is not found', async () => {
    const p = await createPerson(t.database, []);
    expect(await changeMembershipStatus(t.database.db, system, p.id, statusChangeInput.parse({ action: 'resign', onDate: today() }))).toEqual({ ok: false, reason: 'not_found', field: 'id' });
    expect(await updateMember(t.database.db, system, p.id, memberPatch.parse({ phone: '11111111' }))).toEqual({ ok: false, reason: 'not_found', field: 'id' });
    expect((await t.database.db.select().from(persons).where(eq(persons.id, p.id)))[0].phone).toBeNull();
  });
});

describe('membership types', () => {
  it('adds, renames, reorders and deactivates; a code is unique', async () => {
    const created = await createMembershipType(t.database.db, system, { code: 'honorary', name: 'Æresmedlem', position: 7 });
    if (!created.ok) throw new Error(created.reason);
    expect(await createMembershipType(t.database.db, system, { code: 'honorary', name: 'Igen' })).toEqual({ ok: false, reason: 'code_taken', field: 'code' });
    const updated = await updateMembershipType(t.database.db, system, created.type.id, { name: 'Æresmedlem (livsvarigt)', position: 8, active: false });
    expect(updated).toEqual({ ok: true, type: { id: created.type.id, code: 'honorary', name: 'Æresmedlem (livsvarigt)', nameTranslations: {}, position: 8, active: false } });
    expect((await listMembershipTypes(t.database.db)).map((ty) => ty.code)).toContain('honorary');
    expect((await auditOf(created.type.id)).map((a) => [a.action, a.fields])).toEqual([
      ['update', ['name', 'position', 'active']],
      ['create', ['code', 'name', 'position']],
    ]);
    expect(await updateMembershipType(t.database.db, system, '00000000-0000-4000-8000-000000000000', { name: 'x', active: true })).toMatchObject({ ok: false, reason: 'not_found' });
  });
});
