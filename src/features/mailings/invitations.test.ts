import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, testApp, type TestApp } from '../../test/app.js';
import { insertEvent } from '../events/events.fixture.js';
import { insertMailing, mailingWorld, member, type MailingWorld } from './mailings.fixture.js';
import { invitationToken } from './invitations.js';
import { unsubscribeToken } from './unsubscribe.js';

let t: TestApp;
let w: MailingWorld;
let mailingId: string;

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
  mailingId = await insertMailing(w, { kind: 'service', eventId: w.eventId, contents: { da: { subject: 'Kom til møde', body: 'Tilmeld dig: {{registerLink}}' } } });
});
afterAll(async () => t.close());

async function registrations(eventId = w.eventId) {
  return (await t.database.executeSql(`select person_id as "personId", status from event_registrations where event_id = $1 order by seq`, [eventId])).rows;
}

/**
 * Pressing the button: a POST with the browser's CSRF cookie and token. The token comes from a page
 * that has a form even when the invitation page no longer shows the button (a second click from a
 * tab left open).
 */
async function accept(token: string) {
  const session = await formSession(t.app, '/login');
  return t.app.inject({
    method: 'POST',
    url: `/invitations/${token}`,
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: session.csrf }).toString(),
  });
}

describe('the personal register link', () => {
  it('opening it shows the event and the button and registers nobody', async () => {
    const p = await member(w);
    const token = await invitationToken(t.database.db, mailingId, p.id);
    const res = await t.app.inject({ url: `/invitations/${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Medlemsmøde om løn');
    expect(res.body).toContain('Tilmeld mig');
    expect(res.body).toContain('Nørregade 1, 8000 Aarhus C');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(await registrations()).toEqual([]);
  });

  it('registers exactly that person; a second click finds them registered; the next one waits', async () => {
    const p = await member(w);
    const other = await member(w);
    const token = await invitationToken(t.database.db, mailingId, p.id);
    const first = await accept(token);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Du er tilmeldt');
    expect(await registrations()).toEqual([{ personId: p.id, status: 'confirmed' }]);
    const audit = await t.database.executeSql(`select actor_person_id as "by" from audit_events where entity_type = 'mailing_invitation_accept' and entity_id = $1`, [mailingId]);
    expect(audit.rows).toEqual([{ by: p.id }]);

    const again = await accept(token);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Du var allerede tilmeldt');
    expect(await registrations()).toEqual([{ personId: p.id, status: 'confirmed' }]);

    // The event has one seat: the next invitee goes on the waiting list, in their own language.
    await t.database.executeSql(`update persons set preferred_locale = 'en' where id = $1`, [other.id]);
    const waiting = await accept(await invitationToken(t.database.db, mailingId, other.id));
    expect(waiting.body).toContain('number 1 on the waiting list');
    expect(await registrations()).toEqual([
      { personId: p.id, status: 'confirmed' },
      { personId: other.id, status: 'waitlisted' },
    ]);
    // A confirmation mail went to the person, from the events feature.
    const mails = await t.database.executeSql(`select count(*)::int as n from mail_outbox where lower(to_address) = lower($1)`, [p.email]);
    expect(mails.rows[0]).toEqual({ n: 1 });
  });

  it('says when registration is closed and offers no button', async () => {
    const closed = await insertEvent(t.database, { unitId: w.org.north, title: 'Lukket møde', registrationClosesAt: new Date(Date.now() - 60_000) });
    const m = await insertMailing(w, { kind: 'service', eventId: closed.id });
    const p = await member(w);
    const token = await invitationToken(t.database.db, m, p.id);
    const page = await t.app.inject({ url: `/invitations/${token}` });
    expect(page.body).toContain('Tilmeldingen er lukket');
    expect(page.body).not.toContain('Tilmeld mig</button>');
    const res = await accept(token);
    expect(res.statusCode).toBe(409);
    expect(await registrations(closed.id)).toEqual([]);
  });

  it('answers a forged token, another mailing’s token or an unsubscribe token with 404', async () => {
    const p = await member(w);
    const token = await invitationToken(t.database.db, mailingId, p.id);
    const [payload, mac] = token.split('.');
    const newsletter = await insertMailing(w, {});
    for (const bad of [
      `${payload}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
      await unsubscribeToken(t.database.db, mailingId, p.id),
      await invitationToken(t.database.db, newsletter, p.id),
    ]) {
      expect((await t.app.inject({ url: `/invitations/${bad}` })).statusCode).toBe(404);
      const post = await t.app.inject({ method: 'POST', url: `/invitations/${bad}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: '' });
      expect([403, 404]).toContain(post.statusCode);
    }
    expect((await registrations()).some((r) => (r as { personId: string }).personId === p.id)).toBe(false);
  });
});
