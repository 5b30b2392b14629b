import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createPerson, createWorkplace, formSession, loginAs, postForm, seedUnits, testApp, type Org, type TestApp } from '../../test/app.js';
import { queryRows } from '../../platform/db/database.js';
import { subscribedCondition } from '../mailings/index.js';
import { membershipTypes, memberships } from '../members/tables.js';

/*
 * One truth for newsletters: what my page says, what /me/consents and /me/newsletters show, and what
 * the mailings do are the same answer after every change. (Once a steward without any recorded answer
 * read "Nyhedsbrev: Nej" on /me while /me/newsletters had two topics ticked, and he got them.)
 */

let t: TestApp;
let org: Org;
let steward: { id: string; cookie: string };
let topics: { id: string; slug: string }[];

beforeAll(async () => {
  t = await testApp();
  org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Ordinært medlem' }).returning();
  const workplace = await createWorkplace(t.database, org.north, 'Bostedet Åbrinken');
  const p = await createPerson(t.database, [['steward', null, workplace.id]], { firstName: 'Jens', lastName: 'Holt', email: 'jens.holt@example.org' });
  await t.database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status: 'active' });
  steward = { id: p.id, cookie: (await loginAs(t.database, p.id)).cookie };
  topics = await queryRows<{ id: string; slug: string }>(
    t.database.db,
    sql`insert into newsletter_topics (slug, name, default_subscribed, position) values
      ('loen', '{"da":"Løn og overenskomst","sv":"Lön och avtal","en":"Pay and agreements"}', true, 1),
      ('arbejdsmiljoe', '{"da":"Arbejdsmiljø","sv":"Arbetsmiljö","en":"Working environment"}', true, 2)
    returning id::text, slug`,
  );
});
afterAll(() => t.close());

const page = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: { cookie: steward.cookie } })).body;

/** The newsletter line of my page's consents card. */
async function myPageSays(): Promise<string> {
  const body = await page('/me');
  const m = /Nyhedsbrev<\/span>: <strong>([^<]*)<\/strong>/.exec(body);
  return m?.[1] ?? `(no newsletter line in ${body.length} bytes)`;
}

/** The newsletter answer the consents form shows: "yes", "no" or none. */
async function consentsFormSays(): Promise<string> {
  const body = await page('/me/consents');
  const checked = /<input[^>]*name="newsletter"[^>]*value="(yes|no)"[^>]*checked|<input[^>]*checked[^>]*name="newsletter"[^>]*value="(yes|no)"/.exec(body);
  return checked?.[1] ?? checked?.[2] ?? 'none';
}

async function ticked(): Promise<string[]> {
  const body = await page('/me/newsletters');
  return topics.filter((topic) => new RegExp(`name="subscribed" value="${topic.id}" checked`).test(body)).map((topic) => topic.slug);
}

async function mailingsReach(): Promise<string[]> {
  const out: string[] = [];
  for (const topic of topics) {
    const [row] = await queryRows<{ yes: boolean }>(t.database.db, sql`select ${subscribedCondition(sql`${steward.id}::uuid`, topic.id)} as yes`);
    if (row.yes) out.push(topic.slug);
  }
  return out;
}

async function setConsent(newsletter: 'yes' | 'no') {
  const session = await formSession(t.app, '/me/consents', steward.cookie);
  const res = await postForm(t.app, '/me/consents', session, { newsletter, surveys: 'no', eventPhotos: 'no' });
  expect(res.statusCode).toBe(303);
}

describe('newsletter consent', () => {
  it('with no answer recorded, every page says what the mailings do: both default topics', async () => {
    expect(await mailingsReach()).toEqual(['loen', 'arbejdsmiljoe']);
    expect(await ticked()).toEqual(['loen', 'arbejdsmiljoe']);
    expect(await myPageSays()).toBe('Ja (Løn og overenskomst, Arbejdsmiljø)');
    expect(await consentsFormSays()).toBe('yes');
  });

  it('after "no" on /me/consents nothing reaches him, and my page says no', async () => {
    await setConsent('no');
    expect(await mailingsReach()).toEqual([]);
    expect(await myPageSays()).toBe('Nej');
    expect(await consentsFormSays()).toBe('no');
    expect(await page('/me/newsletters')).toContain('Du har sagt nej til nyhedsbreve');
  });

  it('after "yes" again and one topic unticked, all agree on the other topic', async () => {
    await setConsent('yes');
    const session = await formSession(t.app, '/me/newsletters', steward.cookie);
    const res = await postForm(t.app, '/me/newsletters', session, { shown: topics[0].id });
    expect(res.statusCode).toBe(303);
    expect(await mailingsReach()).toEqual(['arbejdsmiljoe']);
    expect(await ticked()).toEqual(['arbejdsmiljoe']);
    expect(await myPageSays()).toBe('Ja (Arbejdsmiljø)');
    expect(await consentsFormSays()).toBe('yes');
  });
});
