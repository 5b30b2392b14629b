import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows, type Database } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { addNetworkMember, listNetworkMembers, removeNetworkMember } from './membership.js';
import { ctx, networkOf, networkWorld, type NetworkWorld } from './networks.fixture.js';
import { createThread, replyToThread } from './threads.js';

/**
 * The networks under real concurrency: PGlite runs one transaction at a time, so only PostgreSQL
 * (TEST_DATABASE_URL) can show it. Everything goes through three connection pools at once, as from
 * three server processes: 50 replies to one thread take the places 2..51 with none twice and the
 * thread counts 51; two coordinators who remove each other at the same moment leave exactly one;
 * 30 people joining an open network at once, each twice, get one row each.
 */

const REPLIES = 50;
const JOINERS = 30;

let database: Database;
let others: Database[] = [];
let w: NetworkWorld;
/** The pools in turn, so that simultaneous calls really race on separate connections. */
const pool = (i: number) => [database, ...others][i % 3].db;

type Person = { id: string; actor: Actor };

/** Active members of the north, made in one statement, with actors as the app would have them. */
async function people(count: number, label: string): Promise<Person[]> {
  const [type] = await queryRows<{ id: string }>(database.db, sql`insert into membership_types (code, name) values (${`conc-${label}-${Date.now()}`}, 'Ordinært medlem') returning id`);
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`with p as (
          insert into persons (first_name, last_name, email, preferred_locale)
          select 'Samtidig', ${label} || ' ' || i, ${label} || '.' || i || '.' || ${String(Date.now())} || '@networks.example', 'da' from generate_series(1, ${count}::int) i returning id)
        insert into memberships (person_id, type_id, unit_id, status, status_since) select id, ${type.id}::uuid, ${w.org.north}::uuid, 'active', current_date - 30 from p returning person_id as id`,
  );
  return rows.map((r) => ({ id: r.id, actor: { kind: 'person', personId: r.id, firstName: 'Samtidig', lastName: label, grants: [] } }));
}

describe.runIf(onPostgres)('networks under concurrency on PostgreSQL (skipped on PGlite: set TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    database = await testDatabase(16);
    others = [await openPostgres(database.connectionString!, 16), await openPostgres(database.connectionString!, 16)];
    w = await networkWorld(database);
  }, 120_000);
  afterAll(async () => {
    for (const o of others) await o.close();
    if (database) await database.close();
  });

  it(`${REPLIES} simultaneous replies to one thread get the places 2..${REPLIES + 1}, none twice, and the thread counts ${REPLIES + 1}`, async () => {
    const repliers = await people(REPLIES, 'Svarer');
    const id = await networkOf(w, { people: repliers.map((p) => p.id) });
    // Nobody wants a mail per post here: the race is about the thread, not the queue.
    await database.db.execute(sql`insert into network_notifications (network_id, person_id, mode) select ${id}::uuid, person_id, 'none' from network_members where network_id = ${id}::uuid and person_id is not null`);
    const th = await createThread(database.db, w.staff.actor, id, { title: 'Alle på én gang', body: 'Skriv her' }, ctx);
    if (!th.ok) throw new Error(JSON.stringify(th));

    const results = await Promise.all(repliers.map((p, i) => replyToThread(pool(i), p.actor, th.threadId, { body: `Svar nummer ${i}` }, ctx)));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const seqs = results.map((r) => (r.ok ? r.seq : 0)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: REPLIES }, (_, i) => i + 2));

    const [thread] = await queryRows<{ post_count: number }>(database.db, sql`select post_count from network_threads where id = ${th.threadId}::uuid`);
    expect(thread.post_count).toBe(REPLIES + 1);
    const posts = await queryRows<{ seq: number; author_id: string }>(database.db, sql`select seq, author_id from network_posts where thread_id = ${th.threadId}::uuid order by seq`);
    expect(posts.map((p) => p.seq)).toEqual(Array.from({ length: REPLIES + 1 }, (_, i) => i + 1));
    // Each replier once.
    expect(new Set(posts.slice(1).map((p) => p.author_id)).size).toBe(REPLIES);
  }, 120_000);

  it('two coordinators removing each other at the same moment leave exactly one coordinator (ten times over)', async () => {
    for (let round = 0; round < 10; round++) {
      const id = await networkOf(w, {});
      // The staff expert made a second coordinator: two organisers, each may remove the other.
      const made = await addNetworkMember(database.db, w.staff.actor, id, { memberId: w.expert.id, role: 'coordinator' });
      expect(made).toMatchObject({ ok: true, member: { role: 'coordinator' } });
      const rows = await listNetworkMembers(database.db, w.staff.actor, id);
      if (!rows.ok) throw new Error('members');
      const rowOf = (personId: string) => rows.members.find((m) => m.personId === personId)!.id;
      const [a, b] = await Promise.all([
        removeNetworkMember(pool(round), w.staff.actor, id, rowOf(w.expert.id)),
        removeNetworkMember(pool(round + 1), w.expert.actor, id, rowOf(w.staff.id)),
      ]);
      const outcomes = [a, b].map((r) => (r.ok ? 'removed' : r.reason)).sort();
      expect(outcomes, `round ${round}`).toEqual(['last_coordinator', 'removed']);
      const [left] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from network_members where network_id = ${id}::uuid and role = 'coordinator' and status = 'active'`);
      expect(left.n, `round ${round}`).toBe(1);
    }
  }, 120_000);

  it(`${JOINERS} people joining an open network at once, each twice, get exactly one row each`, async () => {
    const joiners = await people(JOINERS, 'Ny');
    const id = await networkOf(w, { joinPolicy: 'open' });
    const attempts = [...joiners, ...joiners].map((p, i) => ({ p, db: pool(i + (i >= JOINERS ? 1 : 0)) }));
    const results = await Promise.all(attempts.map(({ p, db }) => addNetworkMember(db, p.actor, id, { memberId: p.id })));
    const tally = results.reduce<Record<string, number>>((m, r) => {
      const k = r.ok ? r.member.status : r.reason;
      m[k] = (m[k] ?? 0) + 1;
      return m;
    }, {});
    expect(tally).toEqual({ active: JOINERS, already_member: JOINERS });
    const rows = await queryRows<{ person_id: string; n: number }>(
      database.db,
      sql`select person_id, count(*)::int as n from network_members where network_id = ${id}::uuid and role = 'member' group by person_id`,
    );
    expect(rows).toHaveLength(JOINERS);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set(joiners.map((p) => p.id)));
  }, 120_000);
});
