import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../../platform/db/database.js';
import { eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { materials, registrations } from './tables.js';
import { t, w, next, DAY, html, get, memberSession, anonymousSession, rows, fingerprint, withSetCookies, text } from './public-pages.fixture.js';

/** The public and member event pages through app.inject: double opt-in, cancelling, my events, .ics and material (set-up in public-pages.fixture.ts). */

describe('a public registration with double opt-in', () => {
  it('names both missing fields and writes nothing', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Åben ${next()}` });
    const before = await fingerprint(e.id);
    const res = await postForm(t.app, `/events/${e.slug}/register`, await anonymousSession(), { name: ' ', email: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/id="register-name"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/id="register-email"[^>]*aria-invalid="true"/);
    const body = text(res.body);
    expect(body).toContain('Navn skal udfyldes.');
    expect(body).toContain('E-mail skal udfyldes.');
    const bad = await postForm(t.app, `/events/${e.slug}/register`, await anonymousSession(), { name: 'Ida', email: 'ikke-en-adresse' });
    expect(bad.statusCode).toBe(422);
    expect(text(bad.body)).toContain('E-mail skal være en gyldig e-mailadresse');
    expect(bad.body).toContain('value="Ida"');
    expect(await fingerprint(e.id)).toBe(before);
  });

  it('holds no seat until the mailed link is opened and its button pressed; the cancel link gives the seat back', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Foredrag ${next()}`, capacity: 5 });
    const email = `ida.${next()}@example.org`;
    const res = await postForm(t.app, `/events/${e.slug}/register`, await anonymousSession(), { name: 'Ida Udefra', email });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/events/${e.slug}/sent`);
    expect(text((await get(res.headers.location as string)).body)).toContain('Tjek din e-mail');
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['pending']);

    const [optIn] = await mailsTo(t.database, email);
    const confirmPath = /http:\/\/forening\.test(\/events\/confirm\/[A-Za-z0-9_-]+)/.exec(optIn.text)?.[1];
    expect(confirmPath).toBeTruthy();
    // Opening the link (as a mail scanner does) confirms nothing.
    const opened = await get(confirmPath!);
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['referrer-policy']).toBe('no-referrer');
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(opened.body).toContain(`action="${confirmPath}"`);
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['pending']);

    const session = await formSession(t.app, confirmPath!);
    const pressed = await postForm(t.app, confirmPath!, session, {});
    expect(pressed.statusCode).toBe(303);
    expect(pressed.headers.location).toBe(confirmPath);
    const after = await get(confirmPath!);
    expect(text(after.body)).toContain('Din plads er bekræftet');
    expect(text(after.body)).toContain(`Du er tilmeldt »${e.title}«.`);
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['confirmed']);
    expect(text((await get(`/events/${e.slug}`)).body)).toContain('1 af 5 pladser er taget');

    const mails = await mailsTo(t.database, email);
    const cancelPath = /http:\/\/forening\.test(\/events\/cancel\/[A-Za-z0-9_-]+)/.exec(mails[mails.length - 1].text)?.[1];
    expect(cancelPath).toBeTruthy();
    const cancelPage = await get(cancelPath!);
    expect(cancelPage.body).toContain(`action="${cancelPath}"`);
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['confirmed']);
    const cancelled = await postForm(t.app, cancelPath!, await formSession(t.app, cancelPath!), {});
    expect(cancelled.statusCode).toBe(303);
    expect(text((await get(cancelPath!)).body)).toContain('Tilmeldingen er afmeldt');
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['cancelled']);
    expect(text((await get(`/events/${e.slug}`)).body)).toContain('0 af 5 pladser er taget');
  });

  it('answers a wrong link with 404 and a page that says so', async () => {
    for (const path of ['/events/confirm/abc', `/events/confirm/${'A'.repeat(43)}`, `/events/cancel/${'B'.repeat(43)}`]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(text(res.body)).toContain('Linket virker ikke');
    }
    const session = await anonymousSession();
    expect((await postForm(t.app, `/events/confirm/${'A'.repeat(43)}`, session, {})).statusCode).toBe(404);
  });
});

describe('cancelling one’s own place', () => {
  it('asks first, then cancels, and the first on the waiting list gets the seat at once', async () => {
    const e = await publishedEvent(w, { title: `Afbud ${next()}`, capacity: 1 });
    const holder = await memberSession();
    const waiting = await memberSession();
    await postForm(t.app, `/events/${e.slug}/register`, holder.session, {});
    await postForm(t.app, `/events/${e.slug}/register`, waiting.session, {});

    const ask = await get(`/events/${e.slug}/cancel?next=/me/events`, holder.cookie);
    expect(ask.statusCode).toBe(200);
    expect(text(ask.body)).toContain('Vil du afmelde dig?');
    expect(ask.body).toContain('name="next" value="/me/events"');
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['confirmed', 'waitlisted']);

    const res = await postForm(t.app, `/events/${e.slug}/cancel`, holder.session, { next: '/me/events' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/me/events');
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['cancelled', 'confirmed']);
    expect((await mailsTo(t.database, waiting.email)).map((m) => m.subject)).toContain(`Du har fået en plads: ${e.title}`);
    expect(text((await get(`/events/${e.slug}`, waiting.cookie)).body)).toContain('Du er tilmeldt.');
  });

  it('never sends anyone off the site, and says so when there is nothing to cancel', async () => {
    const e = await publishedEvent(w, { title: `Ingen plads ${next()}` });
    const m = await memberSession();
    const res = await postForm(t.app, `/events/${e.slug}/cancel`, m.session, { next: '//evil.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/events/${e.slug}`);
    expect(text((await get(`/events/${e.slug}`, withSetCookies(m.cookie, res))).body)).toContain('Du er ikke tilmeldt dette arrangement.');
  });

  it('cancels only one’s own place: another member’s registration is untouched', async () => {
    const e = await publishedEvent(w, { title: `Kun egen ${next()}` });
    const a = await memberSession();
    const b = await memberSession();
    await postForm(t.app, `/events/${e.slug}/register`, a.session, {});
    await postForm(t.app, `/events/${e.slug}/cancel`, b.session, {});
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['confirmed']);
  });
});

describe('my events', () => {
  it('lists my places and waiting-list positions, upcoming first and then past, with the calendar form', async () => {
    const m = await memberSession();
    const full = await publishedEvent(w, { title: `Fyldt op ${next()}`, capacity: 1 });
    const open = await publishedEvent(w, { title: `God plads ${next()}`, startsAt: new Date(Date.now() + 40 * DAY).toISOString(), endsAt: new Date(Date.now() + 40 * DAY + 3600_000).toISOString() });
    const other = await memberSession();
    await postForm(t.app, `/events/${full.slug}/register`, other.session, {});
    await postForm(t.app, `/events/${full.slug}/register`, m.session, {});
    await postForm(t.app, `/events/${open.slug}/register`, m.session, {});
    const past = await publishedEvent(w, { title: `Sidste år ${next()}` });
    await t.database.db.insert(registrations).values({ eventId: past.id, personId: m.id, status: 'confirmed' });
    await t.database.db.execute(sql`update events set starts_at = now() - interval '30 days', ends_at = now() - interval '30 days' + interval '2 hours' where id = ${past.id}`);

    const res = await get('/me/events', m.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = text(res.body);
    expect(body).toContain('Nr. 1 på ventelisten');
    expect(body).toContain('Tilmeldt');
    expect(body.indexOf(full.title)).toBeLessThan(body.indexOf(open.title));
    expect(body.indexOf(open.title)).toBeLessThan(body.indexOf(past.title));
    expect(body.indexOf('Tidligere')).toBeLessThan(body.indexOf(past.title));
    expect(res.body).toContain(`href="/events/${full.slug}/cancel?next=${encodeURIComponent('/me/events')}"`);
    expect(res.body).not.toContain(`href="/events/${past.slug}/cancel`);
    expect(res.body).toContain('action="/me/events/calendar-feed"');
    expect(body).not.toContain(other.email);
  });

  it('sends an anonymous reader to log in', async () => {
    const res = await get('/me/events');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Fme%2Fevents');
  });
});

describe('the .ics download and material', () => {
  it('gives a calendar file for a public event to anyone', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Kalender ${next()}`, placeName: 'Kredskontoret' });
    const res = await get(`/events/${e.slug}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${e.slug}.ics"`);
    expect(res.body).toContain(`SUMMARY:${e.title}`);
    expect(res.body).toContain('LOCATION:Kredskontoret');
    expect(res.body).toContain(`http://forening.test/events/${e.slug}`);
  });

  it('gives participants-only material to confirmed participants and staff, and to everyone once it is public', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Slides ${next()}` });
    const pdf = Buffer.from('%PDF-1.4 test');
    const [m] = await t.database.db.insert(materials).values({ eventId: e.id, fileName: 'Oplæg æøå.pdf', contentType: 'application/pdf', bytes: pdf, size: pdf.length }).returning();
    const url = `/events/${e.slug}/materials/${m.id}`;
    const participant = await memberSession();
    const outsider = await memberSession();
    await postForm(t.app, `/events/${e.slug}/register`, participant.session, {});

    expect((await get(url, outsider.cookie)).statusCode).toBe(404);
    expect((await get(url)).statusCode).toBe(303);
    expect(text((await get(`/events/${e.slug}`, outsider.cookie)).body)).toContain('Der er 1 fil med materiale til deltagerne.');
    const ok = await get(url, participant.cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.headers['content-disposition']).toContain("filename*=UTF-8''Opl%C3%A6g%20%C3%A6%C3%B8%C3%A5.pdf");
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['cache-control']).toBe('private, no-store');
    expect(ok.rawPayload.equals(pdf)).toBe(true);
    expect((await get(`/events/${e.slug}`, participant.cookie)).body).toContain(`href="${url}"`);

    await t.database.db.execute(sql`update events set material_visibility = 'public' where id = ${e.id}`);
    expect((await get(url)).statusCode).toBe(200);
    expect((await get(url)).headers['cache-control']).toBe('public, max-age=300');
  });

});
