import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { bearer, formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { ctx, inHours, meetingWorld, requestBody, requestInput, type MeetingWorld } from './meetings.fixture.js';
import { requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';
import { declineMeeting } from './workflow.js';
import { scheduleInput } from './schema.js';
import { localParts, zonedInstant } from '../../platform/i18n/zoned-time.js';

/**
 * The list of bad input, each case on the page and through the API side by side: proposed or
 * scheduled times in the past, no topic, an unknown workplace or none described, assigning someone who
 * is not staff, a double booking, scheduling a declined request. Every refusal names its field (or, for
 * a status that forbids the action, says so above the page without a link to a field that is not
 * there), and afterwards nothing is written: no meeting, status, topic choice, event, mail or audit row.
 */

let t: TestApp;
let w: MeetingWorld;
let staffCookie: string;
let api: { member: Record<string, string>; staff: Record<string, string> };
let n = 0;
const DAY = 86_400_000;
const TZ = 'Europe/Copenhagen';
const dateIn = (days: number) => localParts(new Date(Date.now() + days * DAY), TZ).date;

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from workplace_meetings)::int as meetings,
       (select string_agg(id::text || status || coalesce(consultant_id::text, ''), ',' order by id) from workplace_meetings) as states,
       (select count(*) from workplace_meeting_topic_choices)::int as choices,
       (select count(*) from events)::int as events,
       (select count(*) from mail_outbox)::int as mails,
       (select count(*) from audit_events where action <> 'view')::int as audits`,
  );
  return JSON.stringify(r.rows[0]);
}

/** A fresh request for workplace A (through the use case), its times two months ahead at 15.30–17.00. */
async function freshRequest(): Promise<string> {
  const r = await requestWorkplaceMeeting(t.database.db, system, requestInput(w, { contactEmail: `bad${++n}@laerkereden.example` }), ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.meeting.id;
}

const requestFields = (extra: Record<string, string> = {}): Record<string, string> => ({
  unitId: w.org.north,
  workplaceId: w.wpA.id,
  contactName: 'Kirsten Kontakt',
  contactEmail: `form${++n}@laerkereden.example`,
  'proposed.0.date': dateIn(30),
  'proposed.0.start': '15:30',
  'proposed.0.end': '17:00',
  [`topic.${w.topics.workEnvironment}`]: 'on',
  ...extra,
});

async function postRequestForm(fields: Record<string, string>) {
  const session = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
  return postForm(t.app, '/workplace-meetings/request', session, fields);
}

async function postApi(url: string, body: unknown, who: 'member' | 'staff' = 'member') {
  return t.app.inject({ method: 'POST', url, headers: { ...api[who], 'content-type': 'application/json', 'accept-language': 'da' }, payload: JSON.stringify(body) });
}

async function postScheduleForm(id: string, fields: Record<string, string>) {
  return postForm(t.app, `/workplace-meetings/${id}/schedule`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), fields);
}

/** A schedule form for day `days` ahead, 15.30–17.00, with the north's politician and consultant. */
const scheduleFields = (days: number, extra: Record<string, string> = {}) => ({
  date: dateIn(days),
  startTime: '15:30',
  endTime: '17:00',
  politicianId: w.politician.personId,
  consultantId: w.consultant.personId,
  ...extra,
});

/** The same meeting through the API: day `days` ahead, 15.30–17.00 Copenhagen time (as an instant). */
const scheduleBody = (days: number, extra: Record<string, unknown> = {}) => ({
  startsAt: zonedInstant(dateIn(days), '15:30', TZ)!.toISOString(),
  endsAt: zonedInstant(dateIn(days), '17:00', TZ)!.toISOString(),
  politicianId: w.politician.personId,
  consultantId: w.consultant.personId,
  ...extra,
});

beforeAll(async () => {
  t = await testApp();
  w = await meetingWorld(t.database);
  staffCookie = (await loginAs(t.database, w.consultant.personId)).cookie;
  api = { member: await bearer(t.database, 'member', w.org.north), staff: await bearer(t.database, 'staff', w.org.north) };
});
afterAll(() => t?.close());

describe('a request with bad input, on the page and through the API', () => {
  it('refuses a proposed time in the past', async () => {
    const before = await fingerprint();
    const page = await postRequestForm(requestFields({ 'proposed.0.date': dateIn(-2) }));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#field-proposed.0.start"');
    expect(page.body).toContain('Forslag 1: Start skal ligge ude i fremtiden.');
    const res = await postApi('/api/v1/workplace-meetings', requestBody(w, { proposedTimes: [{ startsAt: inHours(-48), endsAt: inHours(-46) }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'proposedTimes.0.startsAt', code: 'workplace_meeting.in_past', message: 'Starter skal ligge ude i fremtiden.' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a request without a topic', async () => {
    const before = await fingerprint();
    const page = await postRequestForm(requestFields({ [`topic.${w.topics.workEnvironment}`]: '', freeTopic: '  ' }));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#field-topicIds"');
    expect(page.body).toContain('Vælg mindst ét emne, eller skriv et selv.');
    const res = await postApi('/api/v1/workplace-meetings', requestBody(w, { topicIds: [], freeTopic: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([{ path: 'topicIds', code: 'workplace_meeting.topic_required' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a workplace that is neither chosen nor described, a described one without its address, and an unknown one', async () => {
    const before = await fingerprint();
    const none = await postRequestForm(requestFields({ workplaceId: '' }));
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('href="#field-newWorkplaceName"');
    expect(none.body).toContain('Vælg arbejdspladsen, eller beskriv den, hvis den ikke er på listen.');
    const noAddress = await postRequestForm(requestFields({ workplaceId: '', newWorkplaceName: 'Bostedet Ny Vej' }));
    expect(noAddress.statusCode).toBe(422);
    expect(noAddress.body).toContain('href="#field-newWorkplaceAddress"');
    const unknownId = '00000000-0000-4000-8000-000000000001';
    const unknown = await postRequestForm(requestFields({ workplaceId: unknownId }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('href="#field-workplaceId"');
    expect(unknown.body).toContain('Arbejdspladsen findes ikke.');

    const apiNone = await postApi('/api/v1/workplace-meetings', requestBody(w, { workplaceId: undefined }));
    expect(apiNone.statusCode).toBe(422);
    expect(apiNone.json().errors).toMatchObject([{ path: 'newWorkplaceName', code: 'workplace_meeting.workplace_required' }]);
    const apiNoAddress = await postApi('/api/v1/workplace-meetings', requestBody(w, { workplaceId: undefined, newWorkplaceName: 'Bostedet Ny Vej', unitId: w.org.north }));
    expect(apiNoAddress.statusCode).toBe(422);
    expect(apiNoAddress.json().errors).toMatchObject([{ path: 'newWorkplaceAddress', code: 'validation.required' }]);
    const apiUnknown = await postApi('/api/v1/workplace-meetings', requestBody(w, { workplaceId: unknownId }));
    expect(apiUnknown.statusCode).toBe(422);
    expect(apiUnknown.json().errors).toMatchObject([{ path: 'workplaceId', code: 'workplace_meeting.workplace_not_found' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('lists the errors in the order of the form, an empty e-mail as missing', async () => {
    const before = await fingerprint();
    const page = await postRequestForm(requestFields({ contactName: '', contactEmail: '', workplaceId: '', 'proposed.0.date': '', 'proposed.0.start': '', 'proposed.0.end': '', [`topic.${w.topics.workEnvironment}`]: '' }));
    expect(page.statusCode).toBe(422);
    const links = [...page.body.matchAll(/<li><a href="#field-([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['newWorkplaceName', 'contactName', 'contactEmail', 'proposed.0.date', 'topicIds']);
    expect(page.body).toContain('Kontaktpersonens e-mail skal udfyldes.');
    expect(await fingerprint()).toBe(before);
  });
});

describe('scheduling with bad input, on the page and through the API', () => {
  it('refuses a time in the past', async () => {
    const id = await freshRequest();
    const before = await fingerprint();
    const page = await postScheduleForm(id, scheduleFields(-3));
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('href="#schedule-startTime"');
    const res = await postApi(`/api/v1/workplace-meetings/${id}/schedule`, scheduleBody(-3), 'staff');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([{ path: 'startsAt', code: 'workplace_meeting.in_past' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses assigning someone who is not staff (consultant) or neither staff nor board (politician)', async () => {
    const id = await freshRequest();
    const before = await fingerprint();
    const consultant = await postScheduleForm(id, scheduleFields(50, { consultantId: w.employeeA.id }));
    expect(consultant.statusCode).toBe(422);
    expect(consultant.body).toContain('href="#schedule-consultantId"');
    expect(consultant.body).toContain('Konsulenten skal være ansat i sekretariatet.');
    const politician = await postScheduleForm(id, scheduleFields(50, { politicianId: w.employeeA.id }));
    expect(politician.statusCode).toBe(422);
    expect(politician.body).toContain('href="#schedule-politicianId"');
    const res = await postApi(`/api/v1/workplace-meetings/${id}/schedule`, scheduleBody(50, { politicianId: w.employeeA.id }), 'staff');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toMatchObject([{ path: 'politicianId', code: 'workplace_meeting.not_staff_or_board' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a double booking, naming the clashing meeting on the field of the person', async () => {
    const first = await freshRequest();
    const booked = await scheduleMeeting(t.database.db, system, first, scheduleInput.parse(scheduleBody(60)), ctx);
    expect(booked.ok).toBe(true);
    const second = await freshRequest();
    const before = await fingerprint();
    // Another politician, the same consultant at the same time.
    const page = await postScheduleForm(second, scheduleFields(60, { politicianId: w.boardNorth.personId }));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('href="#schedule-consultantId"');
    expect(page.body).toContain(`Personen skal allerede til et møde på ${w.wpA.name}`);
    const res = await postApi(`/api/v1/workplace-meetings/${second}/schedule`, scheduleBody(60, { politicianId: w.boardNorth.personId }), 'staff');
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toMatchObject([{ path: 'consultantId', code: 'workplace_meeting.double_booked' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses to schedule a declined request: a general error on the page (no link to a field that is not there), path `status` in the API', async () => {
    const id = await freshRequest();
    expect((await declineMeeting(t.database.db, system, id, { reason: 'Ingen ledige i den uge' }, ctx)).ok).toBe(true);
    const session = await formSession(t.app, `/workplace-meetings/${id}`, staffCookie);
    const before = await fingerprint();
    const page = await postForm(t.app, `/workplace-meetings/${id}/schedule`, session, scheduleFields(70));
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Det kan ikke lade sig gøre, når mødet er afvist.');
    expect(page.body).not.toContain('href="#schedule-status"');
    expect(page.body).not.toMatch(/href="#[a-z]+-(status)?"/);
    // The summary stands above the page, not inside a schedule form a declined request no longer has.
    expect(page.body).toMatch(/<div class="error-summary"[^>]*aria-labelledby="general-error-summary"/);
    expect(page.body).not.toContain(`action="/workplace-meetings/${id}/schedule"`);
    const res = await postApi(`/api/v1/workplace-meetings/${id}/schedule`, scheduleBody(70), 'staff');
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toMatchObject([{ path: 'status', code: 'workplace_meeting.wrong_status' }]);
    expect(await fingerprint()).toBe(before);
  });

  it('refuses a malformed, a 100,000-character and a year-0 time with 422 naming the field, in the request and in scheduling', async () => {
    const id = await freshRequest();
    const before = await fingerprint();
    const good = scheduleBody(90);
    for (const bad of ['next tuesday', '2026-02-30T10:00:00Z', '2'.repeat(100_000), '0000-01-01T10:00:00Z', 12345]) {
      const schedule = await postApi(`/api/v1/workplace-meetings/${id}/schedule`, { ...good, startsAt: bad }, 'staff');
      expect(schedule.statusCode).toBe(422);
      expect(schedule.json().errors.map((e: { path: string }) => e.path)).toEqual(['startsAt']);
      const request = await postApi('/api/v1/workplace-meetings', requestBody(w, { proposedTimes: [{ startsAt: inHours(24 * 14), endsAt: bad }] }));
      expect(request.statusCode).toBe(422);
      expect(request.json().errors.map((e: { path: string }) => e.path)).toEqual(['proposedTimes.0.endsAt']);
    }
    expect(await fingerprint()).toBe(before);
  });

  it('tells a refused decline of a meeting already scheduled the same way', async () => {
    const id = await freshRequest();
    expect((await scheduleMeeting(t.database.db, system, id, scheduleInput.parse(scheduleBody(80)), ctx)).ok).toBe(true);
    const session = await formSession(t.app, `/workplace-meetings/${id}`, staffCookie);
    const before = await fingerprint();
    const page = await postForm(t.app, `/workplace-meetings/${id}/decline`, session, { reason: 'For sent' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Det kan ikke lade sig gøre, når mødet er planlagt.');
    expect(page.body).not.toContain('href="#decline-status"');
    expect(await fingerprint()).toBe(before);
  });
});
