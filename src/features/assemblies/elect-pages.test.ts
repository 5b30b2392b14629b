import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import { recordBodyTerm } from './elect-bodies.js';
import { startElection } from './elect-elections.js';
import { termInput } from './elect-schema.js';
import { election, northBody, standing } from './elect.fixture.js';
import { hall } from './polls.fixture.js';
import { decideElectionFromPoll } from './elect-elections.js';
import { pollOptionsOf } from './poll-create.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
const cookieOf = async (p: Someone) => (await loginAs(t.database, p.id)).cookie;
const numberOf = async (p: Someone) => String((await t.database.executeSql('select member_number from memberships where person_id = $1', [p.id])).rows[0].member_number);
const nameOf = async (p: Someone) => String((await t.database.executeSql("select first_name || ' ' || last_name as n from persons where id = $1", [p.id])).rows[0].n);

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database, { members: 6 });
}, 60_000);
afterAll(() => t?.close());

describe('the unit’s board', () => {
  it('shows everyone the current members with their terms, the vacancies and the history — names and terms only', async () => {
    const [, sitting, former] = w.members;
    const body = await northBody(w, { seats: 3, substitutes: 1 });
    await recordBodyTerm(t.database.db, w.staffNorth.actor, body.id, termInput.parse({ personId: sitting.id, startsOn: isoDay(-100), endsOn: isoDay(300), title: 'Formand' }));
    await recordBodyTerm(t.database.db, w.staffNorth.actor, body.id, termInput.parse({ personId: former.id, startsOn: isoDay(-800), endsOn: isoDay(-70) }));
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/units/${w.org.north}/board` });
    expect(res.statusCode).toBe(200);
    const mine = res.json().bodies.find((b: { id: string }) => b.id === body.id);
    expect(mine).toEqual({
      id: body.id,
      name: body.name,
      seats: 3,
      substitutes: 1,
      termYears: 2,
      members: [{ name: await nameOf(sitting), seatKind: 'member', title: 'Formand', startsOn: isoDay(-100), endsOn: isoDay(300), elected: false }],
      vacancies: { seats: 2, substitutes: 1 },
      history: [{ name: await nameOf(former), seatKind: 'member', title: null, startsOn: isoDay(-800), endsOn: isoDay(-70), elected: false }],
    });
    // Nothing personal but the name: no e-mail, no member number, no person id.
    const email = String((await t.database.executeSql('select email from persons where id = $1', [sitting.id])).rows[0].email);
    expect(res.body).not.toContain(email);
    expect(res.body).not.toContain(sitting.id);
    expect(res.body).not.toContain(await numberOf(sitting));
    const page = await t.app.inject({ method: 'GET', url: `/units/${w.org.north}/board` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(await nameOf(sitting));
    expect(page.body).toContain('Formand');
    expect(page.body).toContain('Ledige: 2 plads(er) og 1 suppleantplads(er).');
    expect(page.body).toContain('Tidligere medlemmer (1)');
    expect(page.body).not.toContain(email);
    const sv = await t.app.inject({ method: 'GET', url: `/units/${w.org.north}/board`, headers: { 'accept-language': 'sv' } });
    expect(sv.body).toContain('Lediga: 2 plats(er)');
    expect((await t.app.inject({ method: 'GET', url: `/units/${body.id}/board` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/units/${body.id}/board` })).statusCode).toBe(404);
  });
});

describe('the election’s page', () => {
  it('lets a member nominate another by member number, the nominee accept with a presentation, and the chair start it', async () => {
    const [, nominator, nominee, third] = w.members;
    const h = await hall(w, { present: [nominator, nominee] });
    const body = await northBody(w, { seats: 2 });
    const e = await election(w, h, body.id);
    const session = await formSession(t.app, `/elections/${e.id}`, await cookieOf(nominator));
    expect(session.page.statusCode).toBe(200);
    expect(session.page.body).toContain('Opstil en kandidat');
    const unknown = await postForm(t.app, `/elections/${e.id}/nominate`, session, { memberNumber: '999999999' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('id="nominate-error-memberNumber"');
    expect(unknown.body).toContain('Ingen stemmeberettiget har medlemsnummer 999999999.');
    const south = await postForm(t.app, `/elections/${e.id}/nominate`, session, { memberNumber: await numberOf(w.southMember) });
    expect(south.statusCode).toBe(422);
    expect(await queryRows(t.database.db, sql`select id from candidates where election_id = ${e.id}`)).toEqual([]);
    const res = await postForm(t.app, `/elections/${e.id}/nominate`, session, { memberNumber: await numberOf(nominee) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/elections/${e.id}`);
    const [c] = await queryRows<{ id: string; acceptedAt: Date | null }>(t.database.db, sql`select id, accepted_at as "acceptedAt" from candidates where election_id = ${e.id}`);
    expect(c.acceptedAt).toBeNull();
    // Oneself: the member number left empty.
    const self = await postForm(t.app, `/elections/${e.id}/nominate`, session, { memberNumber: '', presentation: 'Jeg stiller op igen.' });
    expect(self.statusCode).toBe(303);

    const nomineeSession = await formSession(t.app, `/elections/${e.id}`, await cookieOf(nominee));
    expect(nomineeSession.page.body).toContain('Du er foreslået som kandidat');
    expect(nomineeSession.page.body).toContain(`action="/candidates/${c.id}/accept"`);
    // Someone else cannot answer for the nominee.
    const thirdSession = await formSession(t.app, `/elections/${e.id}`, await cookieOf(third));
    expect(thirdSession.page.body).not.toContain(await nameOf(nominee));
    expect((await postForm(t.app, `/candidates/${c.id}/accept`, thirdSession, {})).statusCode).toBe(403);
    const accepted = await postForm(t.app, `/candidates/${c.id}/accept`, nomineeSession, { presentation: 'Tillidsrepræsentant på Solsikken.' });
    expect(accepted.statusCode).toBe(303);
    const shown = await t.app.inject({ method: 'GET', url: `/elections/${e.id}`, headers: { cookie: await cookieOf(third) } });
    expect(shown.body).toContain('Tillidsrepræsentant på Solsikken.');
    expect(shown.body).toContain('Jeg stiller op igen.');
    expect(shown.body).not.toContain('Start valget');

    const chair = await formSession(t.app, `/elections/${e.id}`, await cookieOf(h.chair));
    expect(chair.page.body).toContain('Start valget');
    expect(chair.page.body).toContain('2 kandidat(er) til 2 plads(er)');
    const started = await postForm(t.app, `/elections/${e.id}/start`, chair, {});
    expect(started.statusCode).toBe(303);
    const decided = await t.app.inject({ method: 'GET', url: `/elections/${e.id}`, headers: { cookie: await cookieOf(third) } });
    expect(decided.body).toContain('Valgt uden modkandidater.');
    const again = await postForm(t.app, `/elections/${e.id}/start`, chair, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Det kan ikke lade sig gøre, når valget er: Afgjort.');
  });

  it('shows the outcome with the lot drawn', async () => {
    const people = w.members.slice(1, 4);
    const h = await hall(w, { present: people });
    const body = await northBody(w, { seats: 1 });
    const e = await election(w, h, body.id);
    const [A, B, C] = await standing(w, h, e.id, people);
    const started = await startElection(t.database.db, h.chair.actor, e.id);
    if (!started.ok || !started.pollId) throw new Error('no poll');
    const option = Object.fromEntries((await pollOptionsOf(t.database.db, started.pollId)).map((o) => [o.candidateId!, o.id]));
    const rule = { kind: 'ordinary' as const, majority: 'simple' as const, blankVotesCount: false, quorum: null, quorumMet: true, needed: null };
    await t.database.db.transaction((tx) =>
      decideElectionFromPoll(tx, e.id, { counts: { [option[A]]: 2, [option[B]]: 2, [option[C]]: 0 }, valid: 4, blank: 0, electronic: 4, paper: 0, present: 3, eligible: 3, rule, outcome: 'tie', winners: [] }, h.chair.actor, (pool) => [pool[0]]),
    );
    const page = await t.app.inject({ method: 'GET', url: `/elections/${e.id}`, headers: { cookie: await cookieOf(people[2]), 'accept-language': 'en' } });
    expect(page.body).toContain(`${await nameOf(people[0])}, ${await nameOf(people[1])} tied for the place as member: the lot chose ${await nameOf(people[0])}.`);
    expect(page.body).toContain('2 votes');
  });
});
