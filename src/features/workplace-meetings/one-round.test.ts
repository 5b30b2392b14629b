import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, formSession, postForm, testApp, type TestApp } from '../../test/app.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { inHours, meetingWorld, requestBody, type MeetingWorld } from './meetings.fixture.js';

/**
 * A request with several problems of different kinds — a field in the wrong format, a missing
 * address (a rule between fields), a time in the past and an unknown unit (both the use case's,
 * against the database) — is answered with all of them at once, on the page and in the API. It used
 * to take three submits: the formats first, then the address, then the time.
 */

let t: TestApp;
let w: MeetingWorld;
let api: Record<string, string>;
let n = 0;
const DAY = 86_400_000;
const dateIn = (days: number) => localParts(new Date(Date.now() + days * DAY), 'Europe/Copenhagen').date;
const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';

beforeAll(async () => {
  t = await testApp();
  w = await meetingWorld(t.database);
  api = await bearer(t.database, 'member', w.org.north);
});
afterAll(() => t?.close());

const meetings = async () => (await t.database.executeSql('select count(*)::int as n from workplace_meetings')).rows[0] as { n: number };

async function postPage(fields: Record<string, string>) {
  const session = await formSession(t.app, `/workplace-meetings/request?unit=${w.org.north}`);
  return postForm(t.app, '/workplace-meetings/request', session, {
    unitId: w.org.north,
    contactName: 'Kirsten Kontakt',
    contactEmail: `runde${++n}@laerkereden.example`,
    [`topic.${w.topics.workEnvironment}`]: 'on',
    ...fields,
  });
}

const postApi = (body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/workplace-meetings', headers: { ...api, 'content-type': 'application/json', 'accept-language': 'da' }, payload: JSON.stringify(body) });

/** The error summary's links, in order, and its messages. */
const summary = (body: string) => ({
  links: [...body.matchAll(/<li><a href="#field-([^"]+)"/g)].map((m) => m[1]),
  text: body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
});

describe('a request with several problems', () => {
  it('shows every problem on the page in one answer, in the order of the form, and writes nothing', async () => {
    const before = await meetings();
    const res = await postPage({
      newWorkplaceName: 'Bostedet Ny Vej',
      contactEmail: 'ikke-en-adresse',
      'proposed.0.date': dateIn(-2),
      'proposed.0.start': '15:30',
      'proposed.0.end': '17:00',
      'proposed.1.date': dateIn(20),
      'proposed.1.start': 'kl. 16',
      'proposed.1.end': '17:00',
      expectedParticipants: '-5',
    });
    expect(res.statusCode).toBe(422);
    const { links, text } = summary(res.body);
    expect(links).toEqual(['newWorkplaceAddress', 'contactEmail', 'proposed.0.start', 'proposed.1.start', 'expectedParticipants']);
    expect(text).toContain('Arbejdspladsens adresse skal udfyldes.');
    expect(text).toContain('Kontaktpersonens e-mail skal være en gyldig e-mailadresse');
    expect(text).toContain('Forslag 1: Start skal ligge ude i fremtiden.');
    expect(text).toContain('Forslag 2: Start skal være et klokkeslæt, fx 16:30.');
    expect(text).toContain('Forventet antal deltagere skal være mindst 1.');
    expect(text).not.toContain('forkert type');
    expect(text).not.toContain('ugyldigt');
    expect(await meetings()).toEqual(before);
  });

  it('names an unknown workplace together with a format error and a time in the past', async () => {
    const res = await postPage({
      workplaceId: UNKNOWN,
      contactEmail: 'ikke-en-adresse',
      'proposed.0.date': dateIn(-1),
      'proposed.0.start': '15:30',
      'proposed.0.end': '17:00',
    });
    expect(res.statusCode).toBe(422);
    const { links, text } = summary(res.body);
    expect(links).toEqual(['workplaceId', 'contactEmail', 'proposed.0.start']);
    expect(text).toContain('Arbejdspladsen findes ikke.');
  });

  it('answers the API with every problem in one problem+json', async () => {
    const before = await meetings();
    const res = await postApi(
      requestBody(w, {
        workplaceId: undefined,
        newWorkplaceName: 'Bostedet Ny Vej',
        unitId: w.org.north,
        contactEmail: 'ikke-en-adresse',
        proposedTimes: [{ startsAt: inHours(-48), endsAt: inHours(-46) }],
        expectedParticipants: -5,
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('validation.failed');
    expect(body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual(
      expect.arrayContaining([
        ['contactEmail', 'validation.invalid_email'],
        ['newWorkplaceAddress', 'validation.required'],
        ['expectedParticipants', 'validation.too_small'],
        ['proposedTimes.0.startsAt', 'workplace_meeting.in_past'],
      ]),
    );
    expect(body.errors).toHaveLength(4);
    expect(body.errors.find((e: { path: string }) => e.path === 'expectedParticipants').message).toBe('Forventet antal deltagere skal være mindst 1.');
    expect(await meetings()).toEqual(before);
  });

  it('answers the API with an unknown workplace and a malformed time together', async () => {
    const res = await postApi(requestBody(w, { workplaceId: UNKNOWN, proposedTimes: [{ startsAt: inHours(-5), endsAt: 'i morgen' }] }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['proposedTimes.0.endsAt', 'validation.invalid_datetime'],
      ['proposedTimes.0.startsAt', 'workplace_meeting.in_past'],
      ['workplaceId', 'workplace_meeting.workplace_not_found'],
    ]);
  });

  it('still asks someone not logged in to log in first, before looking at the body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/workplace-meetings', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ contactEmail: 'x' }) });
    expect(res.statusCode).toBe(401);
  });
});

describe('expected participants typed into the form', () => {
  it.each([
    ['-5', 'Forventet antal deltagere skal være mindst 1.'],
    ['0', 'Forventet antal deltagere skal være mindst 1.'],
    ['12,5', 'Forventet antal deltagere skal være et helt tal uden decimaler.'],
    ['mange', 'Forventet antal deltagere skal være et tal, fx 12.'],
    ['20000', 'Forventet antal deltagere må højst være 10000.'],
  ])('reads %s and says what is wrong', async (typed, message) => {
    const res = await postPage({ workplaceId: w.wpA.id, 'proposed.0.date': dateIn(30), 'proposed.0.start': '15:30', 'proposed.0.end': '17:00', expectedParticipants: typed });
    expect(res.statusCode).toBe(422);
    const { links, text } = summary(res.body);
    expect(links).toEqual(['expectedParticipants']);
    expect(text).toContain(message);
  });

  it('gives the same message through the API', async () => {
    const res = await postApi(requestBody(w, { expectedParticipants: -5 }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'expectedParticipants', code: 'validation.too_small', message: 'Forventet antal deltagere skal være mindst 1.' }]);
    const fraction = await postApi(requestBody(w, { expectedParticipants: 2.5 }));
    expect(fraction.json().errors).toEqual([{ path: 'expectedParticipants', code: 'validation.not_whole_number', message: 'Forventet antal deltagere skal være et helt tal uden decimaler.' }]);
  });
});
