import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { seededRandom } from '../../platform/demo-names.js';
import { persons } from '../../kernel/tables.js';
import { monthsOf, type FigureUnits } from '../../kernel/insights.js';
import { seedUnits } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { dateInDays } from '../../test/time.js';
import { ctx, inHours, meetingWorld, requestInput, type MeetingWorld } from './meetings.fixture.js';
import { scheduleInput } from './schema.js';
import { requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting } from './schedule.js';
import { declineMeeting, reportMeeting } from './workflow.js';
import { meetingStatuses, workplaceMeetings } from './tables.js';
import { meetingsHeld, type MeetingsHeldMonth } from './insight-figures.js';

let database: Database;
let w: MeetingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await meetingWorld(database);
});
afterAll(async () => database?.close());

const H = 3600_000;
const D = 24 * H;
const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });
const localDay = (d: Date) => local.format(d);
let tokens = 0;

/** A meeting row written past the use cases, for histories with chosen dates. */
function meetingRow(unitId: string, fields: Partial<typeof workplaceMeetings.$inferInsert>): typeof workplaceMeetings.$inferInsert {
  return {
    unitId,
    newWorkplaceName: 'Et Opfundet Sted',
    contactName: 'Kontakt Person',
    contactEmail: 'kontakt@example.org',
    proposedTimes: [{ startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + H).toISOString() }],
    followTokenHash: `follow-${++tokens}-${Date.now()}`,
    politicianId: w.politician.personId,
    consultantId: w.consultant.personId,
    ...fields,
  };
}

async function scheduled(startInDays: number, contactEmail: string): Promise<string> {
  const r = await requestWorkplaceMeeting(database.db, w.stewardA.actor, requestInput(w, { contactEmail }), ctx);
  if (!r.ok) throw new Error(JSON.stringify(r));
  const input = scheduleInput.parse({ startsAt: inHours(24 * startInDays), endsAt: inHours(24 * startInDays + 2), politicianId: w.politician.personId, consultantId: w.consultant.personId });
  const s = await scheduleMeeting(database.db, w.staffNorth, r.meeting.id, input, ctx);
  if (!s.ok) throw new Error(JSON.stringify(s));
  return r.meeting.id;
}

describe('meetings held', () => {
  it('counts the reported meetings of the units in the set, with their reports’ numbers', async () => {
    const a = await scheduled(20, 'a@example.org');
    const b = await scheduled(21, 'b@example.org');
    const notReported = await scheduled(22, 'c@example.org');
    const declined = await requestWorkplaceMeeting(database.db, w.stewardA.actor, requestInput(w, { contactEmail: 'd@example.org' }), ctx);
    if (!declined.ok) throw new Error('request');
    expect((await declineMeeting(database.db, w.staffNorth, declined.meeting.id, { reason: 'Ingen tid' }, ctx)).ok).toBe(true);
    // Time passes: the three meetings took place this morning.
    for (const id of [a, b, notReported]) await database.db.execute(sql`update workplace_meetings set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ${id}`);
    expect((await reportMeeting(database.db, w.consultant, a, { note: 'Godt møde', participants: 14, membersRecruited: 3 })).ok).toBe(true);
    expect((await reportMeeting(database.db, w.consultant, b, { note: 'Få kom', participants: 5, membersRecruited: 0 })).ok).toBe(true);
    // One held in the south the same morning.
    await database.db.insert(workplaceMeetings).values(meetingRow(w.org.south, { status: 'held', startsAt: new Date(Date.now() - 3 * H), endsAt: new Date(Date.now() - H), participants: 30, membersRecruited: 9 }));

    const range = { from: dateInDays(-2), to: dateInDays(0), units: [w.org.north] };
    const months = await meetingsHeld(database.db, range);
    expect(months.map((m) => m.month)).toEqual(monthsOf(range));
    const month = localDay(new Date(Date.now() - 3 * H)).slice(0, 7);
    expect(months.find((m) => m.month === month)).toEqual({ month, held: 2, participants: 19, membersRecruited: 3 });
    expect(months.filter((m) => m.month !== month).every((m) => m.held === 0)).toBe(true);
    const south = await meetingsHeld(database.db, { ...range, units: [w.org.south] });
    expect(south.find((m) => m.month === month)).toEqual({ month, held: 1, participants: 30, membersRecruited: 9 });
    expect((await meetingsHeld(database.db, { ...range, units: [] })).every((m) => m.held === 0)).toBe(true);
  });

  it('buckets by the Copenhagen month (winter and summer time) and counts a missing number as 0', async () => {
    const y = new Date().getUTCFullYear() - 2;
    const org = await seedUnits(database);
    const held = (at: string, participants: number | null, membersRecruited: number | null) =>
      meetingRow(org.north, { status: 'held', startsAt: new Date(at), endsAt: new Date(new Date(at).getTime() + H), participants, membersRecruited });
    await database.db.insert(workplaceMeetings).values([
      held(`${y}-01-31T22:30:00Z`, 7, 2), // 23:30 on 31 January in Copenhagen
      held(`${y}-01-31T23:30:00Z`, null, null), // 00:30 on 1 February
      held(`${y}-02-10T10:00:00Z`, 4, null),
      held(`${y}-06-30T21:30:00Z`, 10, 1), // 23:30 on 30 June (summer time)
      held(`${y}-06-30T22:30:00Z`, 3, 3), // 00:30 on 1 July
      held(`${y}-08-01T10:00:00Z`, 99, 99), // after the range
      meetingRow(org.north, { status: 'scheduled', startsAt: new Date(`${y}-02-11T10:00:00Z`), endsAt: new Date(`${y}-02-11T12:00:00Z`) }),
      meetingRow(org.north, { status: 'cancelled', startsAt: new Date(`${y}-02-12T10:00:00Z`), endsAt: new Date(`${y}-02-12T12:00:00Z`), participants: 50 }),
    ]);
    const m = (month: string, h: number, p: number, r: number): MeetingsHeldMonth => ({ month, held: h, participants: p, membersRecruited: r });
    expect(await meetingsHeld(database.db, { from: `${y}-01-01`, to: `${y}-07-31`, units: [org.north] })).toEqual([
      m(`${y}-01`, 1, 7, 2),
      m(`${y}-02`, 2, 4, 0),
      m(`${y}-03`, 0, 0, 0),
      m(`${y}-04`, 0, 0, 0),
      m(`${y}-05`, 0, 0, 0),
      m(`${y}-06`, 1, 10, 1),
      m(`${y}-07`, 1, 3, 3),
    ]);
    // The range's ends are whole Copenhagen days.
    expect(await meetingsHeld(database.db, { from: `${y}-02-01`, to: `${y}-06-30`, units: [org.north] })).toEqual([
      m(`${y}-02`, 2, 4, 0),
      m(`${y}-03`, 0, 0, 0),
      m(`${y}-04`, 0, 0, 0),
      m(`${y}-05`, 0, 0, 0),
      m(`${y}-06`, 1, 10, 1),
    ]);
  });

  it('agrees with a naive count of the raw rows of a random history', async () => {
    const rnd = seededRandom(77031);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const org = await seedUnits(database);
    const [pol, con] = await database.db
      .insert(persons)
      .values([
        { firstName: 'Politiker', lastName: 'Opfundet', email: `pol.${Date.now()}@example.org` },
        { firstName: 'Konsulent', lastName: 'Opfundet', email: `kon.${Date.now()}@example.org` },
      ])
      .returning({ id: persons.id });
    const rows = Array.from({ length: 300 }, () => {
      const status = pick(meetingStatuses);
      const dated = status === 'held' || status === 'scheduled' || rnd() < 0.5;
      const start = new Date(Math.floor((Date.now() + (-420 + rnd() * 440) * D) / 1000) * 1000);
      return meetingRow(pick([org.north, org.south, org.leaders]), {
        status,
        startsAt: dated ? start : null,
        endsAt: dated ? new Date(start.getTime() + 2 * H) : null,
        politicianId: pol.id,
        consultantId: con.id,
        participants: rnd() < 0.2 ? null : Math.floor(rnd() * 40),
        membersRecruited: rnd() < 0.2 ? null : Math.floor(rnd() * 5),
        declineReason: status === 'declined' ? 'Nej' : null,
      });
    });
    await database.db.insert(workplaceMeetings).values(rows);

    const raw = (await database.executeSql(`select * from workplace_meetings`)).rows as Record<string, unknown>[];
    const from = dateInDays(-400);
    const to = dateInDays(0);
    for (const units of ['all', [org.north], [org.south, org.leaders], []] as FigureUnits[]) {
      const counted = raw.filter((r) => {
        if (r.status !== 'held' || r.starts_at === null) return false;
        const day = localDay(new Date(r.starts_at as string));
        return day >= from && day <= to && (units === 'all' || units.includes(r.unit_id as string));
      });
      const expected = monthsOf({ from, to }).map((month) => {
        const inMonth = counted.filter((r) => localDay(new Date(r.starts_at as string)).startsWith(month));
        return {
          month,
          held: inMonth.length,
          participants: inMonth.reduce((s, r) => s + Number(r.participants ?? 0), 0),
          membersRecruited: inMonth.reduce((s, r) => s + Number(r.members_recruited ?? 0), 0),
        };
      });
      expect(await meetingsHeld(database.db, { from, to, units })).toEqual(expected);
    }
    const north = await meetingsHeld(database.db, { from, to, units: [org.north] });
    expect(north.reduce((s, m) => s + m.held, 0)).toBeGreaterThan(10);
  });
});
