import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createPerson, createWorkplace, loginAs, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { membershipTypes, memberships } from '../members/tables.js';

/*
 * "Download my data" is complete (GDPR art. 15/20): each feature's part carries the person's own
 * rows — registrations and the waiting list, newsletter topics, mailings received, comments,
 * workplace-meeting requests — and nobody else's. The same JSON comes from /me/export.json and from
 * GET /api/v1/me/export with a personal token. (src/kernel/personal-data.test.ts checks from the
 * schema that no table referring to a person is left out.)
 */

let t: TestApp;
let org: Org;
let me: { id: string; cookie: string; token: string };
let other: { id: string };

async function exec(query: ReturnType<typeof sql>) {
  await t.database.db.execute(query);
}

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  const workplace = await createWorkplace(t.database, org.north, 'Bostedet Åbrinken');
  const mine = await createPerson(t.database, [], { firstName: 'Ingrid', lastName: 'Vang', email: 'ingrid.vang@example.org' });
  const theirs = await createPerson(t.database, [], { firstName: 'Ole', lastName: 'Kjær', email: 'ole.kjaer@example.org' });
  for (const p of [mine, theirs]) await t.database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status: 'active' });
  const { cookie } = await loginAs(t.database, mine.id);
  const created = await createPersonalToken(t.database.db, { kind: 'system' } as never, { personId: mine.id, name: 'export test' });
  if (!created.ok) throw new Error('no token');
  me = { id: mine.id, cookie, token: created.token.value };
  other = { id: theirs.id };

  const soon = new Date(Date.now() + 20 * 86_400_000).toISOString();
  const later = new Date(Date.now() + 20 * 86_400_000 + 7_200_000).toISOString();
  await exec(sql`insert into events (slug, kind, title, starts_at, ends_at, unit_id, audience, status, capacity, waitlist)
    values ('medlemsmoede', 'member_meeting', 'Medlemsmøde i Nord', ${soon}, ${later}, ${org.north}, 'public', 'published', 1, true),
           ('kursus', 'course', 'Kursus i arbejdsmiljø', ${soon}, ${later}, ${org.north}, 'public', 'published', 10, false)`);
  await exec(sql`insert into event_registrations (event_id, person_id, status, created_at)
    select id, ${me.id}::uuid, 'waitlisted', now() from events where slug = 'medlemsmoede'
    union all select id, ${other.id}::uuid, 'confirmed', now() from events where slug = 'medlemsmoede'
    union all select id, ${me.id}::uuid, 'confirmed', now() from events where slug = 'kursus'`);
  await exec(sql`insert into newsletter_topics (slug, name) values ('arbejdsmiljoe', '{"da":"Arbejdsmiljø","sv":"Arbetsmiljö","en":"Working environment"}')`);
  await exec(sql`insert into newsletter_topic_subscriptions (person_id, topic_id, subscribed, source) select ${me.id}, id, true, 'me' from newsletter_topics`);
  await exec(sql`insert into mailings (unit_id, kind, status, default_locale) values (${org.north}, 'service', 'sent', 'da')`);
  await exec(sql`insert into mailing_contents (mailing_id, locale, subject, body) select id, 'da', 'Nyt om din overenskomst', 'Tekst' from mailings`);
  await exec(sql`insert into mailing_recipients (mailing_id, person_id, email, locale, status)
    select id, ${me.id}::uuid, 'ingrid.vang@example.org', 'da', 'sent' from mailings union all select id, ${other.id}::uuid, 'ole.kjaer@example.org', 'da', 'sent' from mailings`);
  await exec(sql`insert into news_posts (slug, title, body, unit_id, status, published_at) values ('ny-aftale', 'Ny aftale på plads', 'Tekst', ${org.north}, 'published', now())`);
  await exec(sql`insert into news_comments (post_id, author_id, body) select id, ${me.id}::uuid, 'Godt nyt for os i Nord' from news_posts
    union all select id, ${other.id}::uuid, 'Ole skriver også' from news_posts`);
  await exec(sql`insert into workplace_meetings (unit_id, workplace_id, contact_name, contact_email, proposed_times, follow_token_hash, requester_person_id, free_topic)
    values (${org.north}, ${workplace.id}, 'Ingrid Vang', 'ingrid.vang@example.org', ${JSON.stringify([{ startsAt: soon, endsAt: later }])}::jsonb, 'hash-1', ${me.id}, 'Løn og pension')`);
});
afterAll(() => t.close());

function expectComplete(data: Record<string, unknown>) {
  expect(data.format).toBe('forening.personal-data.v1');
  expect((data.person as { id: string }).id).toBe(me.id);
  const registrations = data.eventRegistrations as { event: string; status: string }[];
  expect(registrations.map((r) => [r.event, r.status]).sort()).toEqual([
    ['Kursus i arbejdsmiljø', 'confirmed'],
    ['Medlemsmøde i Nord', 'waitlisted'],
  ]);
  expect(data.newsletterTopics).toEqual([expect.objectContaining({ slug: 'arbejdsmiljoe', subscribed: true, topic: { da: 'Arbejdsmiljø', sv: 'Arbetsmiljö', en: 'Working environment' } })]);
  expect(data.mailingsReceived).toEqual([expect.objectContaining({ subject: 'Nyt om din overenskomst', address: 'ingrid.vang@example.org', status: 'sent' })]);
  expect(data.newsComments).toEqual([expect.objectContaining({ post: 'Ny aftale på plads', body: 'Godt nyt for os i Nord' })]);
  expect(data.workplaceMeetingRequests).toEqual([expect.objectContaining({ workplace: 'Bostedet Åbrinken', topic: 'Løn og pension', contactEmail: 'ingrid.vang@example.org' })]);
  expect((data.membership as { status: string }).status).toBe('active');
  // Nothing of the other member's rows.
  const text = JSON.stringify(data);
  expect(text).not.toContain('Ole');
  expect(text).not.toContain(other.id);
}

describe('download my data', () => {
  it('holds every feature’s part on my page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/me/export.json', headers: { cookie: me.cookie } });
    expect(res.statusCode).toBe(200);
    expectComplete(JSON.parse(res.body));
  });

  it('is the same JSON at GET /api/v1/me/export for a personal token, and not for an integration', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/export', headers: { authorization: `Bearer ${me.token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = JSON.parse(res.body);
    expectComplete(data);
    const page = JSON.parse((await t.app.inject({ method: 'GET', url: '/me/export.json', headers: { cookie: me.cookie } })).body);
    const { exportedAt: _a, auditTrail: _b, ...fromApi } = data;
    const { exportedAt: _c, auditTrail: _d, ...fromPage } = page;
    expect(fromApi).toEqual(fromPage);

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me/export' })).statusCode).toBe(401);
  });
});
