import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditEvents } from '../../platform/audit/tables.js';
import { queryRows } from '../../platform/db/database.js';
import { adminSession, createPerson, createWorkplace, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { roleAssignments } from '../../kernel/tables.js';
import { addMember, employ, seedMembershipTypes } from './members.fixture.js';
import { dateInDays } from '../../test/time.js';
import { today } from './schema.js';

let t: TestApp;
let org: Org;
let types: Awaited<ReturnType<typeof seedMembershipTypes>>;
const cookie = { staffNorth: '', staffSouth: '', admin: '', steward: '', member: '', board: '' };
const person = { anne: '', bo: '', colleague: '', elsewhere: '', stewardId: '', memberId: '', adminId: '' };

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  types = await seedMembershipTypes(t.database);
  const workplace = await createWorkplace(t.database, org.north);
  const other = await createWorkplace(t.database, org.north, 'Børnehuset Regnbuen');
  person.anne = (await addMember(t.database, { firstName: 'Anne', lastName: 'Jensen', unitId: org.north, typeId: types.ordinary, email: 'anne@example.org', phone: '+45 20 30 40 50', dateOfBirth: '1980-05-17', joinedOn: '2015-02-01' })).id;
  person.bo = (await addMember(t.database, { firstName: 'Bo', lastName: '=HYPERLINK("http://evil.example","klik")', unitId: org.north, typeId: types.ordinary, email: 'bo@example.org', phone: '+4511111111' })).id;
  person.elsewhere = (await addMember(t.database, { firstName: 'Sydlig', lastName: 'Person', unitId: org.south, typeId: types.ordinary, email: 'syd@example.org' })).id;
  const colleague = await createPerson(t.database, [], { firstName: 'Kaj', lastName: 'Kollega', email: null, phone: '+45 99 88 77 66' });
  person.colleague = colleague.id;
  const steward = await addMember(t.database, { firstName: 'Tove', lastName: 'Tillid', unitId: org.north, typeId: types.ordinary });
  person.stewardId = steward.id;
  await t.database.db.insert(roleAssignments).values({ personId: steward.id, role: 'steward', workplaceId: workplace.id });
  await employ(t.database, steward.id, workplace.id);
  await employ(t.database, person.anne, workplace.id, { jobTitle: 'Socialpædagog' });
  await employ(t.database, person.colleague, workplace.id, { jobTitle: 'Vikar' });
  await employ(t.database, person.bo, other.id);
  const member = await addMember(t.database, { firstName: 'Mia', lastName: 'Medlem', unitId: org.north, typeId: types.ordinary });
  person.memberId = member.id;
  cookie.member = (await loginAs(t.database, member.id)).cookie;
  cookie.steward = (await loginAs(t.database, steward.id)).cookie;
  cookie.staffNorth = (await loginAs(t.database, (await createPerson(t.database, [['staff', org.north]], { firstName: 'Stine', lastName: 'Nord' })).id)).cookie;
  cookie.staffSouth = (await loginAs(t.database, (await createPerson(t.database, [['staff', org.south]])).id)).cookie;
  cookie.board = (await loginAs(t.database, (await createPerson(t.database, [['board', null]])).id)).cookie;
  const admin = await adminSession(t.database);
  cookie.admin = admin.cookie;
  person.adminId = admin.person.id;
});
afterAll(() => t.close());

const get = (url: string, c: string) => t.app.inject({ method: 'GET', url, headers: { cookie: c, accept: 'text/html' } });

async function snapshot(): Promise<string> {
  const [row] = await queryRows<{ s: string }>(
    t.database.db,
    sql`select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(p.id, p.email, p.phone, p.updated_at) order by p.id), '[]') from persons p),
      'memberships', (select coalesce(json_agg(json_build_array(m.id, m.status, m.member_number, m.unit_id, m.updated_at) order by m.id), '[]') from memberships m),
      'events', (select count(*) from membership_events), 'types', (select coalesce(json_agg(ty order by ty.id), '[]') from membership_types ty))::text as s`,
  );
  return row.s;
}

function keepCookies(c: string, res: LightMyRequestResponse): string {
  const jar = new Map(c.split('; ').filter(Boolean).map((x) => [x.split('=')[0], x.slice(x.indexOf('=') + 1)] as const));
  for (const x of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const [pair] = x.split(';');
    jar.set(pair.split('=')[0], pair.slice(pair.indexOf('=') + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function follow(res: LightMyRequestResponse, c: string): Promise<LightMyRequestResponse> {
  expect(res.statusCode, res.body.slice(0, 800)).toBe(303);
  return get(String(res.headers.location), keepCookies(c, res));
}

describe('the member list', () => {
  it('shows staff the members of their district, with a count, a search and the menu entry', async () => {
    const res = await get('/members', cookie.staffNorth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Jensen, Anne');
    expect(res.body).not.toContain('Sydlig');
    expect(res.body).toMatch(/4 medlemmer/);
    expect(res.body).toContain('<a href="/members" aria-current="page">Medlemmer</a>');
    const search = await get('/members?q=ann+jen&status=active&unit=&type=&sort=name', cookie.staffNorth);
    expect(search.body).toContain('Jensen, Anne');
    expect(search.body).toMatch(/1 medlem\b/);
    expect(search.body).not.toContain('Tillid, Tove');
    // The export link carries the same filters.
    expect(search.body).toContain('href="/members/export.csv?q=ann+jen&status=active"');
  });

  it('shows the board the list without create or export, in Swedish when asked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/members', headers: { cookie: `${cookie.board}; forening_lang=sv`, accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sydlig');
    expect(res.body).not.toContain('/members/new');
    expect(res.body).not.toContain('export.csv');
  });
});

describe('the CSV export', () => {
  it('streams the filtered list as UTF-8 with BOM and semicolons, formulas neutralised, audited without personal data', async () => {
    const res = await get('/members/export.csv?q=bo', cookie.staffNorth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="medlemmer-${today()}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('member_number;first_name;last_name;email;phone;address;postal_code;city;country;date_of_birth;preferred_language;membership_type;unit;status;joined_on');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`;Bo;"'=HYPERLINK(""http://evil.example"",""klik"")";bo@example.org;'+4511111111;`);
    expect(lines[1]).toContain(';ordinary;Kreds Nord;active;');
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'export')).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ entityType: 'member_list', fields: ['q'], entityId: null });
    expect(JSON.stringify(event)).not.toContain('bo');
  });

  it('exports only what the staff member may see', async () => {
    const res = await get('/members/export.csv', cookie.staffSouth);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Sydlig');
    const all = await get('/members/export.csv', cookie.admin);
    expect(all.body.trim().split('\r\n')).toHaveLength(1 + 5);
  });
});

describe('the member detail', () => {
  it('shows staff the whole record and records the visit in the audit trail it shows', async () => {
    const before = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, person.anne), eq(auditEvents.action, 'view')));
    const res = await get(`/members/${person.anne}`, cookie.staffNorth);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    for (const text of ['Anne Jensen', '+45 20 30 40 50', '17. maj 1980', 'Ordinært medlem', 'Kreds Nord', 'Botilbuddet Solsikken', 'Socialpædagog', '1. februar 2015', 'Medlemskabets historik', 'Revisionsspor', 'Læst', 'Stine Nord']) {
      expect(res.body, text).toContain(text);
    }
    const after = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, person.anne), eq(auditEvents.action, 'view')));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ entityType: 'person', actorKind: 'person', fields: null });
  });

  it('gives a steward a few fields of a colleague at their workplace, and 404 for anyone else', async () => {
    const res = await get(`/members/${person.anne}`, cookie.steward);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Anne Jensen');
    expect(res.body).toContain('Socialpædagog');
    expect(res.body).toContain('href="tel:+4520304050"');
    for (const hidden of ['1980', 'Medlemskabets historik', 'Revisionsspor', 'Ordinært medlem']) expect(res.body, hidden).not.toContain(hidden);
    const nonMember = await get(`/members/${person.colleague}`, cookie.steward);
    expect(nonMember.statusCode).toBe(200);
    expect(nonMember.body).toMatch(/Medlem<\/dt>\s*<dd>Nej<\/dd>/);
    const [viewed] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, person.colleague), eq(auditEvents.action, 'view')));
    expect(viewed.fields).toContain('phone');
    // Bo works at another workplace of the same district.
    const bo = await get(`/members/${person.bo}`, cookie.steward);
    expect(bo.statusCode).toBe(404);
    expect(bo.body).not.toContain('HYPERLINK');
  });

  it('answers 404 for a person outside the reader’s units, an unknown id and a malformed id; sends a member to their own page', async () => {
    for (const url of [`/members/${person.elsewhere}`, '/members/00000000-0000-4000-8000-000000000000', '/members/not-an-id']) {
      const res = await get(url, cookie.staffNorth);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('Sydlig');
    }
    expect((await get(`/members/${person.anne}`, cookie.member)).statusCode).toBe(404);
    const own = await get(`/members/${person.memberId}`, cookie.member);
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe('/me');
  });

  it('lets staff of another district see a non-member colleague only through a workplace of theirs', async () => {
    expect((await get(`/members/${person.colleague}`, cookie.staffNorth)).statusCode).toBe(200);
    expect((await get(`/members/${person.colleague}`, cookie.staffSouth)).statusCode).toBe(404);
  });
});

describe('creating and editing a member', () => {
  const fields = (extra: Record<string, string> = {}) => ({
    firstName: 'Ny',
    lastName: 'Medlemsen',
    email: 'ny@example.org',
    phone: '',
    extraEmails: '',
    addressLine: 'Havnegade 1',
    postalCode: '9000',
    city: 'Aalborg',
    country: 'dk',
    dateOfBirth: '',
    preferredLocale: '',
    unitId: org.north,
    typeId: types.ordinary,
    memberNumber: '',
    joinedOn: '',
    status: 'active',
    ...extra,
  });

  it('creates a member from the form and shows them with a message', async () => {
    const session = await formSession(t.app, '/members/new', cookie.staffNorth);
    expect(session.page.body).toContain('name="sections"');
    const res = await postForm(t.app, '/members', session, { ...fields(), sections: org.leaders, extraEmails: 'ny.privat@example.org\nny.arbejde@example.org' });
    const page = await follow(res, session.cookie);
    expect(page.body).toContain('Ny Medlemsen er oprettet med medlemsnummer');
    expect(page.body).toContain('Ledersektionen');
    expect(page.body).toContain('ny.privat@example.org, ny.arbejde@example.org');
  });

  it('re-renders with 422, the typed values and a message naming the field, and writes nothing', async () => {
    await addMember(t.database, { unitId: org.north, typeId: types.ordinary, email: 'optaget@example.org', memberNumber: '424242' });
    const session = await formSession(t.app, '/members/new', cookie.staffNorth);
    const cases: [Record<string, string>, string][] = [
      [{ email: 'OPTAGET@example.org' }, 'E-mail bruges allerede af en anden person.'],
      [{ memberNumber: '424242' }, 'Medlemsnummer er allerede givet til et andet medlem.'],
      [{ unitId: '00000000-0000-4000-8000-000000000000' }, 'Enhed findes ikke eller er ikke en kreds.'],
      [{ unitId: org.south }, 'Enhed ligger uden for de enheder, du arbejder for.'],
      [{ dateOfBirth: '2026-02-30' }, 'Fødselsdato skal være en gyldig dato, fx 2026-03-31.'],
      [{ dateOfBirth: dateInDays(7) }, 'Fødselsdato kan ikke ligge i fremtiden.'],
      [{ extraEmails: 'god@example.org\nikke-en-adresse' }, 'Ekstra e-mailadresser skal være en gyldig e-mailadresse'],
      [{ firstName: '' }, 'Fornavn skal udfyldes.'],
      // Too long is an error naming the limit, never a silent cut (the form has no maxlength that would cut a paste).
      [{ lastName: 'x'.repeat(300) }, 'Efternavn må højst være 100 tegn.'],
    ];
    expect(session.page.body).not.toContain('maxlength');
    for (const [extra, message] of cases) {
      const before = await snapshot();
      const res = await postForm(t.app, '/members', session, fields({ email: 'ny2@example.org', ...extra }));
      expect(res.statusCode, message).toBe(422);
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="Havnegade 1"');
      expect(await snapshot(), message).toBe(before);
    }
  });

  it('edits the phone number, shows the change and the update in the trail', async () => {
    const session = await formSession(t.app, `/members/${person.anne}/edit`, cookie.staffNorth);
    expect(session.page.body).toContain('value="anne@example.org"');
    const { status: _new, ...edit } = fields({ firstName: 'Anne', lastName: 'Jensen', email: 'anne@example.org', phone: '+45 70 70 70 70', dateOfBirth: '1980-05-17', joinedOn: '2015-02-01', addressLine: '', postalCode: '', city: '' });
    const res = await postForm(t.app, `/members/${person.anne}/edit`, session, edit);
    const page = await follow(res, session.cookie);
    expect(page.body).toContain('Ændringerne er gemt.');
    expect(page.body).toContain('+45 70 70 70 70');
    expect(page.body).toMatch(/Ændret<\/span>\s*<\/span>\s*<\/td>\s*<td>Telefon<\/td>/);
  });

  it('refuses the board (403) and staff of another district (404) on the edit form, changing nothing', async () => {
    expect((await get(`/members/${person.anne}/edit`, cookie.board)).statusCode).toBe(403);
    expect((await get(`/members/${person.anne}/edit`, cookie.staffSouth)).statusCode).toBe(404);
    const session = await formSession(t.app, '/members', cookie.staffSouth);
    const before = await snapshot();
    const res = await postForm(t.app, `/members/${person.anne}/edit`, session, fields({ phone: 'kapret' }));
    expect(res.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

describe('changing the status', () => {
  it('resigns with a date and reason, shown in the history; reinstating an active member is refused with a clear message', async () => {
    const m = await addMember(t.database, { firstName: 'Ulla', lastName: 'Udmeldt', unitId: org.north, typeId: types.ordinary, joinedOn: '2018-01-01' });
    const session = await formSession(t.app, `/members/${m.id}/status`, cookie.staffNorth);
    expect(session.page.body).toContain('<option value="resign"');
    expect(session.page.body).not.toContain('<option value="reinstate"');
    const before = await snapshot();
    const refused = await postForm(t.app, `/members/${m.id}/status`, session, { action: 'reinstate', onDate: today(), reason: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Statusændringen er ikke mulig fra medlemmets nuværende status.');
    const badDate = await postForm(t.app, `/members/${m.id}/status`, session, { action: 'resign', onDate: '2024-02-30', reason: '' });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Dato skal være en gyldig dato, fx 2026-03-31.');
    expect(await snapshot()).toBe(before);
    // Last New Year's Eve: in the past whatever today is, and a date whose Danish spelling is known.
    const lastYear = Number(today().slice(0, 4)) - 1;
    const res = await postForm(t.app, `/members/${m.id}/status`, session, { action: 'resign', onDate: `${lastYear}-12-31`, reason: 'Flytter til Norge' });
    const page = await follow(res, session.cookie);
    expect(page.body).toContain('Status er ændret til Udmeldt.');
    expect(page.body).toContain('Flytter til Norge');
    expect(page.body).toContain(`31. december ${lastYear}`);
  });
});

describe('membership types', () => {
  it('lets an admin add, rename and deactivate a type; a taken code is a 422 naming the field', async () => {
    const session = await formSession(t.app, '/admin/membership-types', cookie.admin);
    expect(session.page.body).toContain('Gammel type');
    const created = await follow(await postForm(t.app, '/admin/membership-types', session, { code: 'Senior', name: 'Seniormedlem', position: '5' }), session.cookie);
    expect(created.body).toContain('Medlemstypen Seniormedlem er oprettet.');
    expect(created.body).toContain('<code>senior</code>');
    const taken = await postForm(t.app, '/admin/membership-types', session, { code: 'senior', name: 'Igen', position: '6' });
    expect(taken.statusCode).toBe(422);
    expect(taken.body).toContain('Kode bruges allerede af en anden medlemstype.');
    const [{ id }] = await queryRows<{ id: string }>(t.database.db, sql`select id from membership_types where code = 'senior'`);
    const saved = await follow(await postForm(t.app, `/admin/membership-types/${id}`, session, { name: 'Seniormedlem 60+', position: '5' }), session.cookie);
    expect(saved.body).toContain('Medlemstypen Seniormedlem 60+ er gemt.');
    expect(saved.body).toMatch(/Seniormedlem 60\+<\/span> <code>senior<\/code> <span class="badge badge-warning"><span>Deaktiveret/);
    // A retired type is not offered for new members.
    expect((await get('/members/new', cookie.admin)).body).not.toContain('Seniormedlem 60+');
    const blank = await postForm(t.app, `/admin/membership-types/${id}`, session, { name: '', position: '5', active: 'on' });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain('Navn skal udfyldes.');
  });

  it('is for admins only', async () => {
    expect((await get('/admin/membership-types', cookie.staffNorth)).statusCode).toBe(403);
    const adminPage = await get('/admin', cookie.admin);
    expect(adminPage.body).toContain('href="/admin/membership-types"');
    expect(adminPage.body).toContain('href="/members"');
    const staffPage = await get('/admin', cookie.staffNorth);
    expect(staffPage.body).toContain('href="/members"');
    expect(staffPage.body).not.toContain('href="/admin/membership-types"');
  });
});
