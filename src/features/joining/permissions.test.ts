import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { bearer, createPerson, createWorkplace, formSession, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { anonymous, system } from '../../platform/actor.js';
import { mailOutbox } from '../../platform/mail/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { persons, employments } from '../../kernel/tables.js';
import { applyForMembership, confirmApplication } from './join.js';
import { joinInput } from './schema.js';
import { registeredRoutes } from '../../test/routes.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';

/**
 * Every route of "become a member", the applications queue and "my page", with every kind of caller.
 * A new route under /join, /me or /admin/applications needs a row here; the first test fails until it has one.
 */

const PERSONS = ['member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
/** API tokens count for nothing on pages: a caller with one is a visitor. */
const TOKENS = ['tokenStaff', 'tokenAdmin'] as const;
type Person = (typeof PERSONS)[number];
type Who = 'anonymous' | Person | (typeof TOKENS)[number];
const EVERYONE: Who[] = ['anonymous', ...PERSONS, ...TOKENS];

type Expected = number | 'login' | { status: number; location: string };
type Expectations = Record<Who, Expected>;

interface Row {
  method: 'GET' | 'POST';
  route: string;
  /** The URL this caller calls: callers who may pass get a record of their own to act on. */
  url?: (who: Who) => string;
  body?: (who: Who) => Record<string, string>;
  expect: Expectations;
  /** Callers who pass must change the database. */
  changes?: boolean;
}

const all = (e: Expected): Expectations => Object.fromEntries(EVERYONE.map((w) => [w, e])) as Expectations;
const visitorsLogIn = (rest: Partial<Expectations>): Expectations => ({ ...all(403), anonymous: 'login', tokenStaff: 'login', tokenAdmin: 'login', ...rest });
/** Staff of the applicant's district and admins decide; staff elsewhere do not learn it exists. */
const deciders = (pass: Expected): Expectations => visitorsLogIn({ staffNorth: pass, admin: pass, staffSouth: 404 });
/** "My page" is every logged-in person's own record: staff and board have a right to their data too. */
const mine = (pass: Expected): Expectations => visitorsLogIn(Object.fromEntries(PERSONS.map((p) => [p, pass])) as Partial<Expectations>);

/** Applications made for the test: one per caller who may act, and one that every refused caller aims at. */
interface Fixtures {
  org: Org;
  typeId: string;
  target: { confirmed: string; unconfirmed: string };
  approve: Partial<Record<Who, string>>;
  reject: Partial<Record<Who, string>>;
  resend: Partial<Record<Who, string>>;
  remove: Partial<Record<Who, string>>;
  /** A confirmation token per caller, for their own application. */
  token: Partial<Record<Who, string>>;
  /** A personal API token per person, for them to revoke; refused callers aim at someone else's. */
  personalToken: Partial<Record<Who, string>>;
}

let t: TestApp;
let f: Fixtures;
const cookies = {} as Record<Person, string>;
const emails = {} as Record<Person, string>;
const authorization = {} as Record<(typeof TOKENS)[number], string>;
const csrf = {} as Record<Who, { cookie: string; csrf: string }>;

/** The one applicant every refusal is about: no refused answer may show them. */
const SECRETS = ['Hemmelighed', 'Ansøgersen', 'hemmelig.ansoger@example.org'];

const ctx = { baseUrl: 'http://forening.test', organisationName: 'Testforbundet', organisationEmail: null };
let n = 0;
async function application(confirm: boolean, names: { first?: string; last?: string; email?: string } = {}) {
  n++;
  const email = names.email ?? `matrix.${n}@example.org`;
  const input = joinInput.parse({
    firstName: names.first ?? `Matrix${n}`,
    lastName: names.last ?? 'Ansøger',
    email,
    addressLine: 'Torvet 1',
    postalCode: '6000',
    city: 'Kolding',
    districtId: f.org.north,
    membershipTypeId: f.typeId,
    preferredLocale: 'da',
    privacyConsent: 'on',
  });
  await applyForMembership(t.database.db, anonymous, input, ctx);
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).orderBy(desc(mailOutbox.createdAt));
  const token = /\/join\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.textBody)![1];
  if (confirm) await confirmApplication(t.database.db, anonymous, token);
  const [row] = await t.database.db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(persons, eq(persons.id, memberships.personId))
    .where(eq(persons.email, email));
  return { membershipId: row.id, token };
}

beforeAll(async () => {
  t = await testApp();
  const org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  f = { org, typeId: type.id, target: { confirmed: '', unconfirmed: '' }, approve: {}, reject: {}, resend: {}, remove: {}, token: {}, personalToken: {} };
  const workplace = await createWorkplace(t.database, org.north);
  const roles: Record<Person, Parameters<typeof createPerson>[1]> = {
    member: [['member', org.north]],
    steward: [['steward', null, workplace.id]],
    staffNorth: [['staff', org.north]],
    staffSouth: [['staff', org.south]],
    board: [['board', null]],
    admin: [['admin', null]],
  };
  for (const p of PERSONS) {
    const person = await createPerson(t.database, roles[p], { firstName: p });
    emails[p] = person.email!;
    const personal = await createPersonalToken(t.database.db, system, { personId: person.id, name: `Matrix ${p}` });
    if (personal.ok) f.personalToken[p] = personal.token.id;
    cookies[p] = (await loginAs(t.database, person.id)).cookie;
    if (p === 'member' || p === 'steward') await t.database.db.insert(memberships).values({ personId: person.id, typeId: type.id, unitId: org.north, status: 'active' });
    if (p === 'steward') await t.database.db.insert(employments).values({ personId: person.id, workplaceId: workplace.id });
  }
  authorization.tokenStaff = (await bearer(t.database, 'staff', org.north)).authorization;
  authorization.tokenAdmin = (await bearer(t.database, 'admin', null)).authorization;

  f.target.confirmed = (await application(true, { first: 'Hemmelighed', last: 'Ansøgersen', email: SECRETS[2] })).membershipId;
  f.target.unconfirmed = (await application(false, { first: 'Hemmelighed', last: 'Ansøgersen', email: 'hemmelig.2@example.org' })).membershipId;
  for (const who of ['staffNorth', 'admin'] as const) {
    f.approve[who] = (await application(true)).membershipId;
    f.reject[who] = (await application(true)).membershipId;
    f.resend[who] = (await application(false)).membershipId;
    f.remove[who] = (await application(false)).membershipId;
  }
  for (const who of EVERYONE) f.token[who] = (await application(false)).token;

  // Everybody gets a CSRF token the way a browser does: from the join form, which every caller may open.
  for (const who of EVERYONE) csrf[who] = await formSession(t.app, '/join', who in cookies ? cookies[who as Person] : '');
});
afterAll(() => t.close());

const own = (set: Partial<Record<Who, string>>, fallback: () => string) => (who: Who) => set[who] ?? fallback();

const PAGES: Row[] = [
  { method: 'GET', route: '/join', expect: all(200) },
  { method: 'GET', route: '/join/sent', expect: all(200) },
  { method: 'GET', route: '/join/confirmed', expect: all(200) },
  { method: 'GET', route: '/join/confirm/:token', url: (who) => `/join/confirm/${f.token[who]}`, expect: all(200) },
  // The e-mail change link is its own proof (no session needed): an unknown token is not found for everyone.
  { method: 'GET', route: '/me/email/confirm/:token', url: () => '/me/email/confirm/no-such-change-token-1234', expect: all(404) },
  { method: 'GET', route: '/admin/applications', expect: visitorsLogIn({ staffNorth: 200, staffSouth: 200, admin: 200 }) },
  { method: 'GET', route: '/admin/applications/:id', url: () => `/admin/applications/${f.target.confirmed}`, expect: deciders(200) },
  { method: 'GET', route: '/me', expect: mine(200) },
  { method: 'GET', route: '/me/edit', expect: mine(200) },
  { method: 'GET', route: '/me/consents', expect: mine(200) },
  { method: 'GET', route: '/me/export.json', expect: mine(200) },
  { method: 'GET', route: '/me/tokens', expect: mine(200) },
];

const queue = { status: 303, location: '/admin/applications' };

const FORMS: Row[] = [
  {
    method: 'POST',
    route: '/join',
    body: (who) => ({
      firstName: 'Ny',
      lastName: 'Ansøger',
      email: `ny.${who}@example.org`,
      addressLine: 'Vej 1',
      postalCode: '6000',
      city: 'Kolding',
      districtId: f.org.south,
      membershipTypeId: f.typeId,
      preferredLocale: 'da',
      privacyConsent: 'on',
    }),
    expect: all({ status: 303, location: '/join/sent' }),
    changes: true,
  },
  { method: 'POST', route: '/join/confirm/:token', url: (who) => `/join/confirm/${f.token[who]}`, expect: all({ status: 303, location: '/join/confirmed' }), changes: true },
  { method: 'POST', route: '/me/email/confirm/:token', url: () => '/me/email/confirm/no-such-change-token-1234', expect: all(404) },
  { method: 'POST', route: '/admin/applications/:id/approve', url: (who) => `/admin/applications/${own(f.approve, () => f.target.confirmed)(who)}/approve`, expect: deciders(queue), changes: true },
  {
    method: 'POST',
    route: '/admin/applications/:id/reject',
    url: (who) => `/admin/applications/${own(f.reject, () => f.target.confirmed)(who)}/reject`,
    body: () => ({ rejectionReason: 'Matrixtest' }),
    expect: deciders(queue),
    changes: true,
  },
  { method: 'POST', route: '/admin/applications/:id/resend', url: (who) => `/admin/applications/${own(f.resend, () => f.target.unconfirmed)(who)}/resend`, expect: deciders(queue), changes: true },
  { method: 'POST', route: '/admin/applications/:id/remove', url: (who) => `/admin/applications/${own(f.remove, () => f.target.unconfirmed)(who)}/remove`, expect: deciders(queue), changes: true },
  {
    method: 'POST',
    route: '/me/edit',
    body: (who) => ({ email: who in emails ? emails[who as Person] : 'x@example.org', phone: '+45 70 70 70 70', addressLine: '', postalCode: '', city: '', preferredLocale: 'da' }),
    expect: mine({ status: 303, location: '/me' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/me/consents',
    body: () => ({ newsletter: 'yes', surveys: 'no', eventPhotos: 'yes' }),
    expect: mine({ status: 303, location: '/me/consents' }),
    changes: true,
  },
  // Shows the new token on the answer itself (200): no redirect may lose it.
  { method: 'POST', route: '/me/tokens', body: () => ({ name: 'Matrixtoken' }), expect: mine(200), changes: true },
  {
    method: 'POST',
    route: '/me/tokens/:id/revoke',
    url: (who) => `/me/tokens/${own(f.personalToken, () => f.personalToken.member!)(who)}/revoke`,
    expect: mine({ status: 303, location: '/me/tokens' }),
    changes: true,
  },
];

/** Every table these routes write. */
async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(`
    select json_build_object(
      'persons', (select coalesce(json_agg(json_build_array(id, email, phone, updated_at) order by id), '[]') from persons),
      'memberships', (select coalesce(json_agg(json_build_array(id, status, email_confirmed_at, updated_at) order by id), '[]') from memberships),
      'events', (select count(*) from membership_events),
      'consents', (select coalesce(json_agg(json_build_array(person_id, purpose, granted, changed_at) order by person_id, purpose), '[]') from consents),
      'confirmations', (select coalesce(json_agg(json_build_array(token_hash, used_at) order by token_hash), '[]') from join_confirmations),
      'employments', (select count(*) from employments),
      'links', (select count(*) from login_links),
      'audit', (select count(*) from audit_events),
      'mail', (select count(*) from mail_outbox)
    )::text as f`);
  return String(r.rows[0].f);
}

async function call(row: Row, who: Who): Promise<LightMyRequestResponse> {
  const url = row.url ? row.url(who) : row.route;
  const headers: Record<string, string> = { accept: 'text/html' };
  if (who in authorization) headers.authorization = authorization[who as (typeof TOKENS)[number]];
  if (row.method === 'GET') {
    if (who in cookies) headers.cookie = cookies[who as Person];
    return t.app.inject({ method: 'GET', url, headers });
  }
  const session = csrf[who];
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...headers, cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: session.csrf, ...(row.body?.(who) ?? {}) }).toString(),
  });
}

function passes(e: Expected): boolean {
  const status = e === 'login' ? 303 : typeof e === 'number' ? e : e.status;
  return e !== 'login' && status < 400;
}

/** Runs a row for every caller and returns what did not match, so one failure shows them all. */
async function walk(row: Row): Promise<string[]> {
  const wrong: string[] = [];
  const order = EVERYONE.slice().sort((a, b) => Number(passes(row.expect[a])) - Number(passes(row.expect[b])));
  for (const who of order) {
    const expected = row.expect[who];
    const url = row.url ? row.url(who) : row.route;
    const before = await fingerprint();
    const res = await call(row, who);
    const want = expected === 'login' ? { status: 303, location: `/login?next=${encodeURIComponent(url)}` } : typeof expected === 'number' ? { status: expected } : expected;
    const got = { status: res.statusCode, ...('location' in want ? { location: String(res.headers.location) } : {}) };
    if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`${who}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)} ${res.body.slice(0, 200)}`);
    const after = await fingerprint();
    if (!passes(expected) && after !== before) wrong.push(`${who}: was refused but the database changed`);
    if (row.changes && passes(expected) && after === before) wrong.push(`${who}: succeeded but nothing was written`);
    const maySee = (who === 'staffNorth' || who === 'admin') && res.statusCode < 300 && row.route.startsWith('/admin/applications');
    if (!maySee && SECRETS.some((s) => res.body.includes(s))) wrong.push(`${who}: ${res.statusCode} answer shows the applicant`);
    if (res.statusCode === 403) {
      const text = row.route.startsWith('/me') ? 'Min side er for medlemmer' : 'Du har ikke adgang';
      if (!res.body.includes(text)) wrong.push(`${who}: 403 page without "${text}"`);
    }
  }
  return wrong;
}

const PREFIXES = ['/join', '/me', '/admin/applications'];
// `/me/events` and `/me/newsletters` belong to the events and mailings features and their own matrices.
// `/me/log-out-everywhere` would end the sessions this matrix walks with; log-out-everywhere.test.ts
// walks it with every kind of caller instead.
const ours = (path: string) =>
  !path.startsWith('/me/events') && !path.startsWith('/me/newsletters') && path !== '/me/log-out-everywhere' && PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));

/** This feature's routes as `METHOD /path`. */
function ourRoutes(): string[] {
  return registeredRoutes(t.app, (path) => ours(path.replace(/\/+/g, '/'))).map((r) => `${r.method} ${r.path.replace(/\/+/g, '/')}`);
}

describe('the joining permission matrix', () => {
  it('lists every route under /join, /me and /admin/applications, and only those', () => {
    const registered = ourRoutes().sort();
    const listed = [...PAGES, ...FORMS].map((r) => `${r.method} ${r.route}`).sort();
    expect(registered).toEqual(listed);
    expect(registered.length).toBe(23);
    for (const r of [...PAGES, ...FORMS]) expect(t.app.hasRoute({ method: r.method, url: r.route }), `${r.method} ${r.route}`).toBe(true);
  });

  it('shows the staff of the district and admins the applicant the refusals must not show', async () => {
    for (const who of ['staffNorth', 'admin'] as const) {
      const res = await t.app.inject({ method: 'GET', url: `/admin/applications/${f.target.confirmed}`, headers: { cookie: cookies[who] } });
      for (const s of SECRETS) expect(res.body, who).toContain(s);
    }
    const south = await t.app.inject({ method: 'GET', url: '/admin/applications', headers: { cookie: cookies.staffSouth } });
    expect(south.statusCode).toBe(200);
    for (const s of SECRETS) expect(south.body).not.toContain(s);
  });

  describe('pages', () => {
    for (const row of PAGES) {
      it(`${row.method} ${row.route}`, async () => {
        expect(await walk(row)).toEqual([]);
      });
    }
  });

  describe('forms: refused callers get 303 to log in, 403 or 404 even with a valid CSRF token, and nothing changes', () => {
    for (const row of FORMS) {
      it(`${row.method} ${row.route}`, async () => {
        expect(await walk(row)).toEqual([]);
      });
    }
  });
});

describe('what the matrix cannot see', () => {
  it('my page shows each person only their own record', async () => {
    const member = await t.app.inject({ method: 'GET', url: '/me', headers: { cookie: cookies.member } });
    const steward = await t.app.inject({ method: 'GET', url: '/me', headers: { cookie: cookies.steward } });
    expect(member.body).toContain(emails.member);
    expect(member.body).not.toContain(emails.steward);
    expect(steward.body).toContain(emails.steward);
    expect(steward.body).not.toContain(emails.member);
    const exported = await t.app.inject({ method: 'GET', url: '/me/export.json', headers: { cookie: cookies.member } });
    expect(exported.json().person.email).toBe(emails.member);
    expect(exported.body).not.toContain(emails.steward);
  });

  it('a form without a CSRF token is refused and changes nothing', async () => {
    const before = await fingerprint();
    for (const url of [`/admin/applications/${f.target.confirmed}/approve`, '/me/consents', '/join']) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: cookies.admin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ newsletter: 'no', surveys: 'no', eventPhotos: 'no' }).toString(),
      });
      expect(res.statusCode, url).toBe(403);
    }
    expect(await fingerprint()).toBe(before);
  });
});
