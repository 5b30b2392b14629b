import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../platform/db/database.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { testDatabase } from '../../test/database.js';
import { persons } from '../../kernel/tables.js';
import { submitResponse } from './answering.js';
import { answersFor, mail, openWaveOf, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { closeWave, createWave } from './waves.js';
import { waveInput } from './schema.js';
import { surveyInvitees, surveys, surveyWaves } from './tables.js';
import { waveResponseRates, type WaveResponseRate } from './insight-figures.js';
import { seededRandom } from '../../platform/demo-names.js';

/*
 * The waves' response rates on the insights dashboard: waves made and answered through the use cases
 * (anonymous and not), a scheduled wave left out, the organisation's day at the range's edge, the
 * units' scope, and a random history recomputed naively from its rows.
 */

let database: Database;
let w: SurveyWorld;
const DAY = 86_400_000;
const orgDay = (at: Date | number) => localParts(new Date(at), organisationTimeZone).date;
const todayOrg = () => orgDay(Date.now());
const me = (personId: string) => ({ personId, via: 'session' as const });

beforeAll(async () => {
  database = await testDatabase();
  w = await surveyWorld(database);
}, 60_000);
afterAll(async () => database?.close());

const find = (rows: WaveResponseRate[], waveId: string) => rows.find((r) => r.waveId === waveId);

describe('waveResponseRates', () => {
  it('counts the frozen invitees and those who answered, for open and closed waves, and leaves out scheduled ones', async () => {
    const anonymous = await surveyOf(w, { title: { da: 'Arbejdsmiljø i Nord', sv: 'Arbetsmiljö i Norr' } });
    const open = await openWaveOf(w, anonymous.id, { name: 'Forår' });
    for (const [i, m] of w.members.slice(0, 3).entries()) expect((await submitResponse(database.db, me(m.id), open.id, answersFor(i))).ok).toBe(true);
    const named = await surveyOf(w, { title: { sv: 'Lönenkät' }, anonymous: false });
    const closed = await openWaveOf(w, named.id, { name: 'Efterår' });
    for (const [i, m] of [w.members[4], w.steward].entries()) expect((await submitResponse(database.db, me(m.id), closed.id, answersFor(i))).ok).toBe(true);
    await closeWave(database.db, closed.id);
    const scheduled = await createWave(database.db, w.staff.actor, anonymous.id, waveInput.parse({ opensAt: new Date(Date.now() + 2 * DAY).toISOString(), closesAt: new Date(Date.now() + 9 * DAY).toISOString() }), mail);
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled));

    const rows = await waveResponseRates(database.db, { from: orgDay(Date.now() - 30 * DAY), to: orgDay(Date.now() + 30 * DAY), units: [w.org.north] });
    expect(find(rows, open.id)).toEqual({
      surveyId: anonymous.id,
      surveyTitle: 'Arbejdsmiljø i Nord',
      waveId: open.id,
      waveTitle: 'Forår',
      opensAt: open.opensAt.toISOString(),
      closesAt: open.closesAt.toISOString(),
      opensOn: orgDay(open.opensAt.getTime()),
      invited: 13, // twelve members and the steward of the north
      responded: 3,
      rate: 3 / 13,
    });
    // A survey written only in Swedish keeps its Swedish title.
    expect(find(rows, closed.id)).toMatchObject({ surveyTitle: 'Lönenkät', invited: 13, responded: 2, rate: 2 / 13 });
    expect(find(rows, scheduled.wave.id)).toBeUndefined();
  });

  it('counts only the surveys of the units in the set, and the wave’s opening day in the organisation’s time zone', async () => {
    const south = await surveyOf(w, { unitId: w.org.south, title: 'Trivsel i Syd' }, w.staffElsewhere);
    const made = await createWave(database.db, w.staffElsewhere.actor, south.id, waveInput.parse({ opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 7 * DAY).toISOString() }), mail);
    if (!made.ok) throw new Error(JSON.stringify(made));
    expect((await submitResponse(database.db, me(w.memberElsewhere.id), made.wave.id, answersFor(0))).ok).toBe(true);
    const range = { from: orgDay(made.wave.opensAt.getTime()), to: orgDay(made.wave.opensAt.getTime()) };
    expect(find(await waveResponseRates(database.db, { ...range, units: [w.org.north] }), made.wave.id)).toBeUndefined();
    expect(find(await waveResponseRates(database.db, { ...range, units: [w.org.south] }), made.wave.id)).toMatchObject({ invited: 1, responded: 1, rate: 1 });
    expect(find(await waveResponseRates(database.db, { ...range, units: 'all' }), made.wave.id)).toMatchObject({ surveyTitle: 'Trivsel i Syd' });
    expect(await waveResponseRates(database.db, { ...range, units: [] })).toEqual([]);

    // 22:30 UTC on a summer day is already the next day in Copenhagen; an empty wave has no rate.
    const [late] = await database.db
      .insert(surveyWaves)
      .values({ surveyId: south.id, name: 'Sen', opensAt: new Date('2023-06-30T22:30:00Z'), closesAt: new Date('2023-07-10T10:00:00Z'), status: 'closed', openedAt: new Date('2023-06-30T22:30:00Z') })
      .returning();
    const at = (from: string, to: string) => waveResponseRates(database.db, { from, to, units: [w.org.south] });
    expect(find(await at('2023-07-01', '2023-07-31'), late.id)).toMatchObject({ opensAt: '2023-06-30T22:30:00.000Z', opensOn: '2023-07-01', invited: 0, responded: 0, rate: null });
    expect(find(await at('2023-06-01', '2023-06-30'), late.id)).toBeUndefined();
  });

  it('agrees with a naive count over a random history', async () => {
    const rnd = seededRandom(7_331);
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const people = await database.db
      .insert(persons)
      .values(Array.from({ length: 30 }, (_, i) => ({ firstName: 'Tilfældig', lastName: `Svarer ${i}`, email: `random-respondent${i}.${Date.now()}@example.org` })))
      .returning({ id: persons.id });
    const unitsOf = [w.org.north, w.org.south, w.org.leaders];
    const made = await database.db
      .insert(surveys)
      .values(unitsOf.map((unitId, i) => ({ unitId, title: i === 1 ? { en: 'Random survey' } : { da: `Tilfældig ${i}`, en: 'Random' }, anonymous: i !== 2 })))
      .returning({ id: surveys.id });
    for (let i = 0; i < 25; i++) {
      const opensAt = new Date(Date.now() - Math.floor(rnd() * 700 * DAY));
      const status = pick(['scheduled', 'open', 'closed'] as const);
      const [wave] = await database.db
        .insert(surveyWaves)
        .values({ surveyId: pick(made).id, name: `Bølge ${i}`, opensAt, closesAt: new Date(opensAt.getTime() + DAY), status, openedAt: status === 'scheduled' ? null : opensAt })
        .returning();
      const invited = people.filter(() => rnd() < 0.5);
      if (status !== 'scheduled' && invited.length) await database.db.insert(surveyInvitees).values(invited.map((p) => ({ waveId: wave.id, personId: p.id, answered: rnd() < 0.4 })));
    }
    const waves = await queryRows<{ id: string; survey_id: string; opens_ms: number; status: string; unit_id: string }>(
      database.db,
      sql`select w.id, w.survey_id, (extract(epoch from w.opens_at) * 1000)::float8 as opens_ms, w.status, s.unit_id from survey_waves w join surveys s on s.id = w.survey_id`,
    );
    const invitees = await queryRows<{ wave_id: string; answered: boolean }>(database.db, sql`select wave_id, answered from survey_invitees`);
    expect(invitees.length).toBeGreaterThan(200);
    const naive = (from: string, to: string, set: 'all' | string[]) =>
      waves
        .filter((x) => x.status !== 'scheduled' && (set === 'all' || set.includes(x.unit_id)))
        .filter((x) => orgDay(x.opens_ms) >= from && orgDay(x.opens_ms) <= to)
        .map((x) => {
          const mine = invitees.filter((i) => i.wave_id === x.id);
          const responded = mine.filter((i) => i.answered).length;
          return { waveId: x.id, surveyId: x.survey_id, invited: mine.length, responded, rate: mine.length ? responded / mine.length : null };
        })
        .sort((a, b) => a.waveId.localeCompare(b.waveId));
    const ranges: [number, number, 'all' | string[]][] = [
      [-720, 0, 'all'],
      [-400, -100, [w.org.north]],
      [-700, -1, [w.org.south, w.org.leaders]],
      [-200, -150, 'all'],
    ];
    let seen = 0;
    for (const [from, to, set] of ranges) {
      const range = { from: orgDay(Date.now() + from * DAY), to: orgDay(Date.now() + to * DAY), units: set };
      const got = await waveResponseRates(database.db, range);
      expect(got.map(({ waveId, surveyId, invited, responded, rate }) => ({ waveId, surveyId, invited, responded, rate })).sort((a, b) => a.waveId.localeCompare(b.waveId))).toEqual(naive(range.from, range.to, set));
      expect(got.map((r) => r.opensAt)).toEqual(got.map((r) => r.opensAt).sort());
      for (const r of got) expect(r.opensOn).toBe(orgDay(Date.parse(r.opensAt)));
      seen += got.length;
    }
    expect(seen).toBeGreaterThan(10);
    // A title without Danish falls back to the language it has.
    const english = (await waveResponseRates(database.db, { from: orgDay(Date.now() - 720 * DAY), to: todayOrg(), units: 'all' })).filter((r) => r.surveyId === made[1].id);
    expect(english.length).toBeGreaterThan(0);
    expect(new Set(english.map((r) => r.surveyTitle))).toEqual(new Set(['Random survey']));
  });
});
