import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';
import { anonymous } from '../../platform/actor.js';
import { findEvent, getEvent, listEvents, registerForEvent, eventFilter, registrationInput } from '../events/index.js';
import { ctx, inHours, mailsTo, meetingWorld, requestInput, type MeetingWorld } from './meetings.fixture.js';
import { meetingFilter, meetingRequestInput, scheduleInput } from './schema.js';
import { requestWorkplaceMeeting, followMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';
import { cancelMeeting, declineMeeting, reportMeeting, takeMeeting } from './workflow.js';
import { getMeeting, listMeetingRequests } from './queries.js';
import { meetingStats } from './stats.js';
import { assignedMeetingsIcs, createAssignedMeetingsFeed, myAssignedMeetings } from './assigned.js';
import { createTopic, deleteTopic, listTopics, offeredTopics, updateTopic } from './topics.js';

let database: Database;
let w: MeetingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await meetingWorld(database);
});
afterAll(async () => database?.close());


async function request(overrides: Record<string, unknown> = {}, actor = w.stewardA.actor) {
  const result = await requestWorkplaceMeeting(database.db, actor, requestInput(w, overrides), ctx);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

const schedule = (id: string, fields: Record<string, unknown> = {}, actor = w.staffNorth) =>
  scheduleMeeting(
    database.db,
    actor,
    id,
    scheduleInput.parse({ startsAt: inHours(24 * 20), endsAt: inHours(24 * 20 + 2), politicianId: w.politician.personId, consultantId: w.consultant.personId, ...fields }),
    ctx,
  );

describe('requesting a workplace meeting', () => {
  it('records the request, mails the contact person a receipt with a follow-status link that works', async () => {
    const result = await request();
    expect(result.meeting.status).toBe('new');
    const mails = await mailsTo(database, 'kontakt@laerkereden.example');
    const receipt = mails.at(-1)!;
    expect(receipt.subject).toBe('Vi har modtaget jeres ønske om et fyraftensmøde');
    expect(receipt.text).toContain('Bofællesskabet Lærkereden');
    expect(receipt.text).toContain(`http://forening.test/workplace-meetings/follow/${result.followToken}`);
    const followed = await followMeeting(database.db, result.followToken);
    expect(followed).toMatchObject({ id: result.meeting.id, status: 'new', workplaceName: 'Bofællesskabet Lærkereden', topics: ['Arbejdsmiljø'] });
    expect(await followMeeting(database.db, 'x'.repeat(43))).toBeNull();
    // Only the token's hash is stored.
    const stored = await database.executeSql(`select follow_token_hash from workplace_meetings where id = $1`, [result.meeting.id]);
    expect(JSON.stringify(stored.rows)).not.toContain(result.followToken);
  });

  it('takes a request for a new workplace from the public (no person) in the chosen unit', async () => {
    const result = await request({ workplaceId: null, newWorkplaceName: 'Nyt Botilbud', newWorkplaceAddress: 'Havevej 9, 9000 Aalborg', unitId: w.org.north, topicIds: [], freeTopic: 'Vold og trusler' }, anonymous);
    const found = await getMeeting(database.db, w.staffNorth, result.meeting.id);
    expect(found.ok && found.meeting).toMatchObject({ workplaceId: null, workplaceName: 'Nyt Botilbud', newWorkplaceAddress: 'Havevej 9, 9000 Aalborg', requesterPersonId: null, freeTopic: 'Vold og trusler', unitId: w.org.north });
  });

  it('refuses bad input by field and writes nothing', async () => {
    const before = ((await database.executeSql(`select count(*)::int as n from workplace_meetings`)).rows[0] as { n: number }).n;
    const mailsBefore = ((await database.executeSql(`select count(*)::int as n from mail_outbox`)).rows[0] as { n: number }).n;
    const schemaPaths = (body: Record<string, unknown>) => {
      const parsed = meetingRequestInput.safeParse({ ...requestBodyFor(), ...body });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    };
    expect(schemaPaths({ topicIds: [], freeTopic: '' })).toContain('topicIds:workplace_meeting.topic_required');
    expect(schemaPaths({ workplaceId: null })).toContain('newWorkplaceName:workplace_meeting.workplace_required');
    expect(schemaPaths({ workplaceId: null, newWorkplaceName: 'Ny' })).toEqual(expect.arrayContaining([expect.stringMatching(/^newWorkplaceAddress:/), expect.stringMatching(/^unitId:/)]));
    expect(schemaPaths({ proposedTimes: [] })[0]).toMatch(/^proposedTimes:/);
    expect(schemaPaths({ proposedTimes: [{ startsAt: inHours(5), endsAt: inHours(4) }] })).toContain('proposedTimes.0.endsAt:workplace_meeting.end_before_start');

    expect(await requestWorkplaceMeeting(database.db, w.stewardA.actor, requestInput(w, { proposedTimes: [{ startsAt: inHours(48), endsAt: inHours(50) }, { startsAt: inHours(-2), endsAt: inHours(-1) }] }), ctx)).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'proposedTimes.1.startsAt', code: 'workplace_meeting.in_past' }],
    });
    expect(await requestWorkplaceMeeting(database.db, anonymous, requestInput(w, { workplaceId: '00000000-0000-4000-8000-000000000000' }), ctx)).toMatchObject({
      errors: [{ path: 'workplaceId', code: 'workplace_meeting.workplace_not_found' }],
    });
    // A topic of another district's catalogue is not offered to this workplace.
    expect(await requestWorkplaceMeeting(database.db, anonymous, requestInput(w, { topicIds: [w.topics.southOnly] }), ctx)).toMatchObject({
      errors: [{ path: 'topicIds', code: 'workplace_meeting.topic_not_found' }],
    });
    expect(((await database.executeSql(`select count(*)::int as n from workplace_meetings`)).rows[0] as { n: number }).n).toBe(before);
    expect(((await database.executeSql(`select count(*)::int as n from mail_outbox`)).rows[0] as { n: number }).n).toBe(mailsBefore);
  });
});

function requestBodyFor() {
  return {
    workplaceId: w.wpA.id,
    contactName: 'K',
    contactEmail: 'k@example.org',
    proposedTimes: [{ startsAt: inHours(48), endsAt: inHours(50) }],
    topicIds: [w.topics.pay],
  };
}

describe('the office queue', () => {
  it('scopes the list: staff and board of the unit, admins, a steward their workplace only, staff of another unit nothing', async () => {
    const onA = await request();
    const onB = await request({ workplaceId: w.wpB.id, contactEmail: 'b@example.org' }, w.staffNorth);
    const onC = await request({ workplaceId: w.wpC.id, topicIds: [w.topics.southOnly], contactEmail: 'c@example.org' }, anonymous);
    const ids = async (actor: typeof w.admin, filter: Record<string, string> = {}) => (await listMeetingRequests(database.db, actor, meetingFilter.parse(filter))).items.map((m) => m.id);
    expect(await ids(w.staffNorth)).toEqual(expect.arrayContaining([onA.meeting.id, onB.meeting.id]));
    expect(await ids(w.staffNorth)).not.toContain(onC.meeting.id);
    expect(await ids(w.boardNorth)).toEqual(expect.arrayContaining([onA.meeting.id, onB.meeting.id]));
    expect(await ids(w.admin)).toEqual(expect.arrayContaining([onA.meeting.id, onB.meeting.id, onC.meeting.id]));
    const steward = await ids(w.stewardA.actor);
    expect(steward).toContain(onA.meeting.id);
    expect(steward).not.toContain(onB.meeting.id);
    expect(steward).not.toContain(onC.meeting.id);
    expect(await ids(w.staffSouth)).toEqual(expect.arrayContaining([onC.meeting.id]));
    expect(await ids(w.staffSouth)).not.toContain(onA.meeting.id);
    expect(await ids(w.outsider.actor)).toEqual([]);
    expect(await getMeeting(database.db, w.staffSouth, onA.meeting.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await getMeeting(database.db, w.stewardA.actor, onB.meeting.id)).toEqual({ ok: false, reason: 'not_found' });
    // Filters: status, unit (with sub-units), month of the first proposed date.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).format(new Date(inHours(24 * 14))).slice(0, 7);
    expect(await ids(w.admin, { unit: w.org.south })).toEqual([onC.meeting.id]);
    expect(await ids(w.admin, { month })).toEqual(expect.arrayContaining([onA.meeting.id, onC.meeting.id]));
    expect(await ids(w.admin, { month: '2001-01' })).toEqual([]);
    expect(await ids(w.admin, { status: 'held' })).not.toContain(onA.meeting.id);
    // Reading one is audited as a view, with no values.
    expect((await getMeeting(database.db, w.stewardA.actor, onA.meeting.id)).ok).toBe(true);
    const audited = await database.executeSql(`select action, fields from audit_events where entity_type = 'workplace_meeting' and entity_id = $1 and action = 'view'`, [onA.meeting.id]);
    expect(audited.rows.length).toBeGreaterThan(0);
  });

  it('takes, declines with a reason the requester sees, and refuses to schedule a declined request', async () => {
    const r = await request({ contactEmail: 'afvist@example.org' });
    expect(await takeMeeting(database.db, w.stewardA.actor, r.meeting.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await takeMeeting(database.db, w.boardNorth, r.meeting.id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await takeMeeting(database.db, w.staffSouth, r.meeting.id)).toEqual({ ok: false, reason: 'not_found' });
    const taken = await takeMeeting(database.db, w.staffNorth, r.meeting.id);
    expect(taken.ok && taken.meeting.status).toBe('in_progress');
    const declined = await declineMeeting(database.db, w.staffNorth, r.meeting.id, { reason: 'Vi har ikke kapacitet i december' }, ctx);
    expect(declined.ok && declined.meeting).toMatchObject({ status: 'declined', declineReason: 'Vi har ikke kapacitet i december' });
    const mail = (await mailsTo(database, 'afvist@example.org')).at(-1)!;
    expect(mail.text).toContain('Vi har ikke kapacitet i december');
    expect((await followMeeting(database.db, r.followToken))!.declineReason).toBe('Vi har ikke kapacitet i december');
    const events = ((await database.executeSql(`select count(*)::int as n from events`)).rows[0] as { n: number }).n;
    expect(await schedule(r.meeting.id)).toEqual({ ok: false, reason: 'not_schedulable', status: 'declined' });
    expect(((await database.executeSql(`select count(*)::int as n from events`)).rows[0] as { n: number }).n).toBe(events);
  });
});

describe('scheduling', () => {
  it('creates and publishes the event at the workplace, mails requester and both staff an .ics, and lets employees in', async () => {
    const r = await request({ contactEmail: 'planlagt@example.org' });
    const result = await schedule(r.meeting.id);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.meeting).toMatchObject({ status: 'scheduled', politician: { id: w.politician.personId }, consultant: { id: w.consultant.personId } });
    const event = (await findEvent(database.db, result.meeting.eventId!))!;
    expect(event).toMatchObject({ status: 'published', audience: 'workplace', audienceWorkplaceId: w.wpA.id, openToNonMembers: true, placeName: 'Bofællesskabet Lærkereden', addressLine: 'Skovvej 4', city: 'Aalborg' });
    expect(event.title).toBe('Fyraftensmøde på Bofællesskabet Lærkereden: Arbejdsmiljø');

    const rows = (await database.executeSql(`select to_address, attachments from mail_outbox where attachments is not null order by created_at`)).rows as { to_address: string; attachments: unknown }[];
    const staffEmails = (await database.executeSql(`select email from persons where id in ($1, $2)`, [w.politician.personId, w.consultant.personId])).rows.map((x) => (x as { email: string }).email);
    const recipients = rows.map((x) => x.to_address);
    expect(recipients).toEqual(expect.arrayContaining(['planlagt@example.org', ...staffEmails]));
    const att = (typeof rows[0].attachments === 'string' ? JSON.parse(rows[0].attachments) : rows[0].attachments) as { filename: string; content: string }[];
    expect(att[0].filename).toBe(`${event.slug}.ics`);
    expect(att[0].content).toContain('BEGIN:VEVENT');
    expect(att[0].content).toContain(`UID:${event.id}@forening`);

    // The workplace's employee sees it listed; a member employed elsewhere does not, but reaches it by its link
    // because non-members are welcome; an anonymous visitor never sees it listed yet may register by name and e-mail.
    const listed = async (actor: typeof w.admin) => (await listEvents(database.db, actor, eventFilter.parse({}))).items.map((e) => e.id);
    expect(await listed(w.employeeA.actor)).toContain(event.id);
    expect(await listed(w.outsider.actor)).not.toContain(event.id);
    expect(await listed(anonymous)).not.toContain(event.id);
    expect((await getEvent(database.db, anonymous, event.id)).ok).toBe(true);
    const own = await registerForEvent(database.db, w.employeeA.actor, event.id, registrationInput.parse({}), ctx);
    expect(own.ok && own.registration.status).toBe('confirmed');
    const pub = await registerForEvent(database.db, anonymous, event.id, registrationInput.parse({ name: 'Kollega Uden', email: 'kollega@example.org' }), ctx);
    expect(pub.ok && pub.registration.status).toBe('pending');
  });

  it('keeps a workplace event closed to others when non-members are not welcome', async () => {
    const r = await request({ nonMembersWelcome: false, contactEmail: 'lukket@example.org' });
    const result = await schedule(r.meeting.id, { startsAt: inHours(24 * 40), endsAt: inHours(24 * 40 + 2), consultantId: w.consultant2.personId });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const id = result.meeting.eventId!;
    expect(await getEvent(database.db, anonymous, id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await getEvent(database.db, w.outsider.actor, id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await getEvent(database.db, w.employeeA.actor, id)).ok).toBe(true);
    expect(await registerForEvent(database.db, anonymous, id, registrationInput.parse({ name: 'X', email: 'x@example.org' }), ctx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await registerForEvent(database.db, w.outsider.actor, id, registrationInput.parse({}), ctx)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('refuses a double booking naming the clash, other bad assignments and past dates, and writes nothing', async () => {
    const first = await request({ contactEmail: 'first@example.org' });
    const ok = await schedule(first.meeting.id, { startsAt: inHours(24 * 60), endsAt: inHours(24 * 60 + 2) });
    expect(ok.ok).toBe(true);
    const second = await request({ workplaceId: w.wpB.id, contactEmail: 'second@example.org' });
    const events = ((await database.executeSql(`select count(*)::int as n from events`)).rows[0] as { n: number }).n;
    const mails = ((await database.executeSql(`select count(*)::int as n from mail_outbox`)).rows[0] as { n: number }).n;
    const clash = await schedule(second.meeting.id, { startsAt: inHours(24 * 60 + 1), endsAt: inHours(24 * 60 + 3), politicianId: w.boardNorth.personId });
    expect(clash).toMatchObject({ ok: false, reason: 'double_booked', field: 'consultantId', clash: { meetingId: first.meeting.id, workplaceName: 'Bofællesskabet Lærkereden' } });
    expect(await schedule(second.meeting.id, { startsAt: inHours(24 * 60 + 1), endsAt: inHours(24 * 60 + 3), consultantId: w.consultant2.personId })).toMatchObject({
      reason: 'double_booked',
      field: 'politicianId',
    });
    // Not staff: a member as consultant; a member as politician; the same person twice; in the past.
    expect(await schedule(second.meeting.id, { consultantId: w.employeeA.id })).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'consultantId', code: 'workplace_meeting.not_staff' }] });
    expect(await schedule(second.meeting.id, { consultantId: w.consultant2.personId, politicianId: w.employeeA.id })).toMatchObject({ errors: [{ path: 'politicianId', code: 'workplace_meeting.not_staff_or_board' }] });
    // Board is no consultant; staff of another district is not this district's.
    expect(await schedule(second.meeting.id, { consultantId: w.boardNorth.personId, politicianId: w.consultant2.personId })).toMatchObject({ errors: [{ path: 'consultantId' }] });
    const southStaff = (w.staffSouth as { personId: string }).personId;
    expect(await schedule(second.meeting.id, { consultantId: southStaff })).toMatchObject({ errors: [{ path: 'consultantId', code: 'workplace_meeting.not_staff' }] });
    expect(scheduleInput.safeParse({ startsAt: inHours(5), endsAt: inHours(6), politicianId: w.consultant.personId, consultantId: w.consultant.personId }).success).toBe(false);
    expect(await schedule(second.meeting.id, { startsAt: inHours(-3), endsAt: inHours(-1) })).toMatchObject({ errors: [{ path: 'startsAt', code: 'workplace_meeting.in_past' }] });
    expect(await schedule(second.meeting.id, {}, w.staffSouth)).toEqual({ ok: false, reason: 'not_found' });
    expect(await schedule(second.meeting.id, {}, w.boardNorth)).toEqual({ ok: false, reason: 'forbidden' });
    expect(((await database.executeSql(`select count(*)::int as n from events`)).rows[0] as { n: number }).n).toBe(events);
    expect(((await database.executeSql(`select count(*)::int as n from mail_outbox`)).rows[0] as { n: number }).n).toBe(mails);
    expect((await getMeeting(database.db, w.admin, second.meeting.id)).ok && ((await getMeeting(database.db, w.admin, second.meeting.id)) as { meeting: { status: string } }).meeting.status).toBe('new');
    // Right after the first one ends is no clash; other staff at the same time is none either.
    expect((await schedule(second.meeting.id, { startsAt: inHours(24 * 60 + 2), endsAt: inHours(24 * 60 + 4) })).ok).toBe(true);
  });

  it('asks for the registered workplace before scheduling a request that described a new one', async () => {
    const r = await request({ workplaceId: null, newWorkplaceName: 'Helt Nyt Sted', newWorkplaceAddress: 'Vej 1', unitId: w.org.north, contactEmail: 'ny@example.org' }, anonymous);
    expect(await schedule(r.meeting.id, { startsAt: inHours(24 * 90), endsAt: inHours(24 * 90 + 2) })).toMatchObject({ errors: [{ path: 'workplaceId', code: 'workplace_meeting.workplace_unregistered' }] });
    const linked = await schedule(r.meeting.id, { startsAt: inHours(24 * 90), endsAt: inHours(24 * 90 + 2), workplaceId: w.wpB.id });
    expect(linked.ok && linked.meeting).toMatchObject({ workplaceId: w.wpB.id, workplaceName: 'Dagtilbuddet Solsikken', status: 'scheduled' });
  });
});

describe('after scheduling', () => {
  it('reports a meeting only once it has started, then it is held and counted', async () => {
    const r = await request({ contactEmail: 'rapport@example.org' });
    const s = await schedule(r.meeting.id, { startsAt: inHours(24 * 100), endsAt: inHours(24 * 100 + 2) });
    expect(s.ok).toBe(true);
    const report = { note: 'Godt møde om alenearbejde', participants: 14, membersRecruited: 3 };
    expect(await reportMeeting(database.db, w.consultant, r.meeting.id, report)).toEqual({ ok: false, reason: 'invalid', errors: [{ path: 'note', code: 'workplace_meeting.not_started' }] });
    // Time passes: the meeting has begun.
    await database.db.execute(sql`update workplace_meetings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ${r.meeting.id}`);
    expect(await reportMeeting(database.db, w.stewardA.actor, r.meeting.id, report)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await reportMeeting(database.db, w.consultant, r.meeting.id, { ...report, membersRecruited: 20 })).toMatchObject({ errors: [{ path: 'membersRecruited' }] });
    const held = await reportMeeting(database.db, w.consultant, r.meeting.id, report);
    expect(held.ok && held.meeting).toMatchObject({ status: 'held', participants: 14, membersRecruited: 3, reportNote: 'Godt møde om alenearbejde' });
    expect(await cancelMeeting(database.db, w.staffNorth, r.meeting.id, { reason: null }, ctx)).toEqual({ ok: false, reason: 'wrong_status', status: 'held' });

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).format(new Date(Date.now() - 3 * 3600_000)).slice(0, 7);
    const stats = await meetingStats(database.db, w.boardNorth, { unit: w.org.north, month });
    expect(stats.ok).toBe(true);
    if (!stats.ok) return;
    expect(stats.stats.held).toBe(1);
    expect(stats.stats.heldPerMonth).toHaveLength(12);
    expect(stats.stats.heldPerMonth.at(-1)).toEqual({ month, held: 1 });
    expect(stats.stats.requests).toBeGreaterThanOrEqual(5);
    expect(stats.stats.declined).toBeGreaterThanOrEqual(1);
    expect(await meetingStats(database.db, w.staffSouth, { unit: w.org.north })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await meetingStats(database.db, w.stewardA.actor, { unit: w.org.north })).toEqual({ ok: false, reason: 'forbidden' });
    // The south has held none.
    const south = await meetingStats(database.db, w.staffSouth, { unit: w.org.south, month });
    expect(south.ok && south.stats.held).toBe(0);
  });

  it('cancels a scheduled meeting with its event, telling requester and staff; a requester withdraws only before scheduling', async () => {
    const r = await request({ contactEmail: 'aflyst@example.org' });
    const s = await schedule(r.meeting.id, { startsAt: inHours(24 * 120), endsAt: inHours(24 * 120 + 2) });
    if (!s.ok) throw new Error('not scheduled');
    expect(await cancelMeeting(database.db, w.stewardA.actor, r.meeting.id, { reason: null }, ctx)).toEqual({ ok: false, reason: 'forbidden' });
    const cancelled = await cancelMeeting(database.db, w.staffNorth, r.meeting.id, { reason: 'Sygdom' }, ctx);
    expect(cancelled.ok && cancelled.meeting.status).toBe('cancelled');
    expect((await findEvent(database.db, s.meeting.eventId!))!.status).toBe('cancelled');
    expect((await mailsTo(database, 'aflyst@example.org')).at(-1)!.text).toContain('Sygdom');
    const mine = await request({ contactEmail: 'egen@example.org' });
    const withdrawn = await cancelMeeting(database.db, w.stewardA.actor, mine.meeting.id, { reason: null }, ctx);
    expect(withdrawn.ok && withdrawn.meeting.status).toBe('cancelled');
  });

  it('lists a staff member’s assigned meetings and serves them as a calendar feed by a secret token', async () => {
    const mine = await myAssignedMeetings(database.db, w.consultant2);
    expect(mine.ok).toBe(true);
    if (!mine.ok) return;
    expect(mine.meetings.length).toBeGreaterThan(0);
    expect(mine.meetings.every((m) => m.as === 'consultant')).toBe(true);
    expect(await myAssignedMeetings(database.db, w.employeeA.actor)).toEqual({ ok: false, reason: 'forbidden' });
    const feed = await createAssignedMeetingsFeed(database.db, w.consultant2);
    if (!feed.ok) throw new Error('no feed');
    const ics = await assignedMeetingsIcs(database.db, feed.token, { baseUrl: 'http://forening.test', name: 'Mine fyraftensmøder' });
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics?.match(/BEGIN:VEVENT/g)?.length).toBe(mine.meetings.length);
    expect(ics).toContain(`UID:workplace-meeting-${mine.meetings[0].id}@forening`);
    const again = await createAssignedMeetingsFeed(database.db, w.consultant2);
    expect(again.ok).toBe(true);
    expect(await assignedMeetingsIcs(database.db, feed.token, { baseUrl: 'http://forening.test', name: 'x' })).toBeNull();
  });
});

describe('the topic catalogue', () => {
  it('is kept by staff of the unit; a topic in use can only be made inactive; sections see the units above', async () => {
    expect(await createTopic(database.db, w.staffSouth, { unitId: w.org.north, name: 'X', active: true, position: 0 })).toEqual({ ok: false, reason: 'forbidden' });
    const made = await createTopic(database.db, w.staffNorth, { unitId: w.org.north, name: 'Seniorliv', active: true, position: 5 });
    if (!made.ok) throw new Error('not made');
    expect(await createTopic(database.db, w.staffNorth, { unitId: w.org.north, name: 'seniorliv', active: true, position: 6 })).toMatchObject({ errors: [{ path: 'name', code: 'workplace_meeting.topic_taken' }] });
    const renamed = await updateTopic(database.db, w.staffNorth, made.topic.id, { name: 'Seniorliv og pension' });
    expect(renamed.ok && renamed.topic.name).toBe('Seniorliv og pension');
    expect(await deleteTopic(database.db, w.staffNorth, made.topic.id)).toEqual({ ok: true });
    expect(await deleteTopic(database.db, w.staffNorth, w.topics.workEnvironment)).toMatchObject({ errors: [{ path: 'id', code: 'workplace_meeting.topic_in_use' }] });
    expect(await updateTopic(database.db, w.staffSouth, w.topics.pay, { active: false })).toEqual({ ok: false, reason: 'not_found' });
    const off = await updateTopic(database.db, w.staffNorth, w.topics.pay, { active: false });
    expect(off.ok && off.topic.active).toBe(false);
    expect((await offeredTopics(database.db, w.org.north)).map((t) => t.name)).toEqual(['Arbejdsmiljø']);
    const list = await listTopics(database.db, w.staffNorth, w.org.north);
    expect(list.ok && list.topics.map((t) => t.name)).toEqual(['Arbejdsmiljø', 'Løn og pension']);
    await updateTopic(database.db, w.staffNorth, w.topics.pay, { active: true });
  });
});
