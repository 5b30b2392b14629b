import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expectations, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { linkTokenOf, openWaveOf, surveyOf, surveyWorld, type Someone, type SurveyWorld } from './surveys.fixture.js';
import type { WaveRow } from './waves.js';

/**
 * Every answering page route with every kind of caller: nobody, a member the wave asks, a member it
 * does not ask (of the south), a steward (a member of the north, so asked), staff of the north and of
 * the south, the board of the north and of the south, an admin. Answering is not a role: only the
 * wave's invitees answer, and everyone else is told the page does not exist (nobody logged in is sent
 * to log in). Behind the personal link the token is the caller: whoever holds a genuine link of an
 * invitee answers as that invitee, signed in or not, and a link that is not genuine, or of a person
 * the wave does not ask, is not found for everyone. A refused caller writes nothing; one who may act
 * writes a response or a draft.
 */

const CALLERS = ['anonymous', 'member', 'memberNotInvited', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
type Who = (typeof CALLERS)[number];

let t: TestApp;
let w: SurveyWorld;
let surveyId: string;
let wave: WaveRow;
const cookies = {} as SessionCookies<Who>;

const person = (who: Exclude<Who, 'anonymous'>): Someone => (who === 'member' ? w.members[0] : who === 'memberNotInvited' ? w.memberElsewhere : w[who]);

const fingerprint = async () =>
  JSON.stringify(
    await queryRows(
      t.database.db,
      sql`select (select count(*) from survey_responses)::int as responses,
                 (select count(*) from survey_invitees where answered)::int as answered,
                 (select coalesce(string_agg(wave_id::text || person_id::text || answers::text || saved_at::text, '|' order by wave_id, person_id), '') from survey_drafts) as drafts`,
    ),
  );

/** A wave of its own for a row that answers: each invitee answers a wave once. */
const newWave = async () => openWaveOf(w, surveyId);

/**
 * A row's address built for each caller in turn: `checkRow` tries the callers in the order of
 * CALLERS and builds the address once for each, so the n-th call is the n-th caller's.
 */
function perCaller(build: (who: Who) => Promise<string>): () => Promise<string> {
  let i = 0;
  return () => build(CALLERS[i++ % CALLERS.length]);
}

/** The personal link a caller would have in their own mail (nobody logged in follows the member's). */
const ownLink = (waveOf: () => Promise<WaveRow>, suffix = '') =>
  perCaller(async (who) => {
    const target = await waveOf();
    return `/s/${await linkTokenOf(w, target.id, person(who === 'anonymous' ? 'member' : who).id)}${suffix}`;
  });

/** The member's link, whoever holds it. */
const membersLink = (waveOf: () => Promise<WaveRow>, suffix = '') => async () => `/s/${await linkTokenOf(w, (await waveOf()).id, w.members[0].id)}${suffix}`;

/** Signed in: the wave's invitees answer; everyone else is told it does not exist; nobody logged in is sent to log in. */
const invitees = (ok: number): Expectations<Who> => ({
  anonymous: 'login',
  member: ok,
  memberNotInvited: 404,
  steward: ok,
  staff: 404,
  staffElsewhere: 404,
  board: 404,
  boardElsewhere: 404,
  admin: 404,
});

/** With each caller's own link: an invitee's link works (nobody logged in holds the member's); a link of a person not asked does not. */
const ownLinks = (ok: number): Expectations<Who> => ({ ...invitees(ok), anonymous: ok });

/** Every question answered, as the form sends it (one value per field; the repeated checkbox is walked in answer-pages.test.ts). */
const full = () => ({ satisfaction: '4', workload: 'passende', priorities: 'pay', 'climate.respect': '3', 'climate.voice': '4', hours: '37', comments: 'Fint' });
const partial = () => ({ satisfaction: String(1 + Math.floor(Math.random() * 5)), hours: String(Math.floor(Math.random() * 80)) });
const NOT_A_LINK = '/s/dGhpcyBpcyBub3QgYSBsaW5r.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const ROWS = (): PageRow<Who>[] => [
  // From my page, signed in.
  { method: 'GET', route: '/surveys/answer/:waveId', url: async () => `/surveys/answer/${wave.id}`, expect: invitees(200) },
  { method: 'GET', route: '/surveys/answer/:waveId', url: async () => '/surveys/answer/00000000-0000-4000-8000-000000000000', expect: { ...everyone(CALLERS, 404), anonymous: 'login' } },
  { method: 'POST', route: '/surveys/answer/:waveId', url: async () => `/surveys/answer/${(await newWave()).id}`, body: full, expect: invitees(200), changes: true },
  { method: 'POST', route: '/surveys/answer/:waveId/save', url: async () => `/surveys/answer/${wave.id}/save`, body: partial, expect: invitees(303), changes: true },
  // Each caller with the link from their own mail.
  { method: 'GET', route: '/s/:token', url: ownLink(async () => wave), expect: ownLinks(200) },
  { method: 'POST', route: '/s/:token', url: ownLink(newWave), body: full, expect: ownLinks(200), changes: true },
  { method: 'POST', route: '/s/:token/save', url: ownLink(async () => wave, '/save'), body: partial, expect: ownLinks(303), changes: true },
  // The member's link in anyone's hands answers as the member: the link is the credential, not the session.
  { method: 'GET', route: '/s/:token', url: membersLink(async () => wave), expect: everyone(CALLERS, 200) },
  { method: 'POST', route: '/s/:token', url: membersLink(newWave), body: full, expect: everyone(CALLERS, 200), changes: true },
  { method: 'POST', route: '/s/:token/save', url: membersLink(async () => wave, '/save'), body: partial, expect: everyone(CALLERS, 303), changes: true },
  // A link that is not genuine is not found for everyone, and changes nothing.
  { method: 'GET', route: '/s/:token', url: async () => NOT_A_LINK, expect: everyone(CALLERS, 404) },
  { method: 'POST', route: '/s/:token', url: async () => NOT_A_LINK, body: full, expect: everyone(CALLERS, 404) },
  { method: 'POST', route: '/s/:token/save', url: async () => `${NOT_A_LINK}/save`, body: partial, expect: everyone(CALLERS, 404) },
];

const MINE = (p: string) => p.startsWith('/s/') || p.startsWith('/surveys/answer');

beforeAll(async () => {
  t = await testApp();
  w = await surveyWorld(t.database);
  surveyId = (await surveyOf(w, { title: 'Matrixundersøgelsen' })).id;
  wave = await openWaveOf(w, surveyId);
  for (const who of CALLERS) if (who !== 'anonymous') cookies[who] = (await loginAs(t.database, person(who).id)).cookie;
}, 180_000);
afterAll(() => t?.close());

describe('the answering pages’ permission matrix', () => {
  it('lists every answering page route', () => {
    expectEveryRouteListed(t.app, ROWS(), MINE);
  });

  const rows = ROWS();
  for (const [i, row] of rows.entries()) {
    it(`${row.method} ${row.route} (${i + 1})`, async () => {
      expect(await checkRow({ app: t.app, callers: CALLERS, cookies, fingerprint }, row)).toEqual([]);
    }, 120_000);
  }

  it('shows nobody but the invitee their form, and a refused page names no survey', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/surveys/answer/${wave.id}`, headers: { cookie: cookies.boardElsewhere, accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Matrixundersøgelsen');
    const link = await t.app.inject({ method: 'GET', url: NOT_A_LINK, headers: { accept: 'text/html' } });
    expect(link.body).not.toContain('Matrixundersøgelsen');
  });
});
