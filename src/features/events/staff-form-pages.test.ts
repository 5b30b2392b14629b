import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { events, materials, programmeItems, registrations } from './tables.js';
import { eventWorld, mailsTo, member, multipart, PDF, publishedEvent, type EventWorld } from './events.fixture.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { t, w, staffCookie, DAY, future, personOf, get, post, countRows, validEvent } from './staff-pages.fixture.js';

/** The staff pages of events through app.inject: the event form and the manage page (set-up in staff-pages.fixture.ts). */

describe('the event form', () => {
  it('offers the units the staff member organises for, three programme rows and a Markdown hint', async () => {
    const res = await get('/events/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nyt arrangement');
    expect(res.body).toContain(`<option value="${w.org.north}"`);
    expect(res.body).not.toContain(`<option value="${w.org.south}" selected`);
    // The organising unit offers only the north (the audience unit list has every unit).
    const unitSelect = /<select id="field-unitId"[\s\S]*?<\/select>/.exec(res.body)![0];
    expect(unitSelect).toContain('Kreds Nord');
    expect(unitSelect).not.toContain('Kreds Syd');
    expect(res.body.match(/name="programme\.\d+\.title"/g)).toHaveLength(3);
    expect(res.body).toContain('type="date"');
    expect(res.body).toContain('type="time"');
    expect(res.body).toContain('Markdown');
  });

  it('adds a programme row without JavaScript: the form comes back with one more row and what was typed, nothing saved', async () => {
    const before = await countRows();
    const res = await post('/events/new', '/events/new', { ...validEvent({ title: 'Stadig en kladde' }), add_item: '1' });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/name="programme\.\d+\.title"/g)).toHaveLength(4);
    expect(res.body).toContain('value="Stadig en kladde"');
    expect(res.body).toContain('value="Velkomst"');
    expect(res.body).not.toContain('error-summary');
    expect(await countRows()).toEqual(before);
  });

  it('refuses bad input with errors naming each field, keeps what was typed, and writes nothing', async () => {
    const before = await countRows();
    const bad = await post('/events/new', '/events/new', validEvent({ title: '', capacity: '0', maxGuests: 'to', startTime: '25:00', 'programme.1.title': '', 'programme.1.time': '18:00' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('class="error-summary"');
    for (const field of ['title', 'capacity', 'maxGuests', 'startTime']) expect(bad.body, field).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
    expect(bad.body).toContain('Titel skal udfyldes.');
    expect(bad.body).toContain('Antal pladser skal være mindst 1');
    expect(bad.body).toContain('Gæster pr. tilmelding skal være et helt tal.');
    expect(bad.body).toContain('Starttidspunkt skal være et klokkeslæt som 17:00.');
    expect(bad.body).toContain('Programpunkt 2: Titel skal udfyldes.');
    // The summary links to the fields, top to bottom.
    const links = [...bad.body.matchAll(/<a href="#field-([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['title', 'startTime', 'capacity', 'maxGuests', 'programme.1.title']);
    expect(bad.body).toContain('value="Nørregade 1"');
    expect(await countRows()).toEqual(before);

    const rules = await post('/events/new', '/events/new', validEvent({ endTime: '16:00', registrationClosesAt: `${future}T20:00` }));
    expect(rules.statusCode).toBe(422);
    expect(rules.body).toContain('Sluttidspunkt skal være efter starttidspunktet.');
    expect(rules.body).toMatch(/id="field-endTime"[^>]*aria-invalid="true"/);

    const window = await post('/events/new', '/events/new', validEvent({ registrationClosesAt: `${future}T20:00` }));
    expect(window.statusCode).toBe(422);
    expect(window.body).toContain('Tilmeldingsfrist kan ikke ligge efter arrangementets afslutning.');

    const script = await post('/events/new', '/events/new', validEvent({ description: 'Hej <script>alert(1)</script>', onlineUrl: 'javascript:alert(1)' }));
    expect(script.statusCode).toBe(422);
    expect(script.body).toContain('Beskrivelse må ikke indeholde scripts');
    expect(script.body).toMatch(/id="field-onlineUrl"[^>]*aria-invalid="true"/);
    // What was typed comes back as text, never as markup.
    expect(script.body).toContain('Hej &lt;script>alert(1)&lt;/script>');
    expect(script.body).not.toContain('<script>alert(1)');

    const audience = await post('/events/new', '/events/new', validEvent({ audience: 'roles' }));
    expect(audience.statusCode).toBe(422);
    expect(audience.body).toContain('Vælg mindst én rolle som målgruppe.');

    // Staff of the north cannot put an event in the south, even by sending its id.
    const south = await post('/events/new', '/events/new', validEvent({ unitId: w.org.south }));
    expect(south.statusCode).toBe(422);
    expect(south.body).toContain('Du kan kun oprette arrangementer for en enhed, du arbejder i.');
    expect(await countRows()).toEqual(before);
  });

  it('saves a draft with the times of the event’s zone and its programme, and goes to the manage page', async () => {
    const res = await post('/events/new', '/events/new', validEvent());
    expect(res.statusCode).toBe(303);
    const [row] = await t.database.db.select().from(events).where(eq(events.title, 'Årsmøde i Kreds Nord'));
    expect(res.headers.location).toBe(`/events/${row.slug}/manage`);
    expect(row.slug).toBe(`aarsmoede-i-kreds-nord-${future}`);
    expect(row.status).toBe('draft');
    expect(localParts(row.startsAt, 'Europe/Copenhagen')).toEqual({ date: future, time: '17:00' });
    expect(localParts(row.endsAt, 'Europe/Copenhagen')).toEqual({ date: future, time: '19:30' });
    expect(row).toMatchObject({ capacity: 85, waitlist: true, maxGuests: 2, audience: 'members', unitId: w.org.north, registrationClosesAt: null });
    const items = await t.database.db.select().from(programmeItems).where(eq(programmeItems.eventId, row.id)).orderBy(programmeItems.position);
    expect(items.map((i) => [i.title, i.speaker, i.startsAt && localParts(i.startsAt, 'Europe/Copenhagen').time])).toEqual([
      ['Velkomst', 'Formanden', '17:00'],
      ['Beretning', null, '17:30'],
    ]);
    const [trail] = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'event'), eq(auditEvents.entityId, row.id)));
    expect(trail.action).toBe('create');

    const page = await get(res.headers.location as string, res.headers['set-cookie'] ? `${staffCookie}; ${String(res.headers['set-cookie']).split(';')[0]}` : staffCookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('er oprettet som kladde');
    expect(page.body).toContain('Offentliggør');
    expect(page.body).toMatch(/kl\. 17\.00–19\.30/);
  });

  it('shows a saved event in the form as its own zone’s clock shows it, and saves changes through updateEvent', async () => {
    const e = await publishedEvent(w, { title: 'Medlemsmøde i Stockholm', timeZone: 'Europe/Stockholm', capacity: 1, startsAt: `${future}T15:00:00Z`, endsAt: `${future}T17:00:00Z` });
    const form = await get(`/events/${e.slug}/edit`);
    expect(form.statusCode).toBe(200);
    const summer = new Date(`${future}T12:00:00Z`).getTimezoneOffset() !== new Date(`${future.slice(0, 4)}-01-15T12:00:00Z`).getTimezoneOffset();
    expect(form.body).toContain(`value="${summer ? '17:00' : '16:00'}"`);
    expect(form.body).toMatch(/<option value="Europe\/Stockholm" selected/);

    // Two members: one gets the seat, the other waits; a second seat moves the waiting one up at once.
    const a = await member(w);
    const b = await member(w);
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: a.email });
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: b.email });
    const waiting = await t.database.db.select().from(registrations).where(and(eq(registrations.eventId, e.id), eq(registrations.personId, b.id)));
    expect(waiting[0].status).toBe('waitlisted');

    const values: Record<string, string> = {};
    for (const m of form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) values[m[1]] = m[2].replace(/&amp;/g, '&');
    delete values._csrf;
    const edited = await post(`/events/${e.slug}/edit`, `/events/${e.slug}/edit`, { ...values, kind: 'member_meeting', unitId: w.org.north, audience: 'members', timeZone: 'Europe/Stockholm', capacity: '2', waitlist: 'on' });
    expect(edited.statusCode).toBe(303);
    expect(edited.headers.location).toBe(`/events/${e.slug}/manage`);
    const [after] = await t.database.db.select().from(events).where(eq(events.id, e.id));
    expect(after.capacity).toBe(2);
    expect(after.startsAt.toISOString()).toBe(new Date(`${future}T15:00:00Z`).toISOString());
    const promoted = await t.database.db.select().from(registrations).where(and(eq(registrations.eventId, e.id), eq(registrations.personId, b.id)));
    expect(promoted[0].status).toBe('confirmed');
    expect((await mailsTo(t.database, b.email)).map((m) => m.subject)).toContain(`Du har fået en plads: ${e.title}`);
  });
});

describe('the manage page', () => {
  it('publishes, takes back to a draft, and cancels after a confirmation step that says who will be told', async () => {
    const e = await publishedEvent(w, { title: 'Kredsmøde med aflysning', capacity: 1 }, false);
    const page = await get(`/events/${e.slug}/manage`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Kladde: kun ansatte og bestyrelsen');
    expect(page.body).toContain('0 af 1');

    const published = await post(`/events/${e.slug}/manage`, `/events/${e.slug}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].status).toBe('published');
    const draft = await post(`/events/${e.slug}/manage`, `/events/${e.slug}/unpublish`, {});
    expect(draft.statusCode).toBe(303);
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].status).toBe('draft');
    await post(`/events/${e.slug}/manage`, `/events/${e.slug}/publish`, {});

    const a = await member(w);
    const b = await member(w);
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: a.email });
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: b.email });

    const confirm = await get(`/events/${e.slug}/cancel-event`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('2 personer (1 med plads, 1 på venteliste) får en e-mail om aflysningen.');
    // Looking at the confirmation changes nothing.
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].status).toBe('published');

    const tooLong = await post(`/events/${e.slug}/cancel-event`, `/events/${e.slug}/cancel-event`, { reason: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toMatch(/id="field-reason"[^>]*aria-invalid="true"/);
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].status).toBe('published');

    const cancelled = await post(`/events/${e.slug}/cancel-event`, `/events/${e.slug}/cancel-event`, { reason: 'Taleren er syg.' });
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/events/${e.slug}/manage`);
    const [row] = await t.database.db.select().from(events).where(eq(events.id, e.id));
    expect(row).toMatchObject({ status: 'cancelled', cancelReason: 'Taleren er syg.' });
    for (const who of [a, b]) {
      const mail = (await mailsTo(t.database, who.email)).find((m) => m.subject.startsWith('Aflyst'));
      expect(mail?.text).toContain('Årsag: Taleren er syg.');
    }
    const after = await get(`/events/${e.slug}/manage`);
    expect(after.body).toContain('Arrangementet blev aflyst');
    expect(after.body).toContain('Årsag: Taleren er syg.');
    expect(after.body).not.toContain(`action="/events/${e.slug}/publish"`);
    // A cancelled event is not edited any more.
    const edit = await get(`/events/${e.slug}/edit`);
    expect(edit.statusCode).toBe(303);
  });
});
