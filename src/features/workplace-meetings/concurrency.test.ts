import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../platform/actor.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { createPerson, seedUnits } from '../../test/app.js';
import type { Database } from '../../platform/db/database.js';
import { workplaces } from '../../kernel/tables.js';
import { ctx } from '../events/events.fixture.js';
import { meetingRequestInput, scheduleInput } from './schema.js';
import { requestWorkplaceMeeting } from './requests.js';
import { scheduleMeeting, type ScheduleResult } from './schedule.js';

/**
 * THE DOUBLE-BOOKING RULE under real concurrency: PGlite runs one transaction at a time, so only
 * PostgreSQL (TEST_DATABASE_URL) can show that two simultaneous schedulings sharing a person never
 * both succeed.
 */
describe.runIf(onPostgres)('double booking on PostgreSQL', () => {
  let database: Database;
  let unit: string;
  let workplace: string;
  let politicians: string[];
  let consultants: string[];
  const HOUR = 3600_000;
  const at = (h: number) => new Date(Math.floor((Date.now() + h * HOUR) / 1000) * 1000).toISOString();

  beforeAll(async () => {
    database = await testDatabase(20);
    const org = await seedUnits(database);
    unit = org.north;
    [{ id: workplace }] = await database.db.insert(workplaces).values({ name: 'Samtidighedshjemmet', unitId: unit, employerKind: 'municipality' }).returning({ id: workplaces.id });
    politicians = [];
    consultants = [];
    for (let i = 0; i < 4; i++) {
      politicians.push((await createPerson(database, [['board', unit]])).id);
      consultants.push((await createPerson(database, [['staff', unit]])).id);
    }
  });
  afterAll(async () => database?.close());

  async function meeting(): Promise<string> {
    const r = await requestWorkplaceMeeting(
      database.db,
      system,
      meetingRequestInput.parse({ workplaceId: workplace, contactName: 'K', contactEmail: 'k@example.org', proposedTimes: [{ startsAt: at(48), endsAt: at(50) }], freeTopic: 'Løn' }),
      ctx,
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    return r.meeting.id;
  }

  const schedule = (id: string, h: number, politicianId: string, consultantId: string) =>
    scheduleMeeting(database.db, system, id, scheduleInput.parse({ startsAt: at(h), endsAt: at(h + 2), politicianId, consultantId }), ctx);

  it('two simultaneous schedulings of the same consultant at overlapping times: exactly one succeeds, the other names the clash', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = [await meeting(), await meeting()];
      const h = 24 * 50 + round * 24;
      // Different politicians, the same consultant, half an hour apart: only the consultant clashes.
      const results: ScheduleResult[] = await Promise.all([schedule(a, h, politicians[0], consultants[0]), schedule(b, h + 0.5, politicians[1], consultants[0])]);
      const ok = results.filter((r) => r.ok);
      const clashes = results.filter((r) => !r.ok);
      expect(ok).toHaveLength(1);
      expect(clashes).toHaveLength(1);
      expect(clashes[0]).toMatchObject({ ok: false, reason: 'double_booked', field: 'consultantId', clash: { workplaceName: 'Samtidighedshjemmet' } });
      const rows = await database.executeSql(
        `select count(*)::int as n from workplace_meetings where consultant_id = $1 and status = 'scheduled' and starts_at < $3::timestamptz and ends_at > $2::timestamptz`,
        [consultants[0], at(h), at(h + 2.5)],
      );
      expect((rows.rows[0] as { n: number }).n).toBe(1);
      // The loser wrote nothing: still new, no event.
      const loser = results[0].ok ? b : a;
      const state = (await database.executeSql(`select status, event_id from workplace_meetings where id = $1`, [loser])).rows[0] as { status: string; event_id: string | null };
      expect(state).toEqual({ status: 'new', event_id: null });
    }
  });

  it('two simultaneous overlapping meetings for different staff both succeed', async () => {
    const [a, b] = [await meeting(), await meeting()];
    const h = 24 * 80;
    const results = await Promise.all([schedule(a, h, politicians[2], consultants[2]), schedule(b, h, politicians[3], consultants[3])]);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('crossed assignments (A as politician here, consultant there) do not deadlock and still refuse one', async () => {
    // Both people are board and staff, so each may take either seat.
    const x = (await createPerson(database, [['staff', unit], ['board', unit]])).id;
    const y = (await createPerson(database, [['staff', unit], ['board', unit]])).id;
    const [a, b] = [await meeting(), await meeting()];
    const h = 24 * 90;
    const results = await Promise.all([schedule(a, h, x, y), schedule(b, h + 1, y, x)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)[0]).toMatchObject({ reason: 'double_booked' });
  });
});
