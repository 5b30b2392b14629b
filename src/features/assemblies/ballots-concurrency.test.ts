import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { openPostgres, type Database } from '../../platform/db/database.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { assemblyWorld, calledAssembly, inSession, type AssemblyWorld } from './assemblies.fixture.js';
import { castBallot, type BallotResult } from './ballots.js';
import { closePoll } from './poll-close.js';
import { pollInput } from './poll-schema.js';
import { createPoll, openPoll } from './polls.js';
import { recordProxy } from './proxies.js';

/**
 * One ballot per voter, and exactly the ballots accepted counted, under real concurrency: PGlite runs
 * one transaction at a time, so only PostgreSQL (TEST_DATABASE_URL) can show it. A thousand members
 * in the hall vote at once through three connection pools (as from three app processes); then each
 * tries again at once; then a close races a burst of ballots.
 */

const VOTERS = 1_000;
const CHOICES = ['yes', 'no', 'abstain'] as const;

let database: Database;
let others: Database[] = [];
let w: AssemblyWorld;
let assemblyId: string;
let itemId: string;
let voters: { id: string; actor: Actor }[] = [];

const poolFor = (i: number) => [database, ...others][i % 3].db;
const rows = async (text: string, values: unknown[] = []) => (await database.executeSql(text, values)).rows;

async function openSecretPoll(title: string): Promise<string> {
  const made = await createPoll(database.db, w.staffNorth.actor, assemblyId, pollInput.parse({ itemId, title, method: 'yes_no_abstain', secret: true }));
  if (!made.ok) throw new Error(JSON.stringify(made));
  const opened = await openPoll(database.db, w.staffNorth.actor, made.poll.id);
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  return made.poll.id;
}

const reasons = (results: BallotResult[]) => results.reduce<Record<string, number>>((m, r) => ((m[r.ok ? 'ok' : r.reason] = (m[r.ok ? 'ok' : r.reason] ?? 0) + 1), m), {});

describe.runIf(onPostgres)('simultaneous secret ballots on PostgreSQL (skipped on PGlite: set TEST_DATABASE_URL)', () => {
  beforeAll(async () => {
    database = await testDatabase(20);
    others = [await openPostgres(database.connectionString!, 10), await openPostgres(database.connectionString!, 10)];
    w = await assemblyWorld(database, { members: 2 });
    // The electorate, made set-based: a thousand active members of the north, on the roll and checked in.
    const made = await database.executeSql(
      `with p as (
         insert into persons (first_name, last_name, email)
         select 'Vælger', 'Nr ' || i, 'vaelger.' || i || '.' || $2 || '@example.org' from generate_series(1, $1::int) i
         returning id)
       insert into memberships (person_id, type_id, unit_id, status, status_since) select id, $3, $4, 'active', current_date - 30 from p returning person_id`,
      [VOTERS, Date.now(), w.typeId, w.org.north],
    );
    voters = made.rows.map((r) => ({ id: String(r.person_id), actor: { kind: 'person', personId: String(r.person_id), firstName: 'Vælger', lastName: 'Nr', grants: [] } }));
    const a = await calledAssembly(w);
    assemblyId = a.id;
    itemId = a.agenda.find((i) => i.kind === 'motions')!.id;
    await inSession(w, assemblyId);
    await database.executeSql(`insert into assembly_attendance (assembly_id, person_id) select $1, person_id from assembly_roll where assembly_id = $1 and person_id = any($2::uuid[])`, [assemblyId, voters.map((v) => v.id)]);
    await database.executeSql('analyze');
  }, 120_000);
  afterAll(async () => {
    for (const o of others) await o.close();
    if (database) await database.close();
  });

  it(`${VOTERS} voters at once: each counted once, the tally is what was cast, and a second ballot from each is refused`, async () => {
    const pollId = await openSecretPoll('Tusind på én gang');
    const first = await Promise.all(voters.map((v, i) => castBallot(poolFor(i), v.actor, pollId, { choice: CHOICES[i % 3] })));
    expect(reasons(first)).toEqual({ ok: VOTERS });
    const again = await Promise.all(voters.map((v, i) => castBallot(poolFor(i + 1), v.actor, pollId, { choice: CHOICES[(i + 1) % 3] })));
    expect(reasons(again)).toEqual({ already_voted: VOTERS });
    expect(await rows(`select count(*)::int as voters, count(distinct person_id)::int as distinct_voters from poll_voters where poll_id = $1`, [pollId])).toEqual([{ voters: VOTERS, distinct_voters: VOTERS }]);
    expect(await rows(`select count(*)::int as n from secret_ballots where poll_id = $1`, [pollId])).toEqual([{ n: VOTERS }]);

    const closed = await closePoll(database.db, w.staffNorth.actor, pollId);
    if (!closed.ok) throw new Error(JSON.stringify(closed));
    const expected = { yes: Math.ceil(VOTERS / 3), no: Math.ceil((VOTERS - 1) / 3), abstain: Math.ceil((VOTERS - 2) / 3) };
    expect(closed.poll.result).toMatchObject({ counts: expected, electronic: VOTERS, eligible: VOTERS, present: VOTERS });
    expect(await rows(`select count(*)::int as n from secret_ballots where poll_id = $1`, [pollId])).toEqual([{ n: 0 }]);
  }, 120_000);

  it('50 simultaneous ballots of one voter: exactly one counts', async () => {
    const pollId = await openSecretPoll('Samme vælger');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => castBallot(poolFor(i), voters[0].actor, pollId, { choice: 'yes' })));
    expect(reasons(results)).toEqual({ ok: 1, already_voted: 49 });
    expect(await rows(`select count(*)::int as n from secret_ballots where poll_id = $1`, [pollId])).toEqual([{ n: 1 }]);
  }, 60_000);

  it('a close racing a burst: every accepted ballot is counted, every later one refused', async () => {
    const pollId = await openSecretPoll('Lukket midt i');
    // The close starts once a quarter of the burst is in, so it lands among ballots in flight.
    let done = 0;
    let startClose: () => void = () => {};
    const quarter = new Promise<void>((r) => (startClose = r));
    const burst = voters.slice(0, 400).map((v, i) =>
      castBallot(poolFor(i), v.actor, pollId, { choice: 'yes' }).then((r) => {
        if (++done === 100) startClose();
        return r;
      }),
    );
    await quarter;
    // The chair's console is another process: its own connection, not queued behind the ballots' pools.
    const chair = await openPostgres(database.connectionString!, 1);
    const closed = await closePoll(chair.db, w.staffNorth.actor, pollId).finally(() => chair.close());
    const results = await Promise.all(burst);
    if (!closed.ok) throw new Error(JSON.stringify(closed));
    const accepted = results.filter((r) => r.ok).length;
    // PostgreSQL grants a compatible KEY SHARE ahead of a waiting FOR UPDATE, so a close asked for
    // during a burst may wait for the burst to drain: the ballots it lets in are counted, that's all.
    expect(accepted).toBeGreaterThanOrEqual(100);
    expect(accepted + results.filter((r) => !r.ok && r.reason === 'poll_status').length).toBe(400);
    expect(await castBallot(database.db, voters[500].actor, pollId, { choice: 'no' })).toEqual({ ok: false, reason: 'poll_status', params: { status: 'closed' } });
    expect(closed.poll.result?.counts.yes).toBe(accepted);
    expect(await rows(`select count(*)::int as n from poll_voters where poll_id = $1`, [pollId])).toEqual([{ n: accepted }]);
    expect(await rows(`select count(*)::int as n from secret_ballots where poll_id = $1`, [pollId])).toEqual([{ n: 0 }]);
  }, 60_000);

  it('20 proxies recorded at once for one holder: no more than the rules allow', async () => {
    await database.executeSql(`update assemblies set rules = rules || '{"proxiesAllowed": true, "proxiesPerHolder": 2}'::jsonb where id = $1`, [assemblyId]);
    // The givers must be absent: check twenty voters out.
    const givers = voters.slice(100, 120);
    await database.executeSql(`update assembly_attendance set checked_out_at = now() where assembly_id = $1 and person_id = any($2::uuid[])`, [assemblyId, givers.map((g) => g.id)]);
    const results = await Promise.all(givers.map((g, i) => recordProxy(poolFor(i), w.staffNorth.actor, assemblyId, { holderId: voters[0].id, giverId: g.id })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.reason))).toEqual(Array(18).fill('proxy_limit'));
    expect(await rows(`select count(*)::int as n from assembly_proxies where assembly_id = $1 and holder_person_id = $2`, [assemblyId, voters[0].id])).toEqual([{ n: 2 }]);
  }, 60_000);
});
