import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { cancelEvent, createEvent, localDate, publishEvent, slugify, unpublishEvent, updateEvent } from './events.js';
import { registerForEvent } from './registrations.js';
import { checkIn } from './check-in.js';
import { messageParticipants } from './messages.js';
import { deleteMaterial, getMaterial, MATERIAL_MAX_BYTES, uploadMaterial } from './materials.js';
import { getEvent, listEvents, listRegistrations } from './queries.js';
import { ctx, days, eventWorld, mailsTo, member, publishedEvent, type EventWorld } from './events.fixture.js';
import { eventFilter, eventInput, registrationInput } from './schema.js';
import { dateInDays, instantInDays, shiftDate } from '../../test/time.js';

let database: Database;
let w: EventWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await eventWorld(database);
});
afterAll(() => database.close());

// A day three months ahead; times carry their offset, so the instants do not depend on the season.
const day = dateInDays(90);
const base = () => ({
  kind: 'annual_meeting',
  title: 'Årsmøde i Ærøskøbing',
  description: '## Dagsorden\n\n1. Valg af dirigent',
  placeName: 'Forsamlingshuset',
  city: 'Ærøskøbing',
  startsAt: `${day}T17:00:00+01:00`,
  endsAt: `${day}T21:00:00+01:00`,
  unitId: w.org.north,
  audience: 'members',
  capacity: 85,
  programme: [
    { startsAt: `${day}T17:00:00+01:00`, title: 'Velkomst', speaker: 'Formanden' },
    { title: 'Beretning' },
  ],
});

async function count(table: string): Promise<number> {
  return Number((await database.executeSql(`select count(*)::int as n from ${table}`)).rows[0].n);
}

describe('creating an event', () => {
  it('stores a draft with a clean slug from title and local date, its programme, and an audit entry', async () => {
    const result = await createEvent(database.db, w.staffNorth, eventInput.parse(base()));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.event).toMatchObject({
      slug: `aarsmoede-i-aeroeskoebing-${day}`,
      status: 'draft',
      capacity: 85,
      waitlist: true,
      timeZone: 'Europe/Copenhagen',
      startsAt: `${day}T16:00:00.000Z`,
      confirmedCount: 0,
      waitlistCount: 0,
      programme: [
        { position: 1, title: 'Velkomst', speaker: 'Formanden', startsAt: `${day}T16:00:00.000Z` },
        { position: 2, title: 'Beretning', speaker: null, startsAt: null },
      ],
    });
    const again = await createEvent(database.db, w.staffNorth, eventInput.parse(base()));
    expect(again.ok && again.event.slug).toBe(`aarsmoede-i-aeroeskoebing-${day}-2`);
    const audits = await database.executeSql(`select fields from audit_events where entity_type = 'event' and entity_id = $1 and action = 'create'`, [result.event.id]);
    expect(audits.rows).toHaveLength(1);
  });

  it('spells Nordic letters out and uses the event’s own date', () => {
    expect(slugify('Generalforsamling: Øst & Syd — "Åbent" møde')).toBe('generalforsamling-oest-syd-aabent-moede');
    expect(slugify('Årsmöte för skyddsombud')).toBe('aarsmoete-foer-skyddsombud');
    // 23:30 UTC on the 3rd is 00:30 on the 4th in Copenhagen.
    expect(localDate(new Date('2031-03-03T23:30:00Z'), 'Europe/Copenhagen')).toBe('2031-03-04');
    expect(localDate(new Date('2031-03-03T23:30:00Z'), 'UTC')).toBe('2031-03-03');
  });

  it.each([
    ['end before start', { endsAt: `${day}T16:00:00+01:00` }, 'endsAt', 'event.end_before_start'],
    ['capacity 0', { capacity: 0 }, 'capacity', 'event.capacity_positive'],
    ['negative capacity', { capacity: -5 }, 'capacity', 'event.capacity_positive'],
    ['registration closing after the event', { registrationClosesAt: `${shiftDate(day, 1)}T10:00:00+01:00` }, 'registrationClosesAt', 'event.closes_after_end'],
    ['registration opening after it closes', { registrationOpensAt: `${shiftDate(day, -2)}T10:00:00+01:00`, registrationClosesAt: `${shiftDate(day, -3)}T10:00:00+01:00` }, 'registrationOpensAt', 'event.opens_after_closes'],
    ['guests above the limit', { maxGuests: 21 }, 'maxGuests', 'too_big'],
    ['a script in the description', { description: 'Hej <script>alert(1)</script>' }, 'description', 'event.description_unsafe'],
    ['a time without offset', { startsAt: `${day}T17:00:00` }, 'startsAt', 'invalid_format'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone', 'event.invalid_time_zone'],
    ['a unit audience without a unit', { audience: 'unit_members' }, 'audienceUnitId', 'validation.required'],
    ['a role audience without roles', { audience: 'roles' }, 'audienceRoles', 'event.audience_roles_required'],
    ['a javascript: link', { onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', 'invalid_format'],
  ])('refuses %s, naming the field', (_name, patch, path, code) => {
    const parsed = eventInput.safeParse({ ...base(), ...patch });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path.join('.') === path);
    expect(issue, JSON.stringify(parsed.error!.issues)).toBeDefined();
    expect(issue!.message === code || issue!.code === code).toBe(true);
  });

  it('refuses an unknown unit or one the actor does not work in, writing nothing', async () => {
    const before = await count('events');
    expect(await createEvent(database.db, w.staffNorth, eventInput.parse({ ...base(), unitId: '00000000-0000-4000-8000-000000000000' }))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'unitId', code: 'event.unit_not_found' }],
    });
    expect(await createEvent(database.db, w.staffSouth, eventInput.parse(base()))).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'unitId', code: 'event.unit_not_allowed' }] });
    expect(
      await createEvent(database.db, w.staffNorth, eventInput.parse({ ...base(), audience: 'unit_members', audienceUnitId: '00000000-0000-4000-8000-000000000000' })),
    ).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'audienceUnitId', code: 'event.unit_not_found' }] });
    expect(await count('events')).toBe(before);
  });
});

describe('changing, publishing and cancelling', () => {
  it('checks a patch against the whole event and changes nothing when it breaks a rule', async () => {
    const event = await publishedEvent(w);
    const bad = await updateEvent(database.db, w.staffNorth, event.id, { endsAt: new Date(new Date(event.startsAt).getTime() - 1000) }, ctx);
    expect(bad).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'endsAt', code: 'event.end_before_start' }] });
    const ok = await updateEvent(database.db, w.staffNorth, event.id, { title: 'Nyt navn', programme: [{ title: 'Oplæg', speaker: 'Gæst', startsAt: null, materialId: null }] }, ctx);
    expect(ok).toMatchObject({ ok: true, event: { title: 'Nyt navn', slug: event.slug, programme: [{ title: 'Oplæg', speaker: 'Gæst' }] } });
    const audit = await database.executeSql(`select fields from audit_events where entity_id = $1 and action = 'update' order by id desc limit 1`, [event.id]);
    expect(audit.rows[0].fields).toEqual(['title', 'programme']);
    expect(await updateEvent(database.db, w.staffSouth, event.id, { title: 'X' }, ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await updateEvent(database.db, w.board, event.id, { title: 'X' }, ctx)).toEqual({ ok: false, reason: 'forbidden' });
  });

  it('publishes to the audience and takes it back; a cancelled event stays cancelled', async () => {
    const draft = await publishedEvent(w, {}, false);
    const m = await member(w);
    expect(await getEvent(database.db, m.actor, draft.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await publishEvent(database.db, w.staffNorth, draft.id)).toMatchObject({ ok: true, event: { status: 'published' } });
    expect(await getEvent(database.db, m.actor, draft.slug)).toMatchObject({ ok: true, event: { id: draft.id }, may: { register: true, edit: false } });
    expect(await unpublishEvent(database.db, w.staffNorth, draft.id)).toMatchObject({ ok: true, event: { status: 'draft' } });
    expect(await getEvent(database.db, m.actor, draft.id)).toEqual({ ok: false, reason: 'not_found' });
    await cancelEvent(database.db, w.staffNorth, draft.id, { reason: null }, ctx);
    expect(await publishEvent(database.db, w.staffNorth, draft.id)).toEqual({ ok: false, reason: 'cancelled_event' });
    expect(await updateEvent(database.db, w.staffNorth, draft.id, { title: 'Y' }, ctx)).toEqual({ ok: false, reason: 'cancelled_event' });
  });
});

describe('listing events by audience', () => {
  it('shows each reader what is meant for them; staff and board also their unit’s drafts', async () => {
    // Ten years ahead: past every other event this file makes, so the lists hold these alone.
    const from = instantInDays(3650);
    const at = (d: number) => instantInDays(d, Date.parse(from));
    const mk = (title: string, extra: Record<string, unknown>, publish = true) =>
      publishedEvent(w, { title, startsAt: at(1 + Math.random()), endsAt: at(3), ...extra }, publish);
    await mk('Åbent foredrag', { audience: 'public' });
    await mk('Medlemsaften', { audience: 'members' });
    await mk('Ledersektionens møde', { audience: 'unit_members', audienceUnitId: w.org.leaders });
    await mk('TR-møde', { kind: 'role_meeting', audience: 'roles', audienceRoles: ['steward'] });
    await mk('Kladde', { audience: 'public' }, false);
    const titles = async (actor: Parameters<typeof listEvents>[1]) =>
      (await listEvents(database.db, actor, eventFilter.parse({ from }))).items.map((i) => i.title).sort();
    expect(await titles(anonymous)).toEqual(['Åbent foredrag']);
    const plain = await member(w);
    expect(await titles(plain.actor)).toEqual(['Medlemsaften', 'Åbent foredrag'].sort());
    const leader = await member(w, { sections: [w.org.leaders] });
    expect(await titles(leader.actor)).toEqual(['Ledersektionens møde', 'Medlemsaften', 'Åbent foredrag'].sort());
    expect(await titles(w.staffNorth)).toEqual(['Kladde', 'Ledersektionens møde', 'Medlemsaften', 'TR-møde', 'Åbent foredrag'].sort());
    expect(await titles(w.staffSouth)).toEqual(['Åbent foredrag']);
    const page = await listEvents(database.db, w.admin, eventFilter.parse({ from, kind: 'role_meeting' }));
    expect(page).toMatchObject({ total: 1, items: [{ title: 'TR-møde', audienceRoles: ['steward'] }] });
    expect((await listEvents(database.db, w.admin, eventFilter.parse({ from, unit: w.org.south }))).total).toBe(0);
    expect((await listEvents(database.db, w.admin, eventFilter.parse({ from, unit: w.org.national }))).total).toBe(5);
  });
});

describe('at the event', () => {
  it('checks in confirmed participants (and undoes it), counts attendance, refuses the waiting list', async () => {
    const event = await publishedEvent(w, { capacity: 1 });
    const [a, b] = await Promise.all([member(w), member(w)]);
    const ra = await registerForEvent(database.db, a.actor, event.id, registrationInput.parse({}), ctx);
    const rb = await registerForEvent(database.db, b.actor, event.id, registrationInput.parse({}), ctx);
    if (!ra.ok || !rb.ok) throw new Error();
    expect(await checkIn(database.db, w.staffNorth, event.id, ra.registration.id)).toEqual({ ok: true, checkedIn: true });
    expect(await checkIn(database.db, w.staffNorth, event.id, rb.registration.id)).toEqual({ ok: false, reason: 'not_confirmed' });
    expect(await checkIn(database.db, a.actor, event.id, ra.registration.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await getEvent(database.db, w.staffNorth, event.id)).toMatchObject({ ok: true, event: { attendedCount: 1 } });
    expect(await checkIn(database.db, w.staffNorth, event.id, ra.registration.id, { undo: true })).toEqual({ ok: true, checkedIn: false });
    expect(await getEvent(database.db, w.staffNorth, event.id)).toMatchObject({ ok: true, event: { attendedCount: 0 } });
  });

  it('messages every confirmed participant once, in their language, and audits it', async () => {
    const event = await publishedEvent(w, { capacity: 2 });
    const people = await Promise.all([member(w, { locale: 'sv' }), member(w, { locale: 'en' }), member(w)]);
    for (const p of people) await registerForEvent(database.db, p.actor, event.id, registrationInput.parse({}), ctx);
    const result = await messageParticipants(database.db, w.staffNorth, event.id, { subject: 'Husk madpakke', body: 'Vi mødes kl. 17.' }, ctx);
    expect(result).toEqual({ ok: true, sent: 2 });
    const sv = (await mailsTo(database, people[0].email)).find((m) => m.subject === 'Husk madpakke')!;
    expect(sv.text).toContain('Ett meddelande om');
    expect(sv.text).toContain('Vi mødes kl. 17.');
    expect((await mailsTo(database, people[1].email)).find((m) => m.subject === 'Husk madpakke')!.text).toContain('A message about');
    expect((await mailsTo(database, people[2].email)).some((m) => m.subject === 'Husk madpakke')).toBe(false);
    expect(await messageParticipants(database.db, w.board, event.id, { subject: 'x', body: 'y' }, ctx)).toEqual({ ok: false, reason: 'forbidden' });
    const audit = await database.executeSql(`select fields from audit_events where entity_type = 'event_message' and entity_id = $1`, [event.id]);
    expect(audit.rows.map((r) => r.fields)).toEqual([['subject', 'body']]);
  });

  it('the participant list is for staff and board of the unit, and reading it is audited', async () => {
    const event = await publishedEvent(w);
    const m = await member(w);
    await registerForEvent(database.db, m.actor, event.id, registrationInput.parse({ guests: 0 }), ctx);
    expect(await listRegistrations(database.db, w.board, event.id)).toMatchObject({ ok: true, items: [{ personId: m.id, email: m.email, status: 'confirmed' }] });
    expect(await listRegistrations(database.db, m.actor, event.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await listRegistrations(database.db, w.staffSouth, event.id)).toEqual({ ok: false, reason: 'not_found' });
    const views = await database.executeSql(`select count(*)::int as n from audit_events where action = 'view' and entity_type = 'event_registrations' and entity_id = $1`, [event.id]);
    expect(views.rows[0].n).toBe(1);
  });
});

describe('material', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 0x20)]);

  it('takes PDFs and slides checked by their first bytes, up to 10 MB', async () => {
    const event = await publishedEvent(w);
    const up = await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'C:\\slides\\oplæg.pdf', bytes: pdf });
    expect(up).toMatchObject({ ok: true, material: { fileName: 'oplæg.pdf', contentType: 'application/pdf', size: pdf.length } });
    expect(await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'virus.pdf', bytes: Buffer.from('<html><script>') })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'page.html', bytes: Buffer.from('<html>') })).toEqual({ ok: false, reason: 'wrong_type' });
    expect(await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'big.pdf', bytes: Buffer.concat([pdf, Buffer.alloc(MATERIAL_MAX_BYTES)]) })).toEqual({ ok: false, reason: 'too_large' });
    expect(await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'tom.pdf', bytes: Buffer.alloc(0) })).toEqual({ ok: false, reason: 'empty' });
    const pptx = await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'Oplæg.PPTX', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) });
    expect(pptx).toMatchObject({ ok: true, material: { contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' } });
    expect(await uploadMaterial(database.db, w.board, event.id, { fileName: 'a.pdf', bytes: pdf })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await getEvent(database.db, w.staffNorth, event.id)).toMatchObject({ ok: true, event: { materials: [{ fileName: 'oplæg.pdf' }, { fileName: 'Oplæg.PPTX' }] } });
  });

  it('shows material to participants only, or to everyone who sees the event when made public', async () => {
    const event = await publishedEvent(w);
    const up = await uploadMaterial(database.db, w.staffNorth, event.id, { fileName: 'slides.pdf', bytes: pdf });
    if (!up.ok) throw new Error();
    const [participant, outsider] = await Promise.all([member(w), member(w)]);
    await registerForEvent(database.db, participant.actor, event.id, registrationInput.parse({}), ctx);
    expect((await getMaterial(database.db, participant.actor, event.id, up.material.id))?.bytes.equals(pdf)).toBe(true);
    expect(await getMaterial(database.db, outsider.actor, event.id, up.material.id)).toBeNull();
    expect(await getMaterial(database.db, anonymous, event.id, up.material.id)).toBeNull();
    await updateEvent(database.db, w.staffNorth, event.id, { materialVisibility: 'public' }, ctx);
    expect(await getMaterial(database.db, outsider.actor, event.id, up.material.id)).toMatchObject({ contentType: 'application/pdf', public: false });
    // Public material of a members' event is still only for those who may see the event.
    expect(await getMaterial(database.db, anonymous, event.id, up.material.id)).toBeNull();
    expect(await deleteMaterial(database.db, w.staffNorth, event.id, up.material.id)).toEqual({ ok: true });
    expect(await getMaterial(database.db, participant.actor, event.id, up.material.id)).toBeNull();
  });
});

describe('the window defaults', () => {
  it('a registration may open now and close at the start', async () => {
    const ev = await publishedEvent(w, { registrationOpensAt: days(-1) });
    expect(ev.registrationClosesAt).toBeNull();
    const m = await member(w);
    expect(await registerForEvent(database.db, m.actor, ev.id, registrationInput.parse({}), ctx)).toMatchObject({ ok: true });
  });
});
