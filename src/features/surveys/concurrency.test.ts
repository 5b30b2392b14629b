import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../../platform/db/database.js';
import { units } from '../../kernel/tables.js';
import { onPostgres, testDatabase } from '../../test/database.js';
import { submitResponse, type SubmitResult } from './answering.js';
import { waveInput } from './schema.js';
import { answersFor, mail, surveyOf, surveyWorld, type SurveyWorld } from './surveys.fixture.js';
import { createWave } from './waves.js';

/**
 * Answering once, under real concurrency: PGlite runs one transaction at a time, so only PostgreSQL
 * (TEST_DATABASE_URL) can show it. A wave of an anonymous survey invites 1,000 members; all of them
 * answer at the same moment through three connection pools (as from three server processes), and
 * 50 of them answer a second time at that same moment through another pool. An anonymous response
 * has no person, so nothing but the locked invitation stands between a person and a second answer:
 * exactly 1,000 are accepted, the 50 second attempts refused as already answered, and the tables
 * hold 1,000 responses, 1,000 invitees answered, no one twice.
 */

const PEOPLE = 1_000;
const TWICE = 50;

let database: Database;
let others: Database[] = [];
let w: SurveyWorld;

const tally = (results: SubmitResult[]) => results.reduce<Record<string, number>>((m, r) => ((m[r.ok ? 'accepted' : r.reason] = (m[r.ok ? 'accepted' : r.reason] ?? 0) + 1), m), {});

describe.runIf(onPostgres)('1,000 simultaneous responses on PostgreSQL (skipped on PGlite: set TEST_DATABASE_URL)', () => {
  let unitId: string;
  let personIds: string[];

  beforeAll(async () => {
    database = await testDatabase(16);
    others = [await openPostgres(database.connectionString!, 16), await openPostgres(database.connectionString!, 16)];
    w = await surveyWorld(database);
    // A district of its own with 1,000 active members, made in one statement.
    const [east] = await database.db.insert(units).values({ kind: 'district', parentId: w.org.national, name: 'Kreds Øst', position: 4 }).returning();
    unitId = east.id;
    personIds = (
      await database.executeSql(
        `with p as (
           insert into persons (first_name, last_name, email, preferred_locale)
           select 'Samtidig', 'Medlem ' || i, 'samtidig.' || i || '@surveys.example', 'da' from generate_series(1, $1::int) i returning id)
         insert into memberships (person_id, type_id, unit_id, status, status_since) select id, $2, $3, 'active', current_date - 30 from p returning person_id`,
        [PEOPLE, w.typeId, unitId],
      )
    ).rows.map((r) => String(r.person_id));
  }, 120_000);
  afterAll(async () => {
    for (const o of others) await o.close();
    if (database) await database.close();
  });

  it('1,000 invitees answer at once and 50 of them twice: 1,000 accepted, 50 refused as already answered, each person once', async () => {
    const survey = await surveyOf(w, { unitId }, w.admin);
    const now = Date.now();
    const made = await createWave(database.db, w.admin.actor, survey.id, waveInput.parse({ opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 86_400_000).toISOString() }), mail);
    if (!made.ok) throw new Error(JSON.stringify(made));
    const waveId = made.wave.id;
    expect(made.wave).toMatchObject({ status: 'open', invitees: PEOPLE });

    const dbs = [database, ...others];
    // Each person's answers carry their number, so a second answer from anyone would show as a repeat.
    const answers = (i: number, attempt: number) => ({ ...answersFor(i), comments: `Svar fra nummer ${i}`, hours: attempt === 1 ? 37 : 20 });
    const attempts = personIds.map((personId, i) => ({ personId, i, attempt: 1, db: dbs[i % 3] }));
    // The second attempts go in among the first ones, each through another pool than its first.
    for (let k = 0; k < TWICE; k++) {
      const i = k * (PEOPLE / TWICE);
      attempts.splice(i + k + 1, 0, { personId: personIds[i], i, attempt: 2, db: dbs[(i + 1) % 3] });
    }
    expect(attempts).toHaveLength(PEOPLE + TWICE);
    const results = await Promise.all(attempts.map((a) => submitResponse(a.db.db, { personId: a.personId, via: 'link' }, waveId, answers(a.i, a.attempt))));

    expect(tally(results)).toEqual({ accepted: PEOPLE, already_answered: TWICE });
    // Of each pair one attempt won, and the other was refused.
    const byPerson = new Map<string, SubmitResult[]>();
    attempts.forEach((a, k) => byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), results[k]]));
    expect([...byPerson.values()].filter((rs) => rs.filter((r) => r.ok).length !== 1)).toEqual([]);
    expect([...byPerson.values()].filter((rs) => rs.length === 2).every((rs) => rs.some((r) => !r.ok && r.reason === 'already_answered'))).toBe(true);

    const [held] = (
      await database.executeSql(
        `select (select count(*)::int from survey_responses where wave_id = $1) as responses,
           (select count(distinct answers->>'comments')::int from survey_responses where wave_id = $1) as people,
           (select count(*)::int from survey_responses where wave_id = $1 and person_id is not null) as named,
           (select count(*)::int from survey_invitees where wave_id = $1 and answered) as answered,
           (select count(*)::int from survey_invitees where wave_id = $1) as invitees`,
        [waveId],
      )
    ).rows as { responses: number; people: number; named: number; answered: number; invitees: number }[];
    expect(held).toEqual({ responses: PEOPLE, people: PEOPLE, named: 0, answered: PEOPLE, invitees: PEOPLE });
  }, 180_000);
});
