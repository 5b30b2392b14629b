import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, type AssemblyWorld } from './assemblies.fixture.js';
import { closePoll } from './poll-close.js';
import { closeAndPublish, hall, poll, vote, type Hall } from './polls.fixture.js';

/*
 * THE SECRET BALLOT: what the database holds of a secret poll, read the way an administrator with
 * database access would read it — every column, the catalogue, the system columns — and shown to
 * link no ballot to a voter. README ("Secret ballots") says what this leaves and why.
 */

let t: TestApp;
let w: AssemblyWorld;
let h: Hall;
let pollId: string;
const cast = ['yes', 'no', 'yes', 'abstain', 'yes'] as const;

const rows = async (text: string, values: unknown[] = []) => (await t.database.executeSql(text, values)).rows;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
  const voters = w.members.slice(1, 6);
  h = await hall(w, { present: voters });
  pollId = await poll(w, h, { secret: true });
  for (const [i, who] of voters.entries()) {
    const r = await vote(w, who, pollId, { choice: cast[i] });
    if (!r.ok) throw new Error(JSON.stringify(r));
  }
}, 60_000);
afterAll(() => t?.close());

describe('a secret poll while it is open', () => {
  it('keeps ballots in a table of exactly two columns — the poll and the marks — with no key, default, time or serial', async () => {
    const columns = await rows(`select column_name, data_type, column_default from information_schema.columns where table_schema = 'public' and table_name = 'secret_ballots' order by column_name`);
    expect(columns).toEqual([
      { column_name: 'choices', data_type: 'ARRAY', column_default: null },
      { column_name: 'poll_id', data_type: 'uuid', column_default: null },
    ]);
    // No primary key or unique constraint that could carry an order or an identity.
    const constraints = await rows(`select constraint_type from information_schema.table_constraints where table_schema = 'public' and table_name = 'secret_ballots' and constraint_type in ('PRIMARY KEY', 'UNIQUE') `);
    expect(constraints).toEqual([]);
    // Who voted is recorded apart, with no time or order of its own either.
    const voterColumns = await rows(`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'poll_voters' order by column_name`);
    expect(voterColumns.map((c) => c.column_name)).toEqual(['cast_by_person_id', 'person_id', 'poll_id']);
  });

  it('holds the ballots as the poll and the sorted marks only, and the voters without their marks', async () => {
    const ballots = await rows(`select * from secret_ballots where poll_id = $1`, [pollId]);
    expect(ballots.map((b) => Object.keys(b).sort())).toEqual(cast.map(() => ['choices', 'poll_id']));
    expect(ballots.map((b) => (b.choices as string[]).join()).sort()).toEqual([...cast].sort());
    const voters = await rows(`select * from poll_voters where poll_id = $1`, [pollId]);
    expect(voters).toHaveLength(cast.length);
    const voterIds = voters.map((v) => String(v.person_id));
    // Nothing in a ballot names anyone; nothing in a voter row says what they chose.
    for (const b of ballots) for (const id of voterIds) expect(JSON.stringify(b)).not.toContain(id);
    for (const v of voters) expect(Object.values(v).map(String).some((x) => ['yes', 'no', 'abstain'].includes(x))).toBe(false);
    // No named ballot was written for a secret poll.
    expect(await rows(`select 1 from named_ballots where poll_id = $1`, [pollId])).toEqual([]);
  });

  it('audits that each voted, never what', async () => {
    const audit = await rows(`select entity_type, entity_id, fields from audit_events where entity_id like $1 and entity_type = 'poll_voter'`, [`${pollId}%`]);
    expect(audit).toHaveLength(cast.length);
    for (const a of audit) expect(JSON.stringify(a)).not.toMatch(/yes|"no"|abstain|choice/);
  });

  it('shares a transaction id with the voter row while the poll is open — the link the close removes', async () => {
    // Documented, not hidden: one transaction writes both rows, so their xmin is the same until the
    // ballots are deleted at the close (README, "Secret ballots").
    const linked = await rows(`select count(*)::int as n from secret_ballots b where b.poll_id = $1 and exists (select 1 from poll_voters v where v.poll_id = b.poll_id and v.xmin = b.xmin)`, [pollId]);
    expect(linked).toEqual([{ n: cast.length }]);
  });

  it('refuses in the database any change, and any deletion, of a cast ballot', async () => {
    await expect(t.database.executeSql(`update secret_ballots set choices = '{no}' where poll_id = $1`, [pollId])).rejects.toThrow(/cannot be changed/);
    await expect(t.database.executeSql(`delete from secret_ballots where poll_id = $1`, [pollId])).rejects.toThrow(/cannot be deleted/);
    expect(await rows(`select count(*)::int as n from secret_ballots where poll_id = $1`, [pollId])).toEqual([{ n: cast.length }]);
  });
});

describe('a secret poll once closed', () => {
  it('keeps only the counts: the ballots are gone, the result is what was cast, turnout remains', async () => {
    const published = await closeAndPublish(w, h, pollId);
    expect(await rows(`select * from secret_ballots where poll_id = $1`, [pollId])).toEqual([]);
    expect(published.results).toEqual({ yes: 3, no: 1, abstain: 1 });
    expect(published.result).toMatchObject({ electronic: 5, paper: 0, valid: 4, blank: 1, outcome: 'adopted' });
    expect(await rows(`select count(*)::int as n from poll_voters where poll_id = $1`, [pollId])).toEqual([{ n: 5 }]);
    // No ballot anywhere in the table shares a transaction with this poll's voters any more.
    expect(await rows(`select count(*)::int as n from secret_ballots b where exists (select 1 from poll_voters v where v.poll_id = $1 and v.xmin = b.xmin)`, [pollId])).toEqual([{ n: 0 }]);
  });

  it('counts nothing when a ballot was removed behind the application’s back (triggers off)', async () => {
    const other = await poll(w, h, { secret: true });
    expect((await vote(w, w.members[2], other, { choice: 'yes' })).ok).toBe(true);
    expect((await vote(w, w.members[3], other, { choice: 'no' })).ok).toBe(true);
    await t.database.executeSql(`alter table secret_ballots disable trigger user`);
    await t.database.executeSql(`delete from secret_ballots where poll_id = $1 and choices = '{no}'`, [other]);
    await t.database.executeSql(`alter table secret_ballots enable trigger user`);
    await expect(closePoll(t.database.db, h.chair.actor, other)).rejects.toThrow(/1 ballots for 2 voters/);
    expect(await rows(`select status, result from polls where id = $1`, [other])).toEqual([{ status: 'open', result: null }]);
  });

  it('refuses an UPDATE of another poll’s ballots even after this one closed, and lets nobody close twice', async () => {
    const other = await poll(w, h, { secret: true });
    const r = await vote(w, w.members[1], other, { choice: 'no' });
    expect(r.ok).toBe(true);
    await expect(t.database.executeSql(`update secret_ballots set choices = '{yes}'`)).rejects.toThrow(/cannot be changed/);
    expect((await closePoll(t.database.db, h.chair.actor, other)).ok).toBe(true);
    expect(await closePoll(t.database.db, h.chair.actor, other)).toMatchObject({ ok: false, reason: 'poll_status' });
  });
});
