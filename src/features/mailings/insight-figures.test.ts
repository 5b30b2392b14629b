import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import { queryRows, type Database } from '../../platform/db/database.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { testDatabase } from '../../test/database.js';
import { monthsOf } from '../../kernel/insights.js';
import { persons } from '../../kernel/tables.js';
import { segments } from '../segments/tables.js';
import { linkCtx, mailingWorld, member, type MailingWorld } from './mailings.fixture.js';
import { sendMailing } from './send.js';
import { setSubscriptions } from './subscriptions.js';
import { unsubscribeByToken, unsubscribeToken } from './unsubscribe.js';
import { mailingContents, mailingRecipients, mailings, topicSubscriptions, type MailingKind } from './tables.js';
import { mailingDelivery, type MailingDeliveryMonth } from './insight-figures.js';
import { seededRandom } from '../../platform/demo-names.js';

/*
 * Newsletter delivery on the insights dashboard: newsletters frozen through the use case with their
 * recipients' states set as the dispatcher would, service mail and drafts left out, the month in the
 * organisation's time zone, opt-outs by link attributed to the unit of the newsletter last received,
 * the units' scope, and a random history recomputed naively from its rows. Dates are fixed days in
 * the past, so every month is whole.
 */

let database: Database;
let w: MailingWorld;
const zero = { mailings: 0, delivered: 0, failed: 0, pending: 0, unsubscribed: 0 };

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
}, 60_000);
afterAll(async () => database?.close());

/** A mailing of a unit sent now through the use case (its recipients frozen), then dated `at`. */
async function sent(unitId: string, segmentId: string, at: string, kind: MailingKind = 'newsletter', topicId: string = w.topics.pay): Promise<string> {
  const [m] = await database.db
    .insert(mailings)
    .values({ unitId, segmentId, kind, topicId: kind === 'newsletter' ? topicId : null, serviceReason: kind === 'service' ? 'Indkaldelse' : null })
    .returning({ id: mailings.id });
  await database.db.insert(mailingContents).values({ mailingId: m.id, locale: 'da', subject: 'Nyt fra kredsen', body: 'Kære {{firstName}}' });
  const r = await sendMailing(database.db, system, m.id, {}, linkCtx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  await database.db.execute(sql`update mailings set frozen_at = ${at}::timestamptz where id = ${m.id}`);
  return m.id;
}
/** Sets the states of a mailing's recipients, as the dispatcher leaves them: `sent` ones at `at`. */
async function deliver(mailingId: string, states: Record<string, 'sent' | 'failed' | 'sending'>, at: string) {
  for (const [personId, status] of Object.entries(states))
    await database.db.execute(sql`update mailing_recipients set status = ${status}, sent_at = ${status === 'sent' ? at : null}::timestamptz where mailing_id = ${mailingId} and person_id = ${personId}`);
}
async function unsubscribeByLink(personId: string, topicId: string, at: string) {
  expect((await unsubscribeByToken(database.db, system, await unsubscribeToken(database.db, personId, topicId))).ok).toBe(true);
  await database.db.execute(sql`update newsletter_topic_subscriptions set changed_at = ${at}::timestamptz where person_id = ${personId} and topic_id = ${topicId}`);
}
const month = (rows: MailingDeliveryMonth[], m: string) => rows.find((r) => r.month === m);

describe('mailingDelivery', () => {
  it('counts the newsletters frozen in each month by their unit and what became of their recipients; opt-outs by link for the unit last sent', async () => {
    const [a, b, c, d] = [await member(w), await member(w), await member(w), await member(w)];
    const s = await member(w, { unitId: w.org.south });
    const march = await sent(w.org.north, w.segmentNorth, '2023-03-15T10:00:00Z');
    await deliver(march, { [a.id]: 'sent', [b.id]: 'sent', [c.id]: 'failed', [d.id]: 'sending' }, '2023-03-15T10:05:00Z'); // d still in flight
    // 22:30 UTC on 31 March is 1 April in Copenhagen (summer time).
    const april = await sent(w.org.north, w.segmentNorth, '2023-03-31T22:30:00Z');
    await deliver(april, { [a.id]: 'sent', [b.id]: 'failed', [c.id]: 'sent', [d.id]: 'sent' }, '2023-03-31T22:31:00Z');
    await sent(w.org.north, w.segmentNorth, '2023-03-16T10:00:00Z', 'service'); // service mail: not counted
    const south = await sent(w.org.south, w.segmentSouth, '2023-03-10T08:00:00Z');
    await deliver(south, { [s.id]: 'sent' }, '2023-03-10T08:01:00Z');
    await database.db.insert(mailings).values({ unitId: w.org.north, segmentId: w.segmentNorth, kind: 'newsletter', topicId: w.topics.pay }); // a draft

    await unsubscribeByLink(a.id, w.topics.pay, '2023-03-20T12:00:00Z'); // after the March newsletter: the north's
    await unsubscribeByLink(s.id, w.topics.pay, '2023-03-21T12:00:00Z'); // after the south's newsletter
    await unsubscribeByLink(b.id, w.topics.leaders, '2023-03-22T12:00:00Z'); // never sent a newsletter of that topic: all units only
    await unsubscribeByLink(c.id, w.topics.pay, '2023-04-02T12:00:00Z'); // after the April newsletter: the north's, in April
    await setSubscriptions(database.db, d.actor, d.id, [{ topicId: w.topics.pay, subscribed: false }], 'me'); // on their own page: not by link
    await database.db.execute(sql`update newsletter_topic_subscriptions set changed_at = '2023-03-25T12:00:00Z' where person_id = ${d.id}`);

    const [total] = await queryRows<{ n: number }>(database.db, sql`select recipient_count as n from mailings where id = ${march}`);
    const rest = total.n - 4; // the north's other members (the world's own) are still pending
    const north = await mailingDelivery(database.db, { from: '2023-02-01', to: '2023-05-31', units: [w.org.north] });
    expect(north).toEqual([
      { month: '2023-02', ...zero },
      { month: '2023-03', mailings: 1, delivered: 2, failed: 1, pending: 1 + rest, unsubscribed: 1 },
      { month: '2023-04', mailings: 1, delivered: 3, failed: 1, pending: rest, unsubscribed: 1 },
      { month: '2023-05', ...zero },
    ]);
    expect(month(await mailingDelivery(database.db, { from: '2023-03-01', to: '2023-03-31', units: [w.org.south] }), '2023-03')).toEqual({ month: '2023-03', mailings: 1, delivered: 1, failed: 0, pending: 0, unsubscribed: 1 });
    expect(month(await mailingDelivery(database.db, { from: '2023-03-01', to: '2023-03-31', units: 'all' }), '2023-03')).toMatchObject({ mailings: 2, delivered: 3, unsubscribed: 3 });
    expect(await mailingDelivery(database.db, { from: '2023-03-01', to: '2023-04-30', units: [] })).toEqual([
      { month: '2023-03', ...zero },
      { month: '2023-04', ...zero },
    ]);
    // The range's days, not only its months: the newsletter of 15 March is outside 16–31 March.
    expect(month(await mailingDelivery(database.db, { from: '2023-03-16', to: '2023-03-31', units: [w.org.north] }), '2023-03')).toMatchObject({ mailings: 0, unsubscribed: 1 });
  });

  it('gives an opt-out to the unit of the newsletter of its topic last sent to the person before it', async () => {
    const [p, q] = [await member(w), await member(w)];
    const letter = async (unitId: string, at: string, to: Record<string, 'sent' | 'failed'>) => {
      const [m] = await database.db.insert(mailings).values({ unitId, segmentId: w.segmentNorth, kind: 'newsletter', topicId: w.topics.leaders, status: 'sent', frozenAt: new Date(at) }).returning({ id: mailings.id });
      await database.db.insert(mailingRecipients).values(Object.entries(to).map(([personId, status]) => ({ mailingId: m.id, personId, email: 'x@example.org', locale: 'da', status, sentAt: status === 'sent' ? new Date(at) : null })));
      await database.db.execute(sql`update mailings set recipient_count = ${Object.keys(to).length} where id = ${m.id}`);
    };
    await letter(w.org.north, '2022-05-01T08:00:00Z', { [p.id]: 'sent', [q.id]: 'sent' });
    await letter(w.org.south, '2022-05-10T08:00:00Z', { [p.id]: 'sent', [q.id]: 'failed' }); // q never got the south's
    await letter(w.org.north, '2022-05-20T08:00:00Z', { [p.id]: 'sent', [q.id]: 'sent' }); // after both opted out
    await unsubscribeByLink(p.id, w.topics.leaders, '2022-05-15T12:00:00Z');
    await unsubscribeByLink(q.id, w.topics.leaders, '2022-05-16T12:00:00Z');
    const may = async (units: string[]) => month(await mailingDelivery(database.db, { from: '2022-05-01', to: '2022-05-31', units }), '2022-05');
    expect(await may([w.org.north])).toEqual({ month: '2022-05', mailings: 2, delivered: 4, failed: 0, pending: 0, unsubscribed: 1 });
    expect(await may([w.org.south])).toEqual({ month: '2022-05', mailings: 1, delivered: 1, failed: 1, pending: 0, unsubscribed: 1 });
    expect(await may([w.org.north, w.org.south])).toMatchObject({ mailings: 3, unsubscribed: 2 });
  });

  it('agrees with a naive count over a random history', async () => {
    const rnd = seededRandom(424_242);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const HOUR = 3_600_000;
    const t0 = Date.parse('2021-01-01T00:00:00Z');
    const span = Date.parse('2022-12-31T23:00:00Z') - t0;
    const people = await database.db
      .insert(persons)
      .values(Array.from({ length: 40 }, (_, i) => ({ firstName: 'Tilfældig', lastName: `Modtager ${i}`, email: `random-recipient${i}.${Date.now()}@example.org` })))
      .returning({ id: persons.id });
    const units = [w.org.north, w.org.south, w.org.leaders, w.org.national];
    const [leadersSegment] = await database.db.insert(segments).values({ unitId: w.org.leaders, name: 'Ledere', filter: { match: 'all', conditions: [], exclude: [] } }).returning({ id: segments.id });
    const topics = [w.topics.pay, w.topics.leaders, w.topics.optIn];
    for (let i = 0; i < 30; i++) {
      const kind = rnd() < 0.8 ? ('newsletter' as const) : ('service' as const);
      const frozen = rnd() < 0.9 ? new Date(t0 + Math.floor(rnd() * span)) : null;
      const [m] = await database.db
        .insert(mailings)
        .values({ unitId: pick(units), segmentId: leadersSegment.id, kind, topicId: kind === 'newsletter' ? pick(topics) : null, serviceReason: kind === 'service' ? 'Tilfældig' : null, status: frozen ? pick(['sending', 'paused', 'sent'] as const) : 'draft', frozenAt: frozen })
        .returning({ id: mailings.id });
      if (!frozen) continue;
      const to = people.filter(() => rnd() < 0.3);
      if (to.length)
        await database.db.insert(mailingRecipients).values(
          to.map((p) => {
            const status = pick(['sent', 'sent', 'sent', 'failed', 'pending', 'sending'] as const);
            return { mailingId: m.id, personId: p.id, email: 'x@example.org', locale: 'da', status, sentAt: status === 'sent' ? new Date(frozen.getTime() + Math.floor(rnd() * 48 * HOUR)) : null };
          }),
        );
      await database.db.execute(sql`update mailings set recipient_count = (select count(*) from mailing_recipients where mailing_id = ${m.id}) where id = ${m.id}`);
    }
    const pairs = people.flatMap((p) => topics.map((t) => ({ personId: p.id, topicId: t }))).filter(() => rnd() < 0.5);
    await database.db
      .insert(topicSubscriptions)
      .values(pairs.map((x) => ({ ...x, subscribed: rnd() < 0.3, source: pick(['unsubscribe_link', 'unsubscribe_link', 'me', 'staff', 'join'] as const), changedAt: new Date(t0 + Math.floor(rnd() * span)) })))
      .onConflictDoNothing();

    const allMailings = await queryRows<{ id: string; unit_id: string; kind: string; topic_id: string | null; frozen_ms: number | null; recipient_count: number | null }>(
      database.db,
      sql`select id, unit_id, kind, topic_id, (extract(epoch from frozen_at) * 1000)::float8 as frozen_ms, recipient_count from mailings`,
    );
    const recipients = await queryRows<{ mailing_id: string; person_id: string | null; status: string; sent_ms: number | null }>(
      database.db,
      sql`select mailing_id, person_id, status, (extract(epoch from sent_at) * 1000)::float8 as sent_ms from mailing_recipients`,
    );
    const subs = await queryRows<{ person_id: string; topic_id: string; subscribed: boolean; source: string; changed_ms: number }>(
      database.db,
      sql`select person_id, topic_id, subscribed, source, (extract(epoch from changed_at) * 1000)::float8 as changed_ms from newsletter_topic_subscriptions`,
    );
    expect(recipients.length + subs.length).toBeGreaterThan(300);
    const orgDay = (ms: number) => localParts(new Date(ms), organisationTimeZone).date;
    const naive = (from: string, to: string, set: 'all' | string[]): MailingDeliveryMonth[] => {
      const inRange = (ms: number) => orgDay(ms) >= from && orgDay(ms) <= to;
      const inUnits = (u: string) => set === 'all' || set.includes(u);
      const news = allMailings.filter((m) => m.kind === 'newsletter' && m.frozen_ms !== null && inRange(m.frozen_ms) && inUnits(m.unit_id));
      const outs = subs.filter((s) => s.source === 'unsubscribe_link' && !s.subscribed && inRange(s.changed_ms));
      const lastUnit = (s: (typeof subs)[number]): string | null => {
        const got = allMailings
          .filter((m) => m.kind === 'newsletter' && m.topic_id === s.topic_id && m.frozen_ms !== null && m.frozen_ms <= s.changed_ms)
          .filter((m) => recipients.some((r) => r.mailing_id === m.id && r.person_id === s.person_id && r.status === 'sent' && r.sent_ms! <= s.changed_ms))
          .sort((x, y) => y.frozen_ms! - x.frozen_ms! || (y.id < x.id ? -1 : 1));
        return got[0]?.unit_id ?? null;
      };
      return monthsOf({ from, to }).map((mo) => {
        const these = news.filter((m) => orgDay(m.frozen_ms!).slice(0, 7) === mo);
        const rs = recipients.filter((r) => these.some((m) => m.id === r.mailing_id));
        return {
          month: mo,
          mailings: these.length,
          delivered: rs.filter((r) => r.status === 'sent').length,
          failed: rs.filter((r) => r.status === 'failed').length,
          pending: rs.filter((r) => r.status === 'pending' || r.status === 'sending').length,
          unsubscribed: outs.filter((s) => orgDay(s.changed_ms).slice(0, 7) === mo && (set === 'all' || (lastUnit(s) !== null && set.includes(lastUnit(s)!)))).length,
        };
      });
    };
    const ranges: [string, string, 'all' | string[]][] = [
      ['2021-01-01', '2022-12-31', 'all'],
      ['2021-01-01', '2022-12-31', [w.org.north]],
      ['2021-03-17', '2022-08-09', [w.org.south, w.org.leaders]],
      ['2022-01-01', '2022-06-30', [w.org.national, w.org.north, w.org.south]],
    ];
    let seen = 0;
    for (const [from, to, set] of ranges) {
      const got = await mailingDelivery(database.db, { from, to, units: set });
      expect(got).toEqual(naive(from, to, set));
      seen += got.reduce((s, r) => s + r.mailings + r.unsubscribed, 0);
    }
    expect(seen).toBeGreaterThan(40);
  });
});
