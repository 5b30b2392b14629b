import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, createWorkplace, loginAs, testApp, type TestApp } from '../../test/app.js';
import { checkRow, everyone, expectEveryRouteListed, type Expected, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import { insertMailing, mailingWorld, member, pausedMailing, sendingMailing, type MailingWorld } from './mailings.fixture.js';
import { invitationToken } from './invitations.js';
import { unsubscribeToken } from './unsubscribe.js';

/**
 * Every page route of mailings with every kind of caller: nobody, a member, a steward, staff of the
 * mailing's unit (north), staff of another unit, the board and an admin. The mailings are the north's.
 * A refused caller changes nothing; a caller who may act changes the database.
 */

const CALLERS = ['anonymous', 'member', 'steward', 'staffNorth', 'staffSouth', 'board', 'admin'] as const;
type Who = (typeof CALLERS)[number];
type Expectations = Record<Who, Expected>;

type Row = PageRow<Who>;

let t: TestApp;
let w: MailingWorld;
const cookies = {} as SessionCookies<Who>;
let n = 0;

const all = (e: Expected): Expectations => everyone(CALLERS, e);
/** The list: staff and board (each sees their own units' mailings). */
const list: Expectations = { anonymous: 'login', member: 403, steward: 403, staffNorth: 200, staffSouth: 200, board: 200, admin: 200 };
/** Composing anywhere: staff and admins. */
const compose = (ok: number): Expectations => ({ anonymous: 'login', member: 403, steward: 403, staffNorth: ok, staffSouth: ok, board: 403, admin: ok });
/** One north mailing: seen by the north's staff and board; another unit's staff and everyone else get 404. */
const view: Expectations = { anonymous: 'login', member: 404, steward: 404, staffNorth: 200, staffSouth: 404, board: 200, admin: 200 };
/** Changing one north mailing: the north's staff and admins; the board sees it but may not (403 or 404). */
const act = (ok: number, board: number = 404): Expectations => ({ anonymous: 'login', member: 404, steward: 404, staffNorth: ok, staffSouth: 404, board, admin: ok });
const person = (ok: number): Expectations => ({ ...all(ok), anonymous: 'login' });

const draft = () => insertMailing(w, {});
const sending = () => sendingMailing(w);
const paused = () => pausedMailing(w);
const mailingBody = () => ({ segmentId: w.segmentNorth, kind: 'newsletter', topicId: w.topics.pay, locale: 'da', subject_da: `Nyt ${++n}`, body_da: 'Hej {{firstName}}' });
const topicBody = () => ({ name_da: `Emne ${++n}`, position: '5', active: 'on' });
const fresh = async () => (await member(w)).id;

const ROWS: Row[] = [
  { method: 'GET', route: '/mailings', url: async () => '/mailings', expect: list },
  { method: 'GET', route: '/mailings/new', url: async () => '/mailings/new', expect: compose(200) },
  // Staff of the south may compose, but not to the north's segment: the form comes back naming it.
  { method: 'POST', route: '/mailings', url: async () => '/mailings', expect: { ...compose(303), staffSouth: 422 }, changes: true, body: mailingBody },
  { method: 'GET', route: '/mailings/segment-count', url: async () => `/mailings/segment-count?segmentId=${w.segmentNorth}`, expect: compose(200) },
  { method: 'GET', route: '/mailings/topics', url: async () => '/mailings/topics', expect: compose(200) },
  { method: 'POST', route: '/mailings/topics', url: async () => '/mailings/topics', expect: compose(303), changes: true, body: topicBody },
  { method: 'POST', route: '/mailings/topics/:id', url: async () => `/mailings/topics/${w.topics.leaders}`, expect: compose(303), changes: true, body: topicBody },
  { method: 'GET', route: '/mailings/:id', url: async () => `/mailings/${await draft()}`, expect: view },
  { method: 'GET', route: '/mailings/:id/edit', url: async () => `/mailings/${await draft()}/edit`, expect: { ...view, board: 403 } },
  { method: 'POST', route: '/mailings/:id', url: async () => `/mailings/${await draft()}`, expect: act(303), changes: true, body: mailingBody },
  { method: 'POST', route: '/mailings/:id/delete', url: async () => `/mailings/${await draft()}/delete`, expect: act(303), changes: true },
  { method: 'GET', route: '/mailings/:id/preview/:locale', url: async () => `/mailings/${await draft()}/preview/da`, expect: view },
  { method: 'POST', route: '/mailings/:id/test', url: async () => `/mailings/${await draft()}/test`, expect: act(303), changes: true },
  { method: 'GET', route: '/mailings/:id/send', url: async () => `/mailings/${await draft()}/send?when=now`, expect: { ...view, board: 403 } },
  { method: 'POST', route: '/mailings/:id/send', url: async () => `/mailings/${await draft()}/send`, expect: act(303), changes: true },
  { method: 'GET', route: '/mailings/:id/progress', url: async () => `/mailings/${await sending()}/progress`, expect: view },
  { method: 'POST', route: '/mailings/:id/pause', url: async () => `/mailings/${await sending()}/pause`, expect: act(303), changes: true },
  { method: 'POST', route: '/mailings/:id/resume', url: async () => `/mailings/${await paused()}/resume`, expect: act(303), changes: true },
  { method: 'POST', route: '/mailings/:id/cancel', url: async () => `/mailings/${await draft()}/cancel`, expect: act(303), changes: true },
  { method: 'GET', route: '/me/newsletters', url: async () => '/me/newsletters', expect: person(200) },
  // Each caller opts out of the pay letter once (each is a different person).
  { method: 'POST', route: '/me/newsletters', url: async () => '/me/newsletters', expect: person(303), changes: true, body: () => ({ shown: w.topics.pay }) },
  { method: 'GET', route: '/unsubscribe/:token', url: async () => `/unsubscribe/${await unsubscribeToken(t.database.db, await fresh(), w.topics.pay)}`, expect: all(200) },
  { method: 'POST', route: '/unsubscribe/:token', url: async () => `/unsubscribe/${await unsubscribeToken(t.database.db, await fresh(), w.topics.pay)}`, expect: all(200), changes: true },
  { method: 'GET', route: '/invitations/:token', url: async () => `/invitations/${await invitationToken(t.database.db, await invitation(), await fresh())}`, expect: all(200) },
  { method: 'POST', route: '/invitations/:token', url: async () => `/invitations/${await invitationToken(t.database.db, await invitation(), await fresh())}`, expect: all(200), changes: true },
];

let invitationId: string | null = null;
async function invitation(): Promise<string> {
  invitationId ??= await insertMailing(w, { kind: 'service', eventId: w.eventId });
  return invitationId;
}

async function fingerprint(): Promise<string> {
  const r = await t.database.executeSql(
    `select (select count(*) from audit_events where action <> 'view')::int as a, (select count(*) from mailings)::int as m,
       (select string_agg(status, ',' order by id) from mailings) as s, (select count(*) from newsletter_topic_subscriptions)::int as subs,
       (select count(*) from event_registrations)::int as r, (select count(*) from mail_outbox)::int as o`,
  );
  return JSON.stringify(r.rows[0]);
}

const matrix = () => ({ app: t.app, callers: CALLERS, cookies, fingerprint });

beforeAll(async () => {
  t = await testApp();
  w = await mailingWorld(t.database);
  const wp = await createWorkplace(t.database, w.org.north);
  const steward = await createPerson(t.database, [['steward', w.org.north, wp.id]]);
  const memberNorth = await member(w);
  const personOf = (a: { kind: string; personId?: string }) => a.personId!;
  const ids: Record<Exclude<Who, 'anonymous'>, string> = {
    member: memberNorth.id,
    steward: steward.id,
    staffNorth: personOf(w.staffNorth as never),
    staffSouth: personOf(w.staffSouth as never),
    board: personOf(w.board as never),
    admin: personOf(w.admin as never),
  };
  for (const [who, id] of Object.entries(ids) as [Exclude<Who, 'anonymous'>, string][]) cookies[who] = (await loginAs(t.database, id)).cookie;
});
afterAll(() => t?.close());

describe('the mailing pages’ permission matrix', () => {
  it('lists every page route of the feature, and only those', () => {
    const mine = (p: string) => p.startsWith('/mailings') || p.startsWith('/me/newsletters') || p.startsWith('/unsubscribe') || p.startsWith('/invitations');
    expectEveryRouteListed(t.app, ROWS, mine);
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.route}`, async () => {
      expect(await checkRow(matrix(), row)).toEqual([]);
    });
  }
});
