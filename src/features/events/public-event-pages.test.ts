import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../../platform/db/database.js';
import { eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { materials, registrations } from './tables.js';
import { t, w, next, DAY, html, get, memberSession, anonymousSession, rows, fingerprint, withSetCookies, text } from './public-pages.fixture.js';
import { nextDayOfYear, shiftDate, weekdayOf } from '../../test/time.js';

/** Weekday names as the pages spell them, Sunday first, to build the expected text of a date that moves with today. */
const weekdays = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  sv: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** The public and member event pages through app.inject: the list, the event page and registering (set-up in public-pages.fixture.ts). */

describe('the event list', () => {
  it('shows anonymous readers published public events only, with kind, time, place, organiser and seats', async () => {
    const open = await publishedEvent(w, { audience: 'public', title: `Åbent foredrag ${next()}`, capacity: 40, placeName: 'Medborgerhuset', city: 'Nordby' });
    const online = await publishedEvent(w, { audience: 'public', kind: 'webinar', title: `Webinar om pension ${next()}`, capacity: null, onlineUrl: 'https://meet.example.org/hemmelig-4711' });
    const membersOnly = await publishedEvent(w, { title: `Kun for medlemmer ${next()}` });
    const draft = await publishedEvent(w, { audience: 'public', title: `Kladde ${next()}` }, false);
    const res = await get('/events');
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    expect(body).toContain(open.title);
    expect(body).toContain(online.title);
    expect(body).not.toContain(membersOnly.title);
    expect(body).not.toContain(draft.title);
    expect(body).toContain('Medlemsmøde');
    expect(body).toContain('Webinar');
    expect(body).toContain('Medborgerhuset, Nordby');
    expect(body).toContain('Kreds Nord');
    expect(body).toContain('40 ledige pladser');
    expect(body).toContain('Åben for tilmelding');
    // The card says "online"; the link itself is for confirmed participants.
    expect(body).toMatch(/Hvor Online/);
    expect(res.body).not.toContain('hemmelig-4711');
    expect(res.body).toContain(`href="/events/${open.slug}"`);
  });

  it('shows a member the members’ events, and staff their unit’s drafts', async () => {
    const membersOnly = await publishedEvent(w, { title: `Medlemsaften ${next()}` });
    const draft = await publishedEvent(w, { title: `Planlagt møde ${next()}` }, false);
    const m = await memberSession();
    const asMember = text((await get('/events', m.cookie)).body);
    expect(asMember).toContain(membersOnly.title);
    expect(asMember).not.toContain(draft.title);
    const staff = await loginAs(t.database, (w.staffNorth as { personId: string }).personId);
    const asStaff = text((await get('/events', staff.cookie)).body);
    expect(asStaff).toContain(draft.title);
    expect(asStaff).toContain('Kladde');
  });

  it('filters by kind and unit, and shows past events latest first when asked', async () => {
    const course = await publishedEvent(w, { audience: 'public', kind: 'course', title: `Kursus i Syd ${next()}` });
    await t.database.db.execute(sql`update events set unit_id = ${w.org.south} where id = ${course.id}`);
    const meeting = await publishedEvent(w, { audience: 'public', title: `Møde i Nord ${next()}` });
    const byKind = text((await get('/events?kind=course')).body);
    expect(byKind).toContain(course.title);
    expect(byKind).not.toContain(meeting.title);
    const byUnit = text((await get(`/events?unit=${w.org.north}`)).body);
    expect(byUnit).toContain(meeting.title);
    expect(byUnit).not.toContain(course.title);
    // The national unit includes its districts.
    expect(text((await get(`/events?unit=${w.org.national}`)).body)).toContain(course.title);

    const older = await publishedEvent(w, { audience: 'public', title: `Forårsmøde ${next()}`, startsAt: new Date(Date.now() - 60 * DAY).toISOString(), endsAt: new Date(Date.now() - 60 * DAY + 7200_000).toISOString() });
    const newer = await publishedEvent(w, { audience: 'public', title: `Sommermøde ${next()}`, startsAt: new Date(Date.now() - 10 * DAY).toISOString(), endsAt: new Date(Date.now() - 10 * DAY + 7200_000).toISOString() });
    const upcoming = text((await get('/events')).body);
    expect(upcoming).not.toContain(older.title);
    const past = await get('/events?past=1');
    const pastText = text(past.body);
    expect(pastText).toContain('Afholdt');
    expect(pastText).not.toContain(meeting.title);
    expect(pastText.indexOf(newer.title)).toBeGreaterThan(-1);
    expect(pastText.indexOf(newer.title)).toBeLessThan(pastText.indexOf(older.title));
    expect(past.body).toMatch(/<input id="field-past" type="checkbox" name="past" value="1" checked/);
  });

  it('answers a bad filter with 422 and the field named', async () => {
    const res = await get('/events?kind=party&unit=nord');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toMatch(/id="field-kind"[^>]*aria-invalid="true"/);
    expect(res.body).toMatch(/id="field-unit"[^>]*aria-invalid="true"/);
    expect(text(res.body)).toContain('Type er ugyldigt.');
    expect(text(res.body)).toContain('Enhed er ikke et gyldigt id.');
  });

  it('opens with parameters it does not know (a link shared with tracking); a page past the end is empty, not an error', async () => {
    await publishedEvent(w, { audience: 'public', title: `Sporet link ${next()}` });
    expect((await get('/events?utm_source=nyhedsbrev')).statusCode).toBe(200);
    const beyond = await get('/events?page=999');
    expect(beyond.statusCode).toBe(200);
    expect(text(beyond.body)).toContain('Der er ingen kommende arrangementer lige nu');
    expect(text(beyond.body)).toMatch(/[1-9]\d* kommende arrangement/);
  });

  it('speaks Swedish and English', async () => {
    expect(text((await get('/events', undefined, { 'accept-language': 'sv' })).body)).toContain('Evenemang');
    expect(text((await get('/events', undefined, { 'accept-language': 'en' })).body)).toContain('Show past events');
  });
});

describe('the event page', () => {
  it('shows when in the event’s time zone and the reader’s language, the place, programme, organiser and seats', async () => {
    // A coming 8 December: winter time, so 16:00 UTC is 17:00 in Copenhagen.
    const day = nextDayOfYear(12, 8);
    const [year, weekday] = [day.slice(0, 4), weekdayOf(day)];
    const e = await publishedEvent(w, {
      audience: 'public',
      title: `Julemøde ${next()}`,
      startsAt: `${day}T16:00:00Z`,
      endsAt: `${day}T18:30:00Z`,
      capacity: 85,
      placeName: 'Nordby Medborgerhus',
      addressLine: 'Stationsvej 4',
      postalCode: '9000',
      city: 'Nordby',
      description: 'Kom og hør om **overenskomsten**.\n\n<b>ikke html</b>',
      programme: [
        { startsAt: `${day}T16:00:00Z`, title: 'Velkomst', speaker: 'Kredsformanden' },
        { startsAt: `${day}T16:15:00Z`, title: 'Overenskomsten punkt for punkt' },
      ],
    });
    const da = await get(`/events/${e.slug}`);
    expect(da.statusCode).toBe(200);
    const body = text(da.body);
    expect(body).toContain(`${weekdays.da[weekday]} 8. december ${year} kl. 17.00–19.30`);
    expect(body).toContain('Nordby Medborgerhus, Stationsvej 4, 9000 Nordby');
    expect(body).toContain('Kreds Nord');
    expect(body).toContain('0 af 85 pladser er taget');
    expect(body).toContain('17.00 Velkomst Kredsformanden');
    expect(body).toContain('17.15 Overenskomsten punkt for punkt');
    expect(da.body).toContain('<strong>overenskomsten</strong>');
    expect(da.body).toContain('&lt;b&gt;ikke html&lt;/b&gt;');
    expect(da.body).toContain(`href="/events/${e.slug}.ics"`);
    const sv = text((await get(`/events/${e.slug}`, undefined, { 'accept-language': 'sv' })).body);
    expect(sv).toContain(`${weekdays.sv[weekday]} 8 december ${year} kl. 17:00–19:30`);
    const en = text((await get(`/events/${e.slug}`, undefined, { 'accept-language': 'en' })).body);
    expect(en).toContain(`${weekdays.en[weekday]}, 8 December ${year}, 17:00–19:30`);
  });

  it('gives the online link to confirmed participants and staff only', async () => {
    const e = await publishedEvent(w, { kind: 'webinar', title: `Webinar ${next()}`, onlineUrl: 'https://meet.example.org/rum-4711', capacity: 1 });
    const confirmed = await memberSession();
    const waiting = await memberSession();
    for (const who of [confirmed, waiting]) expect((await postForm(t.app, `/events/${e.slug}/register`, who.session, {})).statusCode).toBe(303);
    expect((await get(`/events/${e.slug}`, confirmed.cookie)).body).toContain('href="https://meet.example.org/rum-4711"');
    const waitingPage = await get(`/events/${e.slug}`, waiting.cookie);
    expect(waitingPage.body).not.toContain('rum-4711');
    expect(text(waitingPage.body)).toContain('Du er nr. 1 på ventelisten.');
    const staff = await loginAs(t.database, (w.staffNorth as { personId: string }).personId);
    expect((await get(`/events/${e.slug}`, staff.cookie)).body).toContain('rum-4711');
    // The .ics download follows the same rule.
    expect((await get(`/events/${e.slug}.ics`, waiting.cookie)).body).not.toContain('rum-4711');
    expect((await get(`/events/${e.slug}.ics`, confirmed.cookie)).body).toContain('rum-4711');
  });

  it('is a 404 for a logged-in reader the audience leaves out, and the log-in page for an anonymous one', async () => {
    const e = await publishedEvent(w, { audience: 'unit_members', audienceUnitId: w.org.north, title: `Kredsmøde ${next()}` });
    const south = await memberSession({ unitId: w.org.south });
    const res = await get(`/events/${e.slug}`, south.cookie);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(e.title);
    const anonymous = await get(`/events/${e.slug}`);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/login?next=${encodeURIComponent(`/events/${e.slug}`)}`);
    // An unknown address reads the same, so the answer tells nobody which events exist.
    const unknown = await get('/events/findes-ikke-2026-01-01');
    expect(unknown.statusCode).toBe(303);
    expect((await get('/events/findes-ikke-2026-01-01', south.cookie)).statusCode).toBe(404);
  });

  it('shows a cancelled event with a clear banner and its reason, and no registration', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Aflyst møde ${next()}` });
    await t.database.db.execute(sql`update events set status = 'cancelled', cancelled_at = now(), cancel_reason = 'Oplægsholderen er syg' where id = ${e.id}`);
    const page = await get(`/events/${e.slug}`);
    const body = text(page.body);
    expect(body).toContain('Arrangementet er aflyst.');
    expect(body).toContain('Årsag: Oplægsholderen er syg');
    expect(page.body).not.toContain(`action="/events/${e.slug}/register`);
    // A form sent anyway (an old tab) is refused with the reason, and nothing is written.
    const m = await memberSession();
    const before = await fingerprint(e.id);
    const res = await postForm(t.app, `/events/${e.slug}/register`, m.session, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('role="alert"');
    expect(text(res.body)).toContain('Arrangementet er aflyst.');
    expect(await fingerprint(e.id)).toBe(before);
  });

  it('offers an anonymous reader the public form on a public event, with a link to log in', async () => {
    const e = await publishedEvent(w, { audience: 'public', title: `Offentligt møde ${next()}`, maxGuests: 2 });
    const res = await get(`/events/${e.slug}`);
    expect(res.body).toContain(`action="/events/${e.slug}/register#registration"`);
    expect(res.body).toContain('name="email"');
    expect(res.body).toMatch(/<select id="register-guests" name="guests"/);
    expect(text(res.body)).toContain('2 gæster');
    expect(res.body).toContain(`href="/login?next=${encodeURIComponent(`/events/${e.slug}`)}"`);
  });

  it('shows the registration window: not yet open, closed', async () => {
    // A coming 1 December (winter time: 09:00 UTC is 10.00 in Copenhagen), with the event a week after.
    const opens = nextDayOfYear(12, 1);
    const later = await publishedEvent(w, {
      audience: 'public',
      title: `Senere ${next()}`,
      registrationOpensAt: `${opens}T09:00:00Z`,
      startsAt: `${shiftDate(opens, 7)}T16:00:00Z`,
      endsAt: `${shiftDate(opens, 7)}T18:00:00Z`,
    });
    const soon = new Date(Date.now() + 3600_000);
    const closed = await publishedEvent(w, { audience: 'public', title: `Lukket ${next()}`, startsAt: new Date(Date.now() + 2 * DAY).toISOString(), endsAt: new Date(Date.now() + 2 * DAY + 3600_000).toISOString(), registrationClosesAt: soon.toISOString() });
    await t.database.db.execute(sql`update events set registration_closes_at = now() - interval '1 minute' where id = ${closed.id}`);
    const m = await memberSession();
    const laterBody = text((await get(`/events/${later.slug}`, m.cookie)).body);
    expect(laterBody).toContain(`Tilmeldingen åbner ${weekdays.da[weekdayOf(opens)]} 1. december ${opens.slice(0, 4)} kl. 10.00.`);
    expect((await get(`/events/${later.slug}`, m.cookie)).body).not.toContain(`action="/events/${later.slug}/register`);
    expect(text((await get(`/events/${closed.slug}`, m.cookie)).body)).toContain('Tilmeldingen er lukket.');
    const before = await fingerprint(closed.id);
    const res = await postForm(t.app, `/events/${closed.slug}/register`, m.session, {});
    expect(res.statusCode).toBe(422);
    expect(text(res.body)).toContain('Tilmeldingen til arrangementet er lukket.');
    expect(await fingerprint(closed.id)).toBe(before);
  });
});

describe('registering on the page', () => {
  it('registers a member with one click, then answers a second click with a clear message and no second place', async () => {
    const e = await publishedEvent(w, { title: `Et klik ${next()}` });
    const m = await memberSession();
    const res = await postForm(t.app, `/events/${e.slug}/register`, m.session, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/events/${e.slug}`);
    const page = text((await get(`/events/${e.slug}`, m.cookie)).body);
    expect(page).toContain('Du er tilmeldt.');
    expect(page).toContain('1 af 10 pladser er taget');
    expect((await rows(e.id)).map((r) => r.status)).toEqual(['confirmed']);
    expect((await mailsTo(t.database, m.email)).map((x) => x.subject)).toEqual([`Du er tilmeldt: ${e.title}`]);

    const before = await fingerprint(e.id);
    const again = await postForm(t.app, `/events/${e.slug}/register`, m.session, {});
    expect(again.statusCode).toBe(409);
    expect(text(again.body)).toContain('Allerede tilmeldt dette arrangement.');
    expect(await fingerprint(e.id)).toBe(before);
  });

  it('puts a member on the waiting list of a full event with their number, and refuses when there is no waiting list', async () => {
    const e = await publishedEvent(w, { title: `Fuldt ${next()}`, capacity: 1 });
    const first = await memberSession();
    const second = await memberSession();
    await postForm(t.app, `/events/${e.slug}/register`, first.session, {});
    const listed = text((await get('/events', second.cookie)).body);
    expect(listed).toContain('Fuldt – venteliste');
    expect(text((await get(`/events/${e.slug}`, second.cookie)).body)).toContain('Skriv mig på ventelisten');
    const res = await postForm(t.app, `/events/${e.slug}/register`, second.session, {});
    expect(res.statusCode).toBe(303);
    const page = text((await get(`/events/${e.slug}`, withSetCookies(second.cookie, res))).body);
    expect(page).toContain('Arrangementet er fuldt. Du er nr. 1 på ventelisten.');
    expect(page).toContain('Du er nr. 1 på ventelisten.');

    const noList = await publishedEvent(w, { title: `Ingen venteliste ${next()}`, capacity: 1, waitlist: false });
    await postForm(t.app, `/events/${noList.slug}/register`, first.session, {});
    expect(text((await get(`/events/${noList.slug}`, second.cookie)).body)).toContain('Arrangementet er fuldt, og der er ingen venteliste.');
    const before = await fingerprint(noList.id);
    const refused = await postForm(t.app, `/events/${noList.slug}/register`, second.session, {});
    expect(refused.statusCode).toBe(409);
    expect(text(refused.body)).toContain('Arrangementet er fuldt og har ingen venteliste.');
    expect(await fingerprint(noList.id)).toBe(before);
  });

  it('refuses too many guests on the field, with the error summary, and writes nothing', async () => {
    const e = await publishedEvent(w, { title: `Gæster ${next()}`, maxGuests: 2 });
    const m = await memberSession();
    const before = await fingerprint(e.id);
    const res = await postForm(t.app, `/events/${e.slug}/register`, m.session, { guests: '5' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#register-guests"');
    expect(res.body).toMatch(/id="register-guests"[^>]*aria-invalid="true"/);
    expect(text(res.body)).toContain('Gæster: for mange til dette arrangement.');
    expect(await fingerprint(e.id)).toBe(before);

    const ok = await postForm(t.app, `/events/${e.slug}/register`, m.session, { guests: '2' });
    expect(ok.statusCode).toBe(303);
    expect((await rows(e.id)).map((r) => [r.status, r.guests])).toEqual([['confirmed', 2]]);
    expect(text((await get(`/events/${e.slug}`, m.cookie)).body)).toContain('Du har 2 gæster med.');
  });

  it('needs the CSRF token: without it nothing is written', async () => {
    const e = await publishedEvent(w, { title: `CSRF ${next()}` });
    const m = await memberSession();
    const before = await fingerprint(e.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/events/${e.slug}/register`,
      headers: { cookie: m.session.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'guests=0',
    });
    expect(res.statusCode).toBe(403);
    expect(await fingerprint(e.id)).toBe(before);
  });

  it('sends an anonymous visitor to log in when the event is not public, and writes nothing', async () => {
    const e = await publishedEvent(w, { title: `Medlemmer ${next()}` });
    const before = await fingerprint(e.id);
    const res = await postForm(t.app, `/events/${e.slug}/register`, await anonymousSession(), { name: 'Ida Udefra', email: 'ida@example.org' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/events/${e.slug}`)}`);
    expect(await fingerprint(e.id)).toBe(before);
  });
});
