import { sql, type SQL } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { features } from '../../features.js';
import type { Feature } from '../../kernel/feature.js';
import { persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { formSession, postForm, loginAs, seedUnits, testConfig, type Org } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { header, mimeParts, startSmtpSink, type SmtpSink } from '../mailings/delivery.fixture.js';
import { dispatchMailingBatch, DispatcherState } from '../mailings/dispatch.js';
import { pooledSmtpTransport, type MailingTransport } from '../mailings/transport.js';
import { memberCompanies, memberCompanyContacts } from '../member-companies/tables.js';
import { tokenOf } from '../surveys/surveys.fixture.js';
import { networkNotificationApi, networkNotificationPages } from './notification-routes.js';
import { digestRound, notifyNewPost, previousDay, registerNetworkAudiences } from './notifications.js';
import { networkMembers, networkNotifications, networkPosts, networks, networkThreads, type NetworkKind, type NetworkVisibility, type NotificationMode } from './tables.js';
import type { FastifyInstance } from 'fastify';

/*
 * The networks' mail, delivered for real through the mailings' queue to an SMTP sink: a mail per
 * post to those who want each post (never the author, an outsider, or who chose a digest or none),
 * threaded by Message-ID / In-Reply-To; one digest a day to those who want it, once; the personal
 * link's page that changes the choice with one click; the signed-in form and the API; and a hidden
 * network whose mail never reaches anyone outside it.
 */

const BASE = 'http://forening.test';

let database: Database;
let app: FastifyInstance;
let sink: SmtpSink;
let smtp: MailingTransport;
let org: Org;
let n = 0;

type P = { id: string; email: string; name: string };
const people: Record<string, P> = {};

async function person(key: string, roles: [RoleKind, string | null][] = []): Promise<P> {
  n++;
  const [p] = await database.db
    .insert(persons)
    .values({ firstName: key, lastName: 'Testesen', email: `${key.toLowerCase()}.${n}@example.org` })
    .returning();
  if (roles.length) await database.db.insert(roleAssignments).values(roles.map(([role, unitId]) => ({ personId: p.id, role, unitId })));
  people[key] = { id: p.id, email: p.email!, name: `${key} Testesen` };
  return people[key];
}

async function network(name: string, kind: NetworkKind, visibility: NetworkVisibility = 'listed'): Promise<string> {
  const [row] = await database.db.insert(networks).values({ unitId: org.north, name, kind, visibility, joinPolicy: 'request' }).returning({ id: networks.id });
  return row.id;
}

async function member(networkId: string, who: { personId?: string; memberCompanyId?: string }, role: 'member' | 'coordinator' | 'expert' = 'member', status: 'active' | 'requested' | 'invited' = 'active') {
  await database.db.insert(networkMembers).values({ networkId, personId: who.personId ?? null, memberCompanyId: who.memberCompanyId ?? null, role, status, joinedAt: status === 'active' ? new Date() : null });
}

async function mode(networkId: string, personId: string, m: NotificationMode) {
  await database.db.insert(networkNotifications).values({ networkId, personId, mode: m }).onConflictDoUpdate({ target: [networkNotifications.networkId, networkNotifications.personId], set: { mode: m } });
}

/** A thread with its opening post, written as the use case writes them (at `at`, default now). */
async function thread(networkId: string, author: P, title: string, body: string, at: SQL = sql`now()`) {
  const [th] = await database.db.insert(networkThreads).values({ networkId, title, authorId: author.id, postCount: 1, createdAt: at, lastPostAt: at }).returning({ id: networkThreads.id });
  const [post] = await database.db.insert(networkPosts).values({ threadId: th.id, networkId, seq: 1, authorId: author.id, body, createdAt: at }).returning({ id: networkPosts.id });
  return { threadId: th.id, postId: post.id };
}

async function reply(threadId: string, networkId: string, author: P, body: string, opts: { at?: SQL; byExpert?: boolean } = {}) {
  const [{ seq }] = await queryRows<{ seq: number }>(database.db, sql`select coalesce(max(seq), 0)::int + 1 as seq from network_posts where thread_id = ${threadId}::uuid`);
  const [post] = await database.db
    .insert(networkPosts)
    .values({ threadId, networkId, seq, authorId: author.id, body, byExpert: opts.byExpert ?? false, createdAt: opts.at ?? sql`now()` })
    .returning({ id: networkPosts.id });
  return post.id;
}

const notify = (postId: string) => database.db.transaction((tx) => notifyNewPost(tx, postId, { baseUrl: BASE }));

async function deliver(): Promise<void> {
  const state = new DispatcherState();
  for (;;) {
    const r = await dispatchMailingBatch(database.db, smtp, { from: 'Testforbundet <post@forening.test>', baseUrl: BASE, batchSize: 100, defaultRate: 1000, state });
    if (r.claimed === 0) return;
  }
}

/** Who got mail, by person key, each with how many. */
function recipients(): Record<string, number> {
  const byEmail = new Map(Object.entries(people).map(([k, p]) => [p.email, k]));
  const out: Record<string, number> = {};
  for (const r of sink.received) for (const to of r.to) out[byEmail.get(to) ?? to] = (out[byEmail.get(to) ?? to] ?? 0) + 1;
  return out;
}

const mailTo = (key: string) => sink.received.find((r) => r.to.includes(people[key].email))!.raw;
const textOf = (raw: string) => mimeParts(raw).find((p) => p.type === 'text/plain')!.text;
const htmlOf = (raw: string) => mimeParts(raw).find((p) => p.type === 'text/html')!.text;
const tokenIn = (raw: string) => /\/networks\/notifications\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(textOf(raw))![1];
/** A subject as the mail program shows it (nodemailer encodes non-ASCII ones). */
function subjectOf(raw: string): string {
  const value = header(raw, 'Subject') ?? '';
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

let companies: string;
let hidden: string;

beforeAll(async () => {
  database = await testDatabase();
  // The feature's index registers these; until it lists the pages, this file serves them itself.
  registerNetworkAudiences();
  const pages: Feature = {
    name: 'networks-notifications-test',
    async routes(a) {
      await a.register(networkNotificationPages);
      await a.register(networkNotificationApi);
    },
  };
  const list = features.some((f) => f.name === 'networks') ? features : [...features, pages];
  app = await buildApp({ config: testConfig(), database, secret: 'test-secret-test-secret-test-secret-0123', logger: false, features: list });
  await app.ready();
  sink = await startSmtpSink();
  smtp = pooledSmtpTransport(sink.url, { connections: 1 });
  org = await seedUnits(database);

  // A network of member companies: a coordinator, a staff expert, two members who chose otherwise,
  // a company with two contact persons, someone who asked to join, an outsider and an organiser who is not in it.
  companies = await network('IT-leverandører', 'companies');
  const [company] = await database.db.insert(memberCompanies).values({ name: 'Firma A/S', unitId: org.north }).returning({ id: memberCompanies.id });
  for (const k of ['Kim', 'Karen']) await database.db.insert(memberCompanyContacts).values({ companyId: company.id, personId: (await person(k)).id });
  await member(companies, { memberCompanyId: company.id });
  await member(companies, { personId: (await person('Clara')).id }, 'coordinator');
  await member(companies, { personId: (await person('Erik', [['staff', org.north]])).id }, 'expert');
  await member(companies, { personId: (await person('Mads')).id });
  await mode(companies, people.Mads.id, 'none');
  await member(companies, { personId: (await person('Dina')).id });
  await mode(companies, people.Dina.id, 'digest');
  await member(companies, { personId: (await person('Rita')).id }, 'member', 'requested');
  await person('Otto');
  await person('Sofie', [['staff', org.north]]);

  // A hidden network of people: two members, someone invited, and Kim (a contact above) outside it.
  hidden = await network('Lukket kreds', 'people', 'hidden');
  await member(hidden, { personId: (await person('Hanne')).id });
  await member(hidden, { personId: (await person('Henrik')).id });
  await member(hidden, { personId: (await person('Ivan')).id }, 'member', 'invited');
}, 120_000);

afterEach(() => sink.reset());

afterAll(async () => {
  smtp?.close();
  await sink?.close();
  await app?.close();
  await database?.close();
});

describe('a mail per post', () => {
  it('reaches each participant who wants each post once (the company’s contacts too), never the author, an outsider, or who chose digest or none', async () => {
    const { threadId, postId } = await thread(companies, people.Kim, 'Erfaringer med udbud', 'Hvem har **erfaring** med {{registerLink}} og {{firstName}}?');
    await notify(postId);
    await deliver();
    expect(recipients()).toEqual({ Clara: 1, Erik: 1, Karen: 1 });

    const raw = mailTo('Karen');
    expect(subjectOf(raw)).toBe('[IT-leverandører] Erfaringer med udbud');
    expect(header(raw, 'Message-ID')).toBe(`<network-post-${postId}@forening.test>`);
    expect(header(raw, 'In-Reply-To')).toBeUndefined();
    const text = textOf(raw);
    expect(text).toContain('Kim Testesen har startet en ny tråd i netværket IT-leverandører');
    expect(text).toContain(`${BASE}/networks/threads/${threadId}`);
    expect(text).toContain('konkurrenceretlige retningslinjer');
    // What a participant wrote is their text, never a merge field: not filled with the reader's name, not refused.
    expect(text).toContain('{\u2060{registerLink}} og {\u2060{firstName}}');
    expect(text).not.toContain('Karen?');
    expect(htmlOf(raw)).toContain('<strong>erfaring</strong>');
    expect(text).toMatch(new RegExp(`${BASE}/networks/notifications/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`));
    expect((await queryRows<{ notified: boolean }>(database.db, sql`select notified_at is not null as notified from network_posts where id = ${postId}::uuid`))[0].notified).toBe(true);

    // Once only: a second call queues nothing.
    await notify(postId);
    await deliver();
    expect(sink.received.length).toBe(3);
    const [{ mailings }] = await queryRows<{ mailings: number }>(database.db, sql`select count(*)::int as mailings from mailings where audience_source = 'network.post' and audience_ref = ${postId}::uuid`);
    expect(mailings).toBe(1);
  });

  it('threads a reply under its opening post: Re: subject, In-Reply-To and References the opening post’s Message-ID', async () => {
    const { threadId, postId: opening } = await thread(companies, people.Clara, 'Rammeaftaler 2.0', 'Hvad gør I med de nye rammeaftaler?');
    await notify(opening);
    await deliver();
    sink.reset();

    const replyId = await reply(threadId, companies, people.Erik, 'Se vejledningen fra sekretariatet.', { byExpert: true });
    await notify(replyId);
    await deliver();
    expect(recipients()).toEqual({ Clara: 1, Kim: 1, Karen: 1 });
    for (const r of sink.received) {
      expect(subjectOf(r.raw)).toBe('Re: [IT-leverandører] Rammeaftaler 2.0');
      expect(header(r.raw, 'Message-ID')).toBe(`<network-post-${replyId}@forening.test>`);
      expect(header(r.raw, 'In-Reply-To')).toBe(`<network-post-${opening}@forening.test>`);
      expect(header(r.raw, 'References')).toBe(`<network-post-${opening}@forening.test>`);
    }
    expect(textOf(mailTo('Kim'))).toContain('Erik Testesen (ekspert) har svaret i en tråd');
  });

  it('sends nothing for a hidden thread, a hidden or deleted post, or an archived network, and marks the post all the same', async () => {
    const hiddenThread = await thread(companies, people.Clara, 'Skjult tråd', 'Ikke for alle');
    await database.db.execute(sql`update network_threads set hidden_at = now() where id = ${hiddenThread.threadId}::uuid`);
    const open = await thread(companies, people.Clara, 'Åben tråd', 'Første');
    const deletedReply = await reply(open.threadId, companies, people.Kim, 'Fortrudt');
    await database.db.execute(sql`update network_posts set deleted_at = now(), body = '' where id = ${deletedReply}::uuid`);
    const archived = await network('Gammelt netværk', 'people');
    await member(archived, { personId: people.Clara.id });
    await member(archived, { personId: people.Mads.id });
    await database.db.execute(sql`update networks set archived = true where id = ${archived}::uuid`);
    const old = await thread(archived, people.Mads, 'Sidste ord', 'Farvel');
    for (const id of [hiddenThread.postId, deletedReply, old.postId]) await notify(id);
    await deliver();
    expect(sink.received).toHaveLength(0);
    const [{ unmarked }] = await queryRows<{ unmarked: number }>(
      database.db,
      sql`select count(*)::int as unmarked from network_posts where id in (${hiddenThread.postId}::uuid, ${deletedReply}::uuid, ${old.postId}::uuid) and notified_at is null`,
    );
    expect(unmarked).toBe(0);
  });
});

describe('the daily digest', () => {
  it('reaches the digest participant exactly once with yesterday’s visible posts by thread; a second run queues nothing', async () => {
    const yesterday = sql`((now() at time zone 'Europe/Copenhagen')::date - 1 + time '12:00') at time zone 'Europe/Copenhagen'`;
    const long = `${'Lang erfaring med offentlige udbud og rammeaftaler. '.repeat(12)}SLUTNINGEN`;
    const a = await thread(companies, people.Kim, 'Digest-tråd om vikarer', long, yesterday);
    await reply(a.threadId, companies, people.Erik, 'Et kort svar fra eksperten.', { at: yesterday, byExpert: true });
    const hiddenPost = await reply(a.threadId, companies, people.Clara, 'Skjult indlæg', { at: yesterday });
    await database.db.execute(sql`update network_posts set hidden_at = now() where id = ${hiddenPost}::uuid`);
    await thread(companies, people.Clara, 'Dagens tråd', 'Skrevet i dag');
    // Yesterday's posts are all notified already (they went out one by one to those who want each post).
    await database.db.execute(sql`update network_posts set notified_at = now()`);

    expect(await digestRound(database.db, { baseUrl: BASE })).toBe(1);
    await deliver();
    expect(recipients()).toEqual({ Dina: 1 });
    const raw = mailTo('Dina');
    expect(subjectOf(raw)).toMatch(/^\[IT-leverandører\] Dagens overblik .+: 2 nye indlæg$/);
    const text = textOf(raw);
    expect(text).toContain('Digest-tråd om vikarer');
    expect(text).toContain(`${BASE}/networks/threads/${a.threadId}`);
    expect(text).toContain('Kim Testesen');
    expect(text).toContain('Erik Testesen (ekspert)');
    expect(text).toContain('Et kort svar fra eksperten.');
    // A long post is cut to its first words.
    expect(text).toContain('Lang erfaring med offentlige udbud');
    expect(text).not.toContain('SLUTNINGEN');
    expect(text).not.toContain('Skjult indlæg');
    expect(text).not.toContain('Skrevet i dag');
    expect(text).toContain('konkurrenceretlige retningslinjer');
    const [row] = await queryRows<{ posts: number }>(database.db, sql`select posts from network_digests where network_id = ${companies}::uuid and day = ${previousDay(new Date())}`);
    expect(row.posts).toBe(2);

    sink.reset();
    expect(await digestRound(database.db, { baseUrl: BASE })).toBe(0);
    await deliver();
    expect(sink.received).toHaveLength(0);
  });
});

describe('changing the choice', () => {
  it('through the mail’s personal link without logging in, with one click; a forged link is not found', async () => {
    const first = await thread(companies, people.Clara, 'Valg af besked', 'Hej alle');
    await notify(first.postId);
    await deliver();
    const token = tokenIn(mailTo('Karen'));
    sink.reset();

    const page = await app.inject({ method: 'GET', url: `/networks/notifications/${token}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('IT-leverandører');
    expect(page.body).toMatch(/name="mode" value="each"[^>]*aria-pressed="true"/);
    for (const m of ['digest', 'none']) expect(page.body).toMatch(new RegExp(`name="mode" value="${m}"[^>]*aria-pressed="false"`));

    const session = await formSession(app, `/networks/notifications/${token}`);
    const saved = await postForm(app, `/networks/notifications/${token}`, session, { mode: 'none' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Du får ikke længere mails om nye indlæg i netværket IT-leverandører');
    const modeOf = async (key: string) =>
      (await queryRows<{ mode: string }>(database.db, sql`select mode from network_notifications where network_id = ${companies}::uuid and person_id = ${people[key].id}::uuid`))[0]?.mode;
    expect(await modeOf('Karen')).toBe('none');

    // Karen hears no more; Kim, the other contact of the same company, still does.
    const next = await reply(first.threadId, companies, people.Clara, 'Endnu et indlæg');
    await notify(next);
    await deliver();
    expect(recipients()).toEqual({ Erik: 1, Kim: 1 });

    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [forged, 'not-a-token', `${token.split('.')[0]}.${'A'.repeat(22)}`]) {
      expect((await app.inject({ method: 'GET', url: `/networks/notifications/${bad}`, headers: { accept: 'text/html' } })).statusCode).toBe(404);
      expect((await postForm(app, `/networks/notifications/${bad}`, session, { mode: 'each' })).statusCode).toBe(404);
    }
    expect(await modeOf('Karen')).toBe('none');
    // A choice that is none of the three changes nothing.
    expect((await postForm(app, `/networks/notifications/${token}`, session, { mode: 'hourly' })).statusCode).toBe(422);
    expect(await modeOf('Karen')).toBe('none');
  });

  it('signed in, from the network’s page and over the API; an outsider of a hidden network is told it does not exist', async () => {
    const mads = await loginAs(database, people.Mads.id);
    const first = await thread(companies, people.Clara, 'Til Mads', 'Hej');
    await database.db.execute(sql`update network_notifications set mode = 'each' where person_id = ${people.Mads.id}::uuid`);
    await notify(first.postId);
    await deliver();
    const session = await formSession(app, `/networks/notifications/${tokenIn(mailTo('Mads'))}`, mads.cookie);
    const posted = await postForm(app, `/networks/${companies}/notifications`, session, { mode: 'digest' });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/networks/${companies}`);
    const modeOf = async (key: string, networkId: string) =>
      (await queryRows<{ mode: string }>(database.db, sql`select mode from network_notifications where network_id = ${networkId}::uuid and person_id = ${people[key].id}::uuid`))[0]?.mode;
    expect(await modeOf('Mads', companies)).toBe('digest');

    const auth = await tokenOf(database, people.Mads.id);
    const put = (networkId: string, payload: unknown, headers = auth) => app.inject({ method: 'PUT', url: `/api/v1/networks/${networkId}/notifications`, headers, payload: payload as Record<string, unknown> });
    const ok = await put(companies, { mode: 'none' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ mode: 'none' });
    expect(await modeOf('Mads', companies)).toBe('none');
    expect((await put(companies, { mode: 'hourly' })).statusCode).toBe(422);
    expect((await put(companies, { mode: 'each' }, { authorization: '' })).statusCode).toBe(401);
    // Mads is not in the hidden network: it does not exist for him, over the API and the form.
    const outsider = await put(hidden, { mode: 'each' });
    expect(outsider.statusCode).toBe(404);
    expect(outsider.headers['content-type']).toContain('application/problem+json');
    expect((await postForm(app, `/networks/${hidden}/notifications`, session, { mode: 'each' })).statusCode).toBe(404);
    expect(await modeOf('Mads', hidden)).toBeUndefined();
    // An organiser who is not a participant has no choice to make.
    expect((await put(companies, { mode: 'each' }, await tokenOf(database, people.Sofie.id))).statusCode).toBe(403);
  });
});

describe('a hidden network', () => {
  it('mails its participants only: not the invited, an outsider, the unit’s staff, or a contact person of a company outside it', async () => {
    const { threadId, postId } = await thread(hidden, people.Hanne, 'Fortroligt', 'Kun for kredsen');
    await notify(postId);
    await deliver();
    expect(recipients()).toEqual({ Henrik: 1 });
    await notify(await reply(threadId, hidden, people.Henrik, 'Modtaget'));
    await deliver();
    expect(recipients()).toEqual({ Henrik: 1, Hanne: 1 });
    const everyone = sink.received.flatMap((r) => r.to);
    for (const k of ['Ivan', 'Otto', 'Sofie', 'Kim', 'Karen', 'Clara', 'Erik']) expect(everyone).not.toContain(people[k].email);

    // The digest, too, is for its participants: an outsider's stray choice row gives them nothing.
    sink.reset();
    await mode(hidden, people.Otto.id, 'digest');
    await mode(hidden, people.Henrik.id, 'digest');
    const yesterday = sql`((now() at time zone 'Europe/Copenhagen')::date - 1 + time '09:00') at time zone 'Europe/Copenhagen'`;
    await thread(hidden, people.Hanne, 'I går', 'Skrevet i går', yesterday);
    expect(await digestRound(database.db, { baseUrl: BASE })).toBe(1);
    await deliver();
    expect(recipients()).toEqual({ Henrik: 1 });
  });
});

describe('on the mailings pages', () => {
  it('a network’s post mail is read by staff of its unit, not by the unit’s board (the board reads what went out in its name, not a network’s discussion)', async () => {
    const { postId } = await thread(companies, people.Clara, 'Kun for os', 'Fortrolig tekst');
    await notify(postId);
    const [mailing] = await queryRows<{ id: string }>(database.db, sql`select id::text from mailings where audience_source = 'network.post' and audience_ref = ${postId}::uuid`);
    expect(mailing).toBeDefined();
    const board = await person('Bodil', [['board', org.north]]);
    const staff = await person('Stine', [['staff', org.north]]);
    const asBoard = await tokenOf(database, board.id);
    const asStaff = await tokenOf(database, staff.id);
    expect((await app.inject({ url: `/api/v1/mailings/${mailing.id}`, headers: asBoard })).statusCode).toBe(404);
    const boardList = (await app.inject({ url: '/api/v1/mailings', headers: asBoard })).json() as { items: { id: string }[] };
    expect(boardList.items.map((m) => m.id)).not.toContain(mailing.id);
    expect((await app.inject({ url: `/api/v1/mailings/${mailing.id}`, headers: asStaff })).statusCode).toBe(200);
    const staffList = (await app.inject({ url: '/api/v1/mailings', headers: asStaff })).json() as { items: { id: string }[] };
    expect(staffList.items.map((m) => m.id)).toContain(mailing.id);
  });
});
