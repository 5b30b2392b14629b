import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { mailsTo, meetingWorld, type MeetingWorld } from './meetings.fixture.js';

/**
 * The pages of workplace meetings through app.inject: the public request form (happy path, bad
 * input with nothing written, CSRF), the follow page, and the office taking and scheduling a
 * meeting that the requester then sees scheduled behind their link.
 */

let t: TestApp;
let w: MeetingWorld;
let staffCookie: string;
const DAY = 86_400_000;
const inDays = (d: number) => localParts(new Date(Date.now() + d * DAY), 'Europe/Copenhagen').date;

async function counts() {
  const r = await t.database.executeSql(
    `select (select count(*) from workplace_meetings)::int as m, (select count(*) from mail_outbox)::int as mail,
       (select count(*) from audit_events where action <> 'view' and entity_type = 'workplace_meeting')::int as a`,
  );
  return r.rows[0] as { m: number; mail: number; a: number };
}

const requestFields = (extra: Record<string, string> = {}) => ({
  unitId: w.org.north,
  workplaceId: w.wpA.id,
  contactName: 'Kirsten Kontakt',
  contactEmail: 'kirsten@laerkereden.example',
  contactPhone: '12345678',
  'proposed.0.date': inDays(20),
  'proposed.0.start': '16:00',
  'proposed.0.end': '17:30',
  [`topic.${w.topics.workEnvironment}`]: 'on',
  freeTopic: '',
  questions: 'Alenearbejde om aftenen',
  nonMembersWelcome: 'on',
  expectedParticipants: '12',
  ...extra,
});

const followLink = (text: string) => /\/workplace-meetings\/follow\/([A-Za-z0-9_-]{43})/.exec(text)?.[0];

beforeAll(async () => {
  t = await testApp();
  w = await meetingWorld(t.database);
  staffCookie = (await loginAs(t.database, w.consultant.personId)).cookie;
});
afterAll(() => t?.close());

describe('the public request form', () => {
  it('offers the district’s workplaces and topics and takes a request from anyone, with a receipt carrying the follow link', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/workplace-meetings/request?unit=${w.org.north}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(w.wpA.name);
    expect(page.body).toContain('Arbejdsmiljø');
    expect(page.body).not.toContain('Kun i Syd');
    const before = await counts();
    const session = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
    const res = await postForm(t.app, '/workplace-meetings/request', session, requestFields());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/workplace-meetings/requested');
    const after = await counts();
    expect(after.m).toBe(before.m + 1);
    const mails = await mailsTo(t.database, 'kirsten@laerkereden.example');
    expect(mails).toHaveLength(1);
    expect(followLink(mails[0].text)).toBeTruthy();
  });

  it('refuses bad input naming the fields and writes nothing', async () => {
    const before = await counts();
    const session = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
    const res = await postForm(t.app, '/workplace-meetings/request', session, {
      ...requestFields({ contactEmail: 'not-an-address', 'proposed.0.date': inDays(-3), [`topic.${w.topics.workEnvironment}`]: '' }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#field-contactEmail"');
    expect(res.body).toContain('href="#field-topicIds"');
    expect(res.body).toContain('value="Kirsten Kontakt"');
    expect(await counts()).toEqual(before);

    const past = await postForm(t.app, '/workplace-meetings/request', session, requestFields({ 'proposed.0.date': inDays(-3) }));
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('href="#field-proposed.0.start"');
    expect(await counts()).toEqual(before);
  });

  it('refuses a POST without the CSRF token', async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/workplace-meetings/request',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams(requestFields()).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('shows a bad follow link as 404 without leaking anything', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/workplace-meetings/follow/${'x'.repeat(43)}` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('from the request to a scheduled meeting in the requester’s view', () => {
  it('staff take and schedule; a clash is named on the field; the follow page then shows the time and people', async () => {
    const email = 'lone@laerkereden.example';
    const s1 = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
    expect((await postForm(t.app, '/workplace-meetings/request', s1, requestFields({ contactEmail: email }))).statusCode).toBe(303);
    const link = followLink((await mailsTo(t.database, email))[0].text)!;
    const id = String((await t.database.executeSql(`select id from workplace_meetings where contact_email = $1`, [email])).rows[0].id);

    const queue = await t.app.inject({ method: 'GET', url: `/workplace-meetings?unit=${w.org.north}`, headers: { cookie: staffCookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`/workplace-meetings/${id}`);
    expect(queue.body).toContain('<svg');

    const take = await postForm(t.app, `/workplace-meetings/${id}/take`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), {});
    expect(take.statusCode).toBe(303);
    const detail = await t.app.inject({ method: 'GET', url: `/workplace-meetings/${id}`, headers: { cookie: staffCookie } });
    expect(detail.body).toContain('Alenearbejde om aftenen');
    expect(detail.body).toContain('kirsten@laerkereden.example'.replace('kirsten', 'lone'));

    const schedule = { date: inDays(21), startTime: '16:00', endTime: '17:30', politicianId: w.politician.personId, consultantId: w.consultant.personId };
    const bad = await postForm(t.app, `/workplace-meetings/${id}/schedule`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), { ...schedule, endTime: '15:00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#schedule-endTime"');
    const ok = await postForm(t.app, `/workplace-meetings/${id}/schedule`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), schedule);
    expect(ok.statusCode).toBe(303);

    // A second request at the same time with the same consultant: the clash is named on the consultant field.
    const s2 = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
    await postForm(t.app, '/workplace-meetings/request', s2, requestFields({ contactEmail: 'other@b.example', workplaceId: w.wpB.id }));
    const id2 = String((await t.database.executeSql(`select id from workplace_meetings where contact_email = 'other@b.example'`)).rows[0].id);
    const clash = await postForm(t.app, `/workplace-meetings/${id2}/schedule`, await formSession(t.app, `/workplace-meetings/${id2}`, staffCookie), {
      ...schedule,
      politicianId: w.boardNorth.personId,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('href="#schedule-consultantId"');
    expect(clash.body).toContain(w.wpA.name);

    const follow = await t.app.inject({ method: 'GET', url: link });
    expect(follow.statusCode).toBe(200);
    expect(follow.body).toContain('planlagt');
    expect(follow.body).toContain('16.00');
  });

  it('hides a meeting from a member who may not see it, and the queue shows them nothing', async () => {
    const id = String((await t.database.executeSql(`select id from workplace_meetings limit 1`)).rows[0].id);
    const cookie = (await loginAs(t.database, w.outsider.id)).cookie;
    expect((await t.app.inject({ method: 'GET', url: `/workplace-meetings/${id}`, headers: { cookie } })).statusCode).toBe(404);
    const queue = await t.app.inject({ method: 'GET', url: '/workplace-meetings', headers: { cookie } });
    expect(queue.body).not.toContain(`/workplace-meetings/${id}`);
    const anonymous = await t.app.inject({ method: 'GET', url: `/workplace-meetings/${id}`, headers: { accept: 'text/html' } });
    expect(anonymous.statusCode).toBe(303);
    expect(String(anonymous.headers.location)).toMatch(/^\/login/);
  });

  it('shows the calendar feed URL once for staff', async () => {
    const res = await postForm(t.app, '/workplace-meetings/mine/feed', await formSession(t.app, '/workplace-meetings/mine', staffCookie), {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/\/workplace-meetings\/calendar\/[A-Za-z0-9_-]+\.ics/);
    const again = await t.app.inject({ method: 'GET', url: '/workplace-meetings/mine', headers: { cookie: staffCookie } });
    expect(again.body).not.toMatch(/\/workplace-meetings\/calendar\/[A-Za-z0-9_-]+\.ics/);
    expect(again.body).toContain(w.wpA.name);
  });
});

describe('the topic catalogue page', () => {
  it('staff add, rename and deactivate a topic; bad input writes nothing; another unit’s staff are refused the north’s list', async () => {
    const page = await t.app.inject({ method: 'GET', url: `/workplace-meetings/topics?unit=${w.org.north}`, headers: { cookie: staffCookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Løn og pension');
    const session = await formSession(t.app, '/workplace-meetings/topics', staffCookie);
    const before = await counts();
    const bad = await postForm(t.app, '/workplace-meetings/topics', session, { unitId: w.org.north, name: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-name"');
    const taken = await postForm(t.app, '/workplace-meetings/topics', session, { unitId: w.org.north, name: 'Arbejdsmiljø' });
    expect(taken.statusCode).toBe(422);
    expect((await t.database.executeSql(`select count(*)::int as n from workplace_meeting_topics`)).rows[0].n).toBe(3);
    expect((await counts()).a).toBe(before.a);

    expect((await postForm(t.app, '/workplace-meetings/topics', session, { unitId: w.org.north, name: 'Stress' })).statusCode).toBe(303);
    const renamed = await postForm(t.app, `/workplace-meetings/topics/${w.topics.pay}`, session, { name: 'Løn' });
    expect(renamed.statusCode).toBe(303);
    const row = (await t.database.executeSql(`select name, active from workplace_meeting_topics where id = $1`, [w.topics.pay])).rows[0];
    expect(row).toEqual({ name: 'Løn', active: false });
    const form = await t.app.inject({ method: 'GET', url: `/workplace-meetings/request?unit=${w.org.north}` });
    expect(form.body).toContain('Stress');
    expect(form.body).not.toContain('>Løn<');

    const south = (await loginAs(t.database, (w.staffSouth as { personId: string }).personId)).cookie;
    // Asking for a unit out of reach is a refusal, not their own catalogue passed off as the north's.
    const north = await t.app.inject({ method: 'GET', url: `/workplace-meetings/topics?unit=${w.org.north}`, headers: { cookie: south } });
    expect(north.statusCode).toBe(403);
    expect(north.body).not.toContain('Arbejdsmiljø');
    expect(north.body).not.toContain('Kun i Syd');
    const unknown = await t.app.inject({ method: 'GET', url: `/workplace-meetings/topics?unit=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`, headers: { cookie: south } });
    expect(unknown.statusCode).toBe(404);
    const garbage = await t.app.inject({ method: 'GET', url: '/workplace-meetings/topics?unit=nord', headers: { cookie: south } });
    expect(garbage.statusCode).toBe(404);
    const theirs = await t.app.inject({ method: 'GET', url: '/workplace-meetings/topics', headers: { cookie: south } });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('Kun i Syd');
    expect(theirs.body).not.toContain('Arbejdsmiljø');
    const own = await t.app.inject({ method: 'GET', url: `/workplace-meetings/topics?unit=${w.org.south}`, headers: { cookie: south } });
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('Kun i Syd');
  });
});

describe('the office’s other forms', () => {
  it('a steward finds their own workplace chosen on the request form', async () => {
    const cookie = (await loginAs(t.database, w.stewardA.id)).cookie;
    const page = await t.app.inject({ method: 'GET', url: '/workplace-meetings/request', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<option value="${w.wpA.id}" selected>`);
  });

  it('declining without a reason and a report with more recruited than participants are refused on their fields, writing nothing', async () => {
    const s = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
    await postForm(t.app, '/workplace-meetings/request', s, requestFields({ contactEmail: 'decline@a.example', 'proposed.0.date': inDays(50) }));
    const id = String((await t.database.executeSql(`select id from workplace_meetings where contact_email = 'decline@a.example'`)).rows[0].id);
    const before = await counts();
    const noReason = await postForm(t.app, `/workplace-meetings/${id}/decline`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), { reason: '  ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('href="#decline-reason"');
    expect(await counts()).toEqual(before);
    const declined = await postForm(t.app, `/workplace-meetings/${id}/decline`, await formSession(t.app, `/workplace-meetings/${id}`, staffCookie), { reason: 'Ingen politiker den uge' });
    expect(declined.statusCode).toBe(303);
    expect((await mailsTo(t.database, 'decline@a.example')).some((m) => m.text.includes('Ingen politiker den uge'))).toBe(true);

    // A scheduled meeting that has started: the report form is offered and checks its numbers.
    const held = String((await t.database.executeSql(`select id from workplace_meetings where status = 'scheduled' limit 1`)).rows[0].id);
    await t.database.executeSql(`update workplace_meetings set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = $1`, [held]);
    const page = await t.app.inject({ method: 'GET', url: `/workplace-meetings/${held}`, headers: { cookie: staffCookie } });
    expect(page.body).toContain(`action="/workplace-meetings/${held}/report"`);
    const before2 = await counts();
    const tooMany = await postForm(t.app, `/workplace-meetings/${held}/report`, await formSession(t.app, `/workplace-meetings/${held}`, staffCookie), { note: 'Fint', participants: '3', membersRecruited: '5' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('href="#report-membersRecruited"');
    expect(await counts()).toEqual(before2);
    const ok = await postForm(t.app, `/workplace-meetings/${held}/report`, await formSession(t.app, `/workplace-meetings/${held}`, staffCookie), { note: 'Fint', participants: '8', membersRecruited: '2' });
    expect(ok.statusCode).toBe(303);
    expect((await t.database.executeSql(`select status from workplace_meetings where id = $1`, [held])).rows[0].status).toBe('held');
  });
});

describe('finding the request form', () => {
  it('is linked from the public front page in all three languages', async () => {
    const texts = { da: 'Bed om et fyraftensmøde', sv: 'Be om en arbetsplatsträff', en: 'Ask for a workplace meeting' };
    for (const [lang, text] of Object.entries(texts)) {
      const res = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(new RegExp(`<a href="/workplace-meetings/request">${text}</a>`));
    }
  });

  it('is linked from a steward’s own page and their workplace’s page, which preselects the workplace', async () => {
    const cookie = (await loginAs(t.database, w.stewardA.id)).cookie;
    const me = await t.app.inject({ method: 'GET', url: '/me', headers: { cookie, 'accept-language': 'sv' } });
    expect(me.statusCode).toBe(200);
    expect(me.body).toContain('href="/workplace-meetings/request"');
    expect(me.body).toContain('Be om en arbetsplatsträff');
    expect(me.body).toContain('href="/workplace-meetings"');
    const workplace = await t.app.inject({ method: 'GET', url: `/workplaces/${w.wpA.id}`, headers: { cookie } });
    expect(workplace.statusCode).toBe(200);
    expect(workplace.body).toContain(`href="/workplace-meetings/request?workplace=${w.wpA.id}"`);
    // The link names the workplace: its district and the workplace itself are chosen, for anyone.
    const form = await t.app.inject({ method: 'GET', url: `/workplace-meetings/request?workplace=${w.wpB.id}` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${w.wpB.id}" selected>`);
    expect(form.body).toContain(`<option value="${w.org.north}" selected>`);
  });
});

describe('the office’s queue', () => {
  it('shows the count per status as cards linking to the filtered queue, and the month’s figures and chart with a table', async () => {
    const month = inDays(20).slice(0, 7);
    const res = await t.app.inject({ method: 'GET', url: `/workplace-meetings?unit=${w.org.north}&month=${month}&status=new`, headers: { cookie: staffCookie } });
    expect(res.statusCode).toBe(200);
    const cards = [...res.body.matchAll(/<a href="([^"]+)" class="wm-status-card[^"]*"( aria-current="true")?><span class="wm-status-count">(\d+)<\/span><span class="wm-status-name">([^<]+)<\/span>/g)];
    expect(cards.map((c) => c[4])).toEqual(['I alt', 'Nye', 'Under behandling', 'Planlagte', 'Afholdte', 'Afviste', 'Aflyste']);
    const nye = cards[1];
    expect(nye[1]).toBe(`/workplace-meetings?unit=${w.org.north}&status=new&month=${month}`);
    expect(nye[2]).toBe(' aria-current="true"');
    expect(cards[0][1]).toBe(`/workplace-meetings?unit=${w.org.north}&month=${month}`);
    expect(Number(cards[0][3])).toBe(cards.slice(1).reduce((s, c) => s + Number(c[3]), 0));
    // The chart: named by its heading and summary, in the brand's colour by class, with a table of the same numbers.
    expect(res.body).toMatch(/<svg[^>]*class="wm-chart-svg" role="img" aria-labelledby="held-chart-title held-chart-summary"/);
    expect(res.body).toContain('class="wm-chart-bar"');
    expect(res.body).toMatch(/<details class="wm-chart-table"><summary>Vis tallene som tabel<\/summary>/);
    expect(res.body).toContain('id="month-figures-title"');
    // The steward's view has no office buttons that would refuse them, but the request form.
    const steward = await t.app.inject({ method: 'GET', url: '/workplace-meetings', headers: { cookie: (await loginAs(t.database, w.stewardA.id)).cookie } });
    expect(steward.statusCode).toBe(200);
    expect(steward.body).not.toContain('href="/workplace-meetings/mine"');
    expect(steward.body).not.toContain('href="/workplace-meetings/topics"');
    expect(steward.body).toContain('href="/workplace-meetings/request"');
    expect(steward.body).not.toContain('wm-chart-svg');
  });
});
