import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { consents } from '../members/tables.js';
import { mailingWorld, member, type MailingWorld } from './mailings.fixture.js';
import { loadMyNewsletters, setSubscriptions, subscribedCondition } from './subscriptions.js';
import { topicSubscriptions } from './tables.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});
afterAll(async () => database.close());

async function subscribed(personId: string, topicId: string): Promise<boolean> {
  const [r] = await queryRows<{ ok: boolean }>(database.db, sql`select ${subscribedCondition(sql`${personId}::uuid`, topicId)} as ok`);
  return r.ok;
}

describe('subscribedCondition', () => {
  // row: the person's own answer (none / yes / no); default: the topic's; declined: general consent "no".
  const cases: { row: boolean | null; byDefault: boolean; declined: boolean; expected: boolean }[] = [];
  for (const row of [null, true, false])
    for (const byDefault of [true, false])
      for (const declined of [false, true]) cases.push({ row, byDefault, declined, expected: !declined && (row ?? byDefault) });

  it.each(cases)('row $row × default $byDefault × declined $declined → $expected', async ({ row, byDefault, declined, expected }) => {
    const p = await member(w);
    const topicId = byDefault ? w.topics.pay : w.topics.optIn;
    if (row !== null) await database.db.insert(topicSubscriptions).values({ personId: p.id, topicId, subscribed: row, source: 'me' });
    if (declined) await database.db.insert(consents).values({ personId: p.id, purpose: 'newsletter', granted: false, source: 'me' });
    expect(await subscribed(p.id, topicId)).toBe(expected);
  });

  it('a granted general consent changes nothing', async () => {
    const p = await member(w);
    await database.db.insert(consents).values({ personId: p.id, purpose: 'newsletter', granted: true, source: 'join' });
    expect(await subscribed(p.id, w.topics.pay)).toBe(true);
    expect(await subscribed(p.id, w.topics.optIn)).toBe(false);
  });

  it('works as a filter over a set', async () => {
    const a = await member(w);
    const b = await member(w);
    await database.db.insert(topicSubscriptions).values({ personId: b.id, topicId: w.topics.pay, subscribed: false, source: 'me' });
    const rows = await queryRows<{ id: string }>(
      database.db,
      sql`select p.id from persons p where p.id in (${a.id}, ${b.id}) and ${subscribedCondition(sql`p.id`, w.topics.pay)}`,
    );
    expect(rows.map((x) => x.id)).toEqual([a.id]);
  });
});

describe('a person’s newsletters', () => {
  it('lists every active topic with its state, and records changes with their source, audited', async () => {
    const p = await member(w);
    const before = await loadMyNewsletters(database.db, p.id);
    const names = before.topics.map((t) => t.name.da);
    expect(names).toContain('Nyt om løn');
    expect(names).not.toContain('Gammelt emne');
    expect(before.topics.find((t) => t.id === w.topics.pay)).toMatchObject({ subscribed: true, chosen: false });
    expect(before.topics.find((t) => t.id === w.topics.optIn)).toMatchObject({ subscribed: false, chosen: false });
    expect(before.declinedAll).toBe(false);

    const changed = await setSubscriptions(database.db, p.actor, p.id, [
      { topicId: w.topics.pay, subscribed: false },
      { topicId: w.topics.leaders, subscribed: true },
      { topicId: '00000000-0000-4000-8000-000000000000', subscribed: true },
    ], 'me');
    expect(changed).toEqual([w.topics.pay]);
    const rows = await database.db.select().from(topicSubscriptions).where(sql`${topicSubscriptions.personId} = ${p.id}`);
    // Already subscribed to the leaders' letter by default: nothing to record.
    expect(rows.map((r) => [r.topicId, r.subscribed, r.source])).toEqual([[w.topics.pay, false, 'me']]);
    const audits = await database.executeSql(`select fields from audit_events where entity_type = 'newsletter_subscription' and entity_id = $1`, [`${p.id}:${w.topics.pay}`]);
    expect(audits.rows).toEqual([{ fields: ['subscribed'] }]);
    const after = await loadMyNewsletters(database.db, p.id);
    expect(after.topics.find((t) => t.id === w.topics.pay)).toMatchObject({ subscribed: false, chosen: true });
  });

  it('says so when the person declined newsletters altogether', async () => {
    const p = await member(w);
    await database.db.insert(consents).values({ personId: p.id, purpose: 'newsletter', granted: false, source: 'me' });
    expect((await loadMyNewsletters(database.db, p.id)).declinedAll).toBe(true);
  });
});

describe.skipIf(!onPostgres)('at the same time (PostgreSQL)', () => {
  it('two one-click unsubscribes of the same link (a mail client and its retry) leave one row and no error', async () => {
    const p = await member(w);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => setSubscriptions(database.db, p.actor, p.id, [{ topicId: w.topics.pay, subscribed: false }], 'unsubscribe_link')),
    );
    expect(results.flat().every((id) => id === w.topics.pay)).toBe(true);
    const rows = await database.db.select().from(topicSubscriptions).where(sql`${topicSubscriptions.personId} = ${p.id}`);
    expect(rows.map((r) => r.subscribed)).toEqual([false]);
    expect((await loadMyNewsletters(database.db, p.id)).topics.find((t) => t.id === w.topics.pay)?.subscribed).toBe(false);
  });
});
