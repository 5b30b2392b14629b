/*
 * The platform's and the kernel's routes, with who may use each: the table the permission matrix in
 * permissions.test.ts walks. A new route needs one line in PAGES, FORMS or API here; that test fails
 * until it has one.
 */

import type { Org } from '../test/app.js';

export const PERSONS = ['member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
export const TOKENS = ['tokenStaff', 'tokenAdmin'] as const;
export type Person = (typeof PERSONS)[number];
export type Who = 'anonymous' | Person | (typeof TOKENS)[number];

/** A status, or a redirect to a place ('login' is the log-in page with `next` pointing back). */
export type Expected = number | 'login' | { status: number; location: string };
export type Expectations = Partial<Record<Who, Expected>>;

export interface Fixtures {
  org: Org;
  mailId: string;
  tokenToRevoke: string;
  unitToEdit: string;
  unitToDelete: string;
  apiUnitToEdit: string;
  apiUnitToDelete: string;
  roleToEnd: string;
}

export interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The route as registered. */
  route: string;
  /** The URL to call, when the route has parameters. */
  url?: (f: Fixtures) => string;
  expect: Expectations;
  /** Form fields (pages) or JSON body (API) that the one caller who may pass would send. */
  body?: (f: Fixtures) => Record<string, unknown>;
  /** Callers get a session of their own, because the request ends it. */
  freshSession?: boolean;
  /** The callers who pass must change the database (proves the refusals' "nothing changed" means something). */
  changes?: boolean;
}

// --- who may do what -------------------------------------------------------------------------

export const everyone = (status: Expected, who: readonly Who[] = ['anonymous', ...PERSONS]): Expectations => Object.fromEntries(who.map((w) => [w, status]));
export const everyoneOnApi = (status: number) => everyone(status, ['anonymous', ...PERSONS, ...TOKENS]);
export const loggedIn = (status: number): Expectations => ({ ...everyone(status), anonymous: 'login' });
export const adminOnly = (adminStatus: Expected): Expectations => ({ ...everyone(403), anonymous: 'login', admin: adminStatus });
/** The API is Bearer-only: a session cookie counts for nothing there, not even an admin's. */
export const apiAdminOnly = (adminStatus: number): Expectations => ({ ...everyone(401), tokenStaff: 403, tokenAdmin: adminStatus });

export const BOGUS_LINK = 'x'.repeat(43);

export const PAGES: Row[] = [
  { method: 'GET', route: '/', expect: everyone(200) },
  { method: 'GET', route: '/privacy', expect: everyone(200) },
  { method: 'GET', route: '/login', expect: { anonymous: 200, ...Object.fromEntries(PERSONS.map((p) => [p, { status: 303, location: '/start' }])) } },
  { method: 'GET', route: '/login/sent', expect: everyone(200) },
  { method: 'GET', route: '/login/link/:token', url: () => `/login/link/${BOGUS_LINK}`, expect: everyone(404) },
  { method: 'GET', route: '/healthz', expect: everyone(200) },
  { method: 'GET', route: '/theme.css', expect: everyone(200) },
  { method: 'GET', route: '/language', url: () => '/language?locale=sv&next=%2Flogin', expect: everyone({ status: 303, location: '/login' }) },
  { method: 'GET', route: '/logo', expect: everyone(200) },
  { method: 'GET', route: '/public/*', url: () => '/public/htmx.min.js', expect: everyone(200) },
  { method: 'GET', route: '/start', expect: loggedIn(200) },
  { method: 'GET', route: '/account', expect: loggedIn(200) },
  { method: 'GET', route: '/account/two-factor', expect: loggedIn(200) },
  // Only a session waiting for its second factor is asked for the code; the rest are sent on.
  { method: 'GET', route: '/login/two-factor', expect: { anonymous: { status: 303, location: '/login' }, ...Object.fromEntries(PERSONS.map((p) => [p, { status: 303, location: '/start' }])) } },
  { method: 'GET', route: '/admin', expect: { ...adminOnly(200), staffNorth: 200, staffSouth: 200 } },
  { method: 'GET', route: '/admin/organisation', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/units', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/units/new', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/units/:id', url: (f) => `/admin/units/${f.org.north}`, expect: adminOnly(200) },
  { method: 'GET', route: '/admin/audit', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/mail', expect: adminOnly(200) },
  { method: 'GET', route: '/admin/mail/:id', url: (f) => `/admin/mail/${f.mailId}`, expect: adminOnly(200) },
  { method: 'GET', route: '/admin/tokens', expect: adminOnly(200) },
];

export const FORMS: Row[] = [
  {
    method: 'POST',
    route: '/admin/organisation',
    body: () => ({ name: 'Matrixforbundet', shortName: 'MF', aboutText: '', email: '', phone: '', address: '', website: '', defaultLocale: 'da', brandColour: '#224466', currency: 'DKK' }),
    expect: adminOnly({ status: 303, location: '/admin/organisation' }),
    changes: true,
  },
  // Sent without a file, so the admin passes the guard and is told to choose one.
  { method: 'POST', route: '/admin/organisation/logo', expect: adminOnly(422) },
  { method: 'POST', route: '/admin/organisation/logo/delete', expect: adminOnly({ status: 303, location: '/admin/organisation' }), changes: true },
  {
    method: 'POST',
    route: '/admin/units',
    body: (f) => ({ name: 'Matrixkredsen', kind: 'district', parentId: f.org.national, position: '9' }),
    expect: adminOnly({ status: 303, location: '/admin/units' }),
    changes: true,
  },
  {
    method: 'POST',
    route: '/admin/units/:id',
    url: (f) => `/admin/units/${f.unitToEdit}`,
    body: (f) => ({ name: 'Omdøbt sektion', kind: 'section', parentId: f.org.national }),
    expect: adminOnly({ status: 303, location: '/admin/units' }),
    changes: true,
  },
  { method: 'POST', route: '/admin/units/:id/delete', url: (f) => `/admin/units/${f.unitToDelete}/delete`, expect: adminOnly({ status: 303, location: '/admin/units' }), changes: true },
  { method: 'POST', route: '/admin/tokens', body: () => ({ name: 'Matrixtoken', role: 'staff', unitId: '' }), expect: adminOnly(200), changes: true },
  { method: 'POST', route: '/admin/tokens/:id/revoke', url: (f) => `/admin/tokens/${f.tokenToRevoke}/revoke`, expect: adminOnly({ status: 303, location: '/admin/tokens' }), changes: true },
  // Everyone may use these; they are here so that no route goes unlisted.
  { method: 'POST', route: '/account/password', body: () => ({ newPassword: 'kort', confirmPassword: 'kort' }), expect: loggedIn(422) },
  { method: 'POST', route: '/account/two-factor', body: () => ({ totpCode: '12' }), expect: loggedIn(422) },
  { method: 'POST', route: '/account/two-factor/recovery-codes', body: () => ({ totpCode: '12' }), expect: loggedIn(422) },
  { method: 'POST', route: '/account/two-factor/disable', body: () => ({ totpCode: '' }), expect: loggedIn(422) },
  {
    method: 'POST',
    route: '/login/two-factor',
    body: () => ({ totpCode: '123456' }),
    expect: { anonymous: { status: 303, location: '/login' }, ...Object.fromEntries(PERSONS.map((p) => [p, { status: 303, location: '/start' }])) },
  },
  {
    method: 'POST',
    route: '/login/two-factor/recovery',
    body: () => ({ recoveryCode: 'AAAA-BBBB-CCCC-DDDD' }),
    expect: { anonymous: { status: 303, location: '/login' }, ...Object.fromEntries(PERSONS.map((p) => [p, { status: 303, location: '/start' }])) },
  },
  { method: 'POST', route: '/language', body: () => ({ locale: 'da', next: '/start' }), expect: everyone({ status: 303, location: '/start' }) },
  { method: 'POST', route: '/login/link', body: () => ({ email: 'nobody@example.org' }), expect: everyone({ status: 303, location: '/login/sent' }) },
  { method: 'POST', route: '/login/link/:token', url: () => `/login/link/${BOGUS_LINK}`, expect: everyone(404) },
  { method: 'POST', route: '/login/password', body: () => ({ email: 'nobody@example.org', password: 'wrong-password' }), expect: everyone(422) },
  { method: 'POST', route: '/logout', freshSession: true, expect: everyone({ status: 303, location: '/' }) },
];

export const API: Row[] = [
  { method: 'GET', route: '/api/v1/organisation', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/v1/units', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/v1/units/:id', url: (f) => `/api/v1/units/${f.org.north}`, expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/openapi.json', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/docs', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/docs/json', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/docs/yaml', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/docs/static/index.html', expect: everyoneOnApi(302) },
  { method: 'GET', route: '/api/docs/static/swagger-initializer.js', expect: everyoneOnApi(200) },
  { method: 'GET', route: '/api/docs/static/*', url: () => '/api/docs/static/swagger-ui.css', expect: everyoneOnApi(200) },
  { method: 'PATCH', route: '/api/v1/organisation', body: () => ({ name: 'API-forbundet' }), expect: apiAdminOnly(200), changes: true },
  { method: 'POST', route: '/api/v1/units', body: (f) => ({ name: 'API-kredsen', kind: 'district', parentId: f.org.national }), expect: apiAdminOnly(201), changes: true },
  { method: 'PATCH', route: '/api/v1/units/:id', url: (f) => `/api/v1/units/${f.apiUnitToEdit}`, body: () => ({ name: 'API-omdøbt' }), expect: apiAdminOnly(200), changes: true },
  { method: 'DELETE', route: '/api/v1/units/:id', url: (f) => `/api/v1/units/${f.apiUnitToDelete}`, expect: apiAdminOnly(204), changes: true },
  { method: 'GET', route: '/api/v1/roles', expect: apiAdminOnly(200) },
  {
    method: 'POST',
    route: '/api/v1/roles',
    body: (f) => ({ person: { firstName: 'Matrix', lastName: 'Medarbejder', email: 'matrix.medarbejder@example.org' }, role: 'staff', unitId: f.org.north }),
    expect: apiAdminOnly(201),
    changes: true,
  },
  { method: 'GET', route: '/api/v1/roles/:id', url: (f) => `/api/v1/roles/${f.roleToEnd}`, expect: apiAdminOnly(200) },
  { method: 'POST', route: '/api/v1/roles/:id/end', url: (f) => `/api/v1/roles/${f.roleToEnd}/end`, body: () => ({}), expect: apiAdminOnly(200), changes: true },
  // A person's own record, for their personal tokens; an integration's token has no self.
  { method: 'GET', route: '/api/v1/me', expect: { ...everyone(401), tokenStaff: 403, tokenAdmin: 403 } },
  { method: 'GET', route: '/api/v1/me/export', expect: { ...everyone(401), tokenStaff: 403, tokenAdmin: 403 } },
];

// --- the organisation under test -------------------------------------------------------------

/** Strings that only an admin may ever see; no refusal may contain them. */
