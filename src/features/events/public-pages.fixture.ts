import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../../platform/db/database.js';
import { eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { materials, registrations } from './tables.js';

export let t: TestApp;
export let w: EventWorld;
let n = 0;
/** A fresh number each call, so titles (and so slugs) never repeat within a file. */
export const next = () => ++n;

export const DAY = 86_400_000;
export const html = { accept: 'text/html' };

beforeAll(async () => {
  t = await testApp();
  w = await eventWorld(t.database);
});
afterAll(() => t?.close());

export async function get(url: string, cookie?: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url, headers: { ...html, ...(cookie ? { cookie } : {}), ...headers } });
}

/** A logged-in member of the north (or elsewhere) with a session and a CSRF token, as a browser would have them. */
export async function memberSession(opts: Parameters<typeof member>[1] = {}) {
  const m = await member(w, opts);
  const { cookie } = await loginAs(t.database, m.id);
  return { ...m, cookie, session: await formSession(t.app, '/', cookie) };
}

export async function anonymousSession() {
  return formSession(t.app, '/login');
}

export async function rows(eventId: string) {
  return t.database.db.select().from(registrations).where(eq(registrations.eventId, eventId)).orderBy(registrations.seq);
}

/** Everything a registration can write: registrations, seats, mails and the audit trail. */
export async function fingerprint(eventId: string): Promise<string> {
  const [r] = await queryRows<{ f: string }>(
    t.database.db,
    sql`select json_build_object(
      'registrations', (select coalesce(json_agg(json_build_array(id, status, guests) order by seq), '[]') from event_registrations where event_id = ${eventId}),
      'seats', (select confirmed_seats from events where id = ${eventId}),
      'mails', (select count(*) from mail_outbox),
      'audit', (select count(*) from audit_events where action <> 'view'))::text as f`,
  );
  return r.f;
}

/** The cookie header after following a redirect that set cookies (the flash message). */
export function withSetCookies(cookie: string, res: { headers: Record<string, unknown> }): string {
  const set = ([] as string[]).concat((res.headers['set-cookie'] as string | string[] | undefined) ?? []).map((c) => c.split(';')[0]);
  return [cookie, ...set].filter(Boolean).join('; ');
}

export const text = (body: string) => body.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');
