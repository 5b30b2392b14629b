import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { events, materials, programmeItems, registrations } from './tables.js';
import { eventWorld, mailsTo, member, multipart, PDF, publishedEvent, type EventWorld } from './events.fixture.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { t, w, staffCookie, DAY, future, personOf, get, post, countRows, validEvent } from './staff-pages.fixture.js';

/** The staff pages of events through app.inject: participants, check-in, material and CSRF (set-up in staff-pages.fixture.ts). */

describe('participants', () => {
  it('lists the confirmed and the waiting list in order, audits the look, registers a member found by number or e-mail, and cancels anyone', async () => {
    const e = await publishedEvent(w, { title: 'Fuldt medlemsmøde', capacity: 2, maxGuests: 1 });
    const [a, b, c] = [await member(w), await member(w), await member(w)];
    const south = await member(w, { unitId: w.org.south });
    const [{ number }] = (await t.database.executeSql(`select member_number as number from memberships where person_id = $1`, [a.id])).rows as { number: string }[];

    const byNumber = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: number, guests: '1' });
    expect(byNumber.statusCode).toBe(303);
    const second = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: b.email.toUpperCase() });
    expect(second.statusCode).toBe(303);
    const third = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: c.email });
    expect(third.statusCode).toBe(303);

    const before = await countRows();
    const twice = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: c.email });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('er allerede tilmeldt eller på ventelisten');
    expect(twice.body).toMatch(/id="field-member"[^>]*aria-invalid="true"/);
    // Staff of the north do not find a member of the south by address: whether someone is a member is not theirs to learn.
    const other = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: south.email });
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain('Der er intet aktivt medlem med dette medlemsnummer eller denne e-mailadresse, som du har adgang til.');
    const guests = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: south.email, guests: '5' });
    expect(guests.statusCode).toBe(422);
    expect(await countRows()).toEqual(before);

    const views = async () => (await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'event_registrations'), eq(auditEvents.entityId, e.id), eq(auditEvents.action, 'view')))).length;
    const viewsBefore = await views();
    const list = await get(`/events/${e.slug}/participants`);
    expect(list.statusCode).toBe(200);
    expect(await views()).toBe(viewsBefore + 1);
    // a (with a guest) took both seats; b and c wait in the order they came.
    const confirmedSection = list.body.slice(list.body.indexOf('id="confirmed-title"'), list.body.indexOf('id="waiting-title"'));
    const waitingSection = list.body.slice(list.body.indexOf('id="waiting-title"'));
    expect(confirmedSection).toContain(a.email);
    expect(confirmedSection).not.toContain(b.email);
    expect(waitingSection.indexOf(b.email)).toBeGreaterThan(-1);
    expect(waitingSection.indexOf(b.email)).toBeLessThan(waitingSection.indexOf(c.email));
    expect(list.body).toContain('Venteliste (2)');

    // Cancelling a frees two seats: b and c move up in order, at once.
    const [aReg] = await t.database.db.select().from(registrations).where(and(eq(registrations.eventId, e.id), eq(registrations.personId, a.id)));
    const cancelled = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants/${aReg.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    const statuses = await t.database.db.select({ personId: registrations.personId, status: registrations.status }).from(registrations).where(eq(registrations.eventId, e.id));
    expect(Object.fromEntries(statuses.map((s) => [s.personId, s.status]))).toEqual({ [a.id]: 'cancelled', [b.id]: 'confirmed', [c.id]: 'confirmed' });
    const again = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants/${aReg.id}/cancel`, {});
    expect(again.statusCode).toBe(303);
    const unknown = await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants/00000000-0000-4000-8000-000000000000/cancel`, {});
    expect(unknown.statusCode).toBe(404);
  });

  it('exports the list as CSV for Excel with formulas made harmless, and audits the export', async () => {
    const e = await publishedEvent(w, { title: 'Eksportmøde', capacity: 1 });
    const sly = await member(w);
    await t.database.executeSql(`update persons set first_name = '=HYPERLINK("http://evil")', last_name = 'Æblegaard' where id = $1`, [sly.id]);
    const other = await member(w);
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: sly.email });
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: other.email });
    const res = await get(`/events/${e.slug}/participants.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="deltagere-${e.slug}.csv"`);
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    const lines = res.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Status;Plads på venteliste;Navn;E-mail;Gæster;Tilmeldt;Bekræftet;Mødt');
    expect(lines[1]).toContain(`Bekræftet;;"'=HYPERLINK(""http://evil"") Æblegaard";${sly.email};0;`);
    expect(lines[2]).toMatch(new RegExp(`^Venteliste;1;Medlem Nummer \\d+;${other.email.replace(/\./g, '\\.')};0;`));
    const trail = await t.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, 'event_registrations'), eq(auditEvents.entityId, e.id), eq(auditEvents.action, 'export')));
    expect(trail).toHaveLength(1);
  });

  it('messages everyone with a confirmed place and says how many got it; an empty subject sends nothing', async () => {
    const e = await publishedEvent(w, { title: 'Beskedmøde', capacity: 1 });
    const [a, b] = [await member(w), await member(w)];
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: a.email });
    await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: b.email });
    const page = await get(`/events/${e.slug}/message`);
    expect(page.body).toContain('Beskeden sendes som e-mail til den 1 deltager med en bekræftet plads.');
    const before = await countRows();
    const empty = await post(`/events/${e.slug}/message`, `/events/${e.slug}/message`, { subject: ' ', body: 'Husk madpakke' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Emne skal udfyldes.');
    expect(empty.body).toContain('Husk madpakke');
    expect(await countRows()).toEqual(before);
    const sent = await post(`/events/${e.slug}/message`, `/events/${e.slug}/message`, { subject: 'Praktisk info', body: 'Husk madpakke.' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/events/${e.slug}/participants`);
    expect((await mailsTo(t.database, a.email)).filter((m) => m.subject === 'Praktisk info').map((m) => m.text.includes('Husk madpakke.'))).toEqual([true]);
    expect((await mailsTo(t.database, b.email)).filter((m) => m.subject === 'Praktisk info')).toEqual([]);
    const flash = await get(`/events/${e.slug}/participants`, `${staffCookie}; ${String(sent.headers['set-cookie']).split(';')[0]}`);
    expect(flash.body).toContain('Beskeden er sendt til 1 deltager.');
  });
});

describe('check-in at the door', () => {
  it('finds people by name, marks them without JavaScript (search kept) and with htmx (row and count swapped), and undoes', async () => {
    const e = await publishedEvent(w, { title: 'Indtjekningsmøde', capacity: 10 });
    const soren = await member(w);
    const asa = await member(w);
    await t.database.executeSql(`update persons set first_name = 'Søren', last_name = 'Østergård' where id = $1`, [soren.id]);
    await t.database.executeSql(`update persons set first_name = 'Åsa', last_name = 'Berg' where id = $1`, [asa.id]);
    for (const m of [soren, asa]) await post(`/events/${e.slug}/participants`, `/events/${e.slug}/participants`, { member: m.email });
    const [reg] = await t.database.db.select().from(registrations).where(and(eq(registrations.eventId, e.id), eq(registrations.personId, soren.id)));

    const all = await get(`/events/${e.slug}/check-in`);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Mødt: 0 af 2');
    // In the Danish alphabet Å comes last.
    expect(all.body.indexOf('Søren Østergård')).toBeLessThan(all.body.indexOf('Åsa Berg'));
    const found = await get(`/events/${e.slug}/check-in?q=soren`);
    expect(found.body).toContain('Søren Østergård');
    expect(found.body).not.toContain('Åsa Berg');

    const plain = await post(`/events/${e.slug}/check-in?q=soren`, `/events/${e.slug}/check-in/${reg.id}`, { q: 'soren' });
    expect(plain.statusCode).toBe(303);
    expect(plain.headers.location).toBe(`/events/${e.slug}/check-in?q=soren#reg-${reg.id}`);
    expect((await t.database.db.select().from(registrations).where(eq(registrations.id, reg.id)))[0].checkedInAt).not.toBeNull();
    const counted = await get(`/events/${e.slug}/check-in`);
    expect(counted.body).toContain('Mødt: 1 af 2');
    expect(counted.body).toContain('Mødt kl.');

    const session = await formSession(t.app, `/events/${e.slug}/check-in`, staffCookie);
    const htmx = await t.app.inject({
      method: 'POST',
      url: `/events/${e.slug}/check-in/${reg.id}`,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true', 'x-csrf-token': session.csrf },
      payload: new URLSearchParams({ q: '', undo: '1' }).toString(),
    });
    expect(htmx.statusCode).toBe(200);
    expect(htmx.body.startsWith(`<li id="reg-${reg.id}" class="door-row">`)).toBe(true);
    expect(htmx.body).toContain('autofocus');
    expect(htmx.body).toContain('<p id="attendance" class="attendance" role="status" hx-swap-oob="innerHTML">Mødt: 0 af 2</p>');
    expect(htmx.body).not.toContain('<html');
    expect((await t.database.db.select().from(registrations).where(eq(registrations.id, reg.id)))[0].checkedInAt).toBeNull();
  });
});

describe('material', () => {
  it('uploads slides, refuses a wrong or too large file with the reason, attaches them to a programme item, sets who may fetch them, and deletes', async () => {
    const e = await publishedEvent(w, { title: 'Materialemøde', programme: [{ title: 'Oplæg om arbejdsmiljø', speaker: 'Kasper' }] });
    const session = await formSession(t.app, `/events/${e.slug}/material`, staffCookie);
    const upload = (file: { name: string; type: string; bytes: Buffer }) => {
      const body = multipart(session.csrf, file);
      return t.app.inject({ method: 'POST', url: `/events/${e.slug}/material`, headers: { cookie: session.cookie, 'content-type': body.contentType, accept: 'text/html' }, payload: body.payload });
    };
    const wrong = await upload({ name: 'slides.pdf', type: 'application/pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Upload en PDF-, PowerPoint-');
    expect(wrong.body).toMatch(/id="upload-file"[^>]*aria-invalid="true"/);
    const big = await upload({ name: 'big.pdf', type: 'application/pdf', bytes: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) });
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('Filen er for stor (højst 10 MB).');
    const none = await upload({ name: '', type: 'application/octet-stream', bytes: Buffer.alloc(0) });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Vælg en fil.');
    expect(await t.database.db.select().from(materials).where(eq(materials.eventId, e.id))).toEqual([]);

    const ok = await upload({ name: 'Arbejdsmiljø.pdf', type: 'application/pdf', bytes: PDF });
    expect(ok.statusCode).toBe(303);
    const [file] = await t.database.db.select().from(materials).where(eq(materials.eventId, e.id));
    expect(file).toMatchObject({ fileName: 'Arbejdsmiljø.pdf', contentType: 'application/pdf', size: PDF.length });
    const page = await get(`/events/${e.slug}/material`);
    expect(page.body).toContain(`href="/events/${e.slug}/materials/${file.id}"`);

    const [item] = await t.database.db.select().from(programmeItems).where(eq(programmeItems.eventId, e.id));
    const slides = await post(`/events/${e.slug}/material`, `/events/${e.slug}/material/slides`, { [`slides.${item.id}`]: file.id });
    expect(slides.statusCode).toBe(303);
    const [withSlides] = await t.database.db.select().from(programmeItems).where(eq(programmeItems.eventId, e.id));
    expect(withSlides).toMatchObject({ title: 'Oplæg om arbejdsmiljø', speaker: 'Kasper', materialId: file.id });
    expect((await get(`/events/${e.slug}/material`)).body).toContain('Slides til: Oplæg om arbejdsmiljø');

    expect((await post(`/events/${e.slug}/material`, `/events/${e.slug}/material/visibility`, { materialVisibility: 'everyone' })).statusCode).toBe(422);
    expect((await post(`/events/${e.slug}/material`, `/events/${e.slug}/material/visibility`, { materialVisibility: 'public' })).statusCode).toBe(303);
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].materialVisibility).toBe('public');

    const deleted = await post(`/events/${e.slug}/material`, `/events/${e.slug}/material/${file.id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect(await t.database.db.select().from(materials).where(eq(materials.eventId, e.id))).toEqual([]);
    // The slides are gone from the programme item with the file.
    expect((await t.database.db.select().from(programmeItems).where(eq(programmeItems.eventId, e.id)))[0].materialId).toBeNull();
  });
});

describe('forms need their CSRF token', () => {
  it('refuses a POST without the token and changes nothing', async () => {
    const e = await publishedEvent(w, { title: 'CSRF-møde' }, false);
    const before = await countRows();
    for (const url of ['/events/new', `/events/${e.slug}/publish`, `/events/${e.slug}/cancel-event`, `/events/${e.slug}/message`]) {
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: staffCookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: 'subject=x&body=y' });
      expect(res.statusCode, url).toBe(403);
    }
    expect(await countRows()).toEqual(before);
    expect((await t.database.db.select().from(events).where(eq(events.id, e.id)))[0].status).toBe('draft');
  });
});
