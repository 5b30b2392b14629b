import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { events, materials, programmeItems, registrations } from './tables.js';
import { eventWorld, mailsTo, member, multipart, PDF, publishedEvent, type EventWorld } from './events.fixture.js';
import { localParts } from '../../platform/i18n/zoned-time.js';

/**
 * The staff pages of events through app.inject: what they show, their forms' errors (nothing
 * written), and each action reaching the same use case as the API.
 */

export let t: TestApp;
export let w: EventWorld;
export let staffCookie: string;
export const DAY = 86_400_000;
/** A date two months ahead as Copenhagen's calendar shows it. */
export const future = localParts(new Date(Date.now() + 60 * DAY), 'Europe/Copenhagen').date;

export const personOf = (a: EventWorld['staffNorth']) => (a.kind === 'person' ? a.personId : '');

export async function get(url: string, cookie = staffCookie) {
  return t.app.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } });
}

/** A form session on a page and a POST to another address, as the browser does. */
export async function post(page: string, url: string, fields: Record<string, string>, cookie = staffCookie) {
  return postForm(t.app, url, await formSession(t.app, page, cookie), fields);
}

export async function countRows() {
  const r = await t.database.executeSql(`select (select count(*) from events)::int as e, (select count(*) from event_programme_items)::int as p,
    (select count(*) from event_registrations)::int as r, (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from mail_outbox)::int as m`);
  return r.rows[0];
}

export const validEvent = (extra: Record<string, string> = {}) => ({
  kind: 'annual_meeting',
  title: 'Årsmøde i Kreds Nord',
  description: 'Kom og vær med. **Alle** er velkomne.',
  startDate: future,
  startTime: '17:00',
  endTime: '19:30',
  endDate: '',
  timeZone: 'Europe/Copenhagen',
  placeName: 'Huset',
  addressLine: 'Nørregade 1',
  postalCode: '9000',
  city: 'Aalborg',
  onlineUrl: '',
  unitId: w.org.north,
  audience: 'members',
  audienceUnitId: '',
  capacity: '85',
  waitlist: 'on',
  maxGuests: '2',
  registrationOpensAt: '',
  registrationClosesAt: '',
  'programme.0.time': '17:00',
  'programme.0.title': 'Velkomst',
  'programme.0.speaker': 'Formanden',
  'programme.1.time': '17:30',
  'programme.1.title': 'Beretning',
  'programme.1.speaker': '',
  'programme.2.time': '',
  'programme.2.title': '',
  'programme.2.speaker': '',
  ...extra,
});

beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
  staffCookie = (await loginAs(t.database, personOf(w.staffNorth))).cookie;
});
afterAll(() => t?.close());
