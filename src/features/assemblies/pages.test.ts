import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formSession, loginAs, postForm, testApp, type TestApp } from '../../test/app.js';
import { localParts } from '../../platform/i18n/zoned-time.js';
import { assemblyWorld, calledAssembly, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];
const cookieOf = async (personId: string) => (await loginAs(t.database, personId)).cookie;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('the assemblies pages', () => {
  it('calls an assembly from the form, in the organisation’s zone, and shows its agenda', async () => {
    const session = await formSession(t.app, '/assemblies/new', await cookieOf(w.staffNorth.id));
    expect(session.page.body).toContain('Indkald til generalforsamling');
    const day = localParts(new Date(Date.now() + 45 * DAY), 'Europe/Copenhagen').date;
    const res = await postForm(t.app, '/assemblies/new', session, { unitId: w.org.north, title: 'Generalforsamling i Nord', kind: 'ordinary', date: day, time: '17:00', place: 'Salen', template: 'standard', minutesVisibility: 'members' });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop()!;
    const [a] = await rows("select to_char(starts_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD HH24:MI') as at from assemblies where id = $1", [id]);
    expect(a.at).toBe(`${day} 17:00`);
    const page = await t.app.inject({ method: 'GET', url: `/assemblies/${id}`, headers: { cookie: session.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Bestyrelsens beretning');
    expect(page.body).toContain('Send indkaldelse');
  });

  it('re-renders the form with every error named and writes nothing', async () => {
    const session = await formSession(t.app, '/assemblies/new', await cookieOf(w.staffNorth.id));
    const before = await rows('select count(*)::int as n from assemblies');
    const res = await postForm(t.app, '/assemblies/new', session, { unitId: w.org.north, title: '', kind: 'ordinary', date: '2020-01-01', time: '17:00', template: 'standard' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('field-error-title');
    expect(res.body).toContain('field-error-date');
    expect(await rows('select count(*)::int as n from assemblies')).toEqual(before);
  });

  it('sends the notice from the page, and refuses a late one with the rule', async () => {
    const a = await draftAssembly(w);
    const session = await formSession(t.app, `/assemblies/${a.id}`, await cookieOf(w.staffNorth.id));
    const res = await postForm(t.app, `/assemblies/${a.id}/notice`, session, {});
    expect(res.statusCode).toBe(303);
    expect((await rows('select status from assemblies where id = $1', [a.id]))[0].status).toBe('notice_sent');
    const late = await draftAssembly(w, {}, 5);
    const s2 = await formSession(t.app, `/assemblies/${late.id}`, await cookieOf(w.staffNorth.id));
    const refused = await postForm(t.app, `/assemblies/${late.id}/notice`, s2, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('14 dages varsel');
  });

  it('moves and merges agenda items from the page', async () => {
    const a = await draftAssembly(w);
    const session = await formSession(t.app, `/assemblies/${a.id}`, await cookieOf(w.staffNorth.id));
    const report = a.agenda.find((i) => i.kind === 'report')!;
    const future = a.agenda.find((i) => i.kind === 'future_work')!;
    expect((await postForm(t.app, `/assemblies/${a.id}/agenda/merge`, session, { into: report.id, from: future.id, title: 'Beretning og fremtidigt arbejde' })).statusCode).toBe(303);
    expect((await postForm(t.app, `/assemblies/${a.id}/agenda/${report.id}/move`, session, { position: '1' })).statusCode).toBe(303);
    const items = await rows('select title from agenda_items where assembly_id = $1 order by position', [a.id]);
    expect(items.map((i) => i.title)).toEqual(['Beretning og fremtidigt arbejde', 'Valg af dirigent og referent', 'Indkomne forslag', 'Valg til bestyrelsen', 'Eventuelt']);
  });

  it('shows members only the assemblies whose roll they are on, and the roll only to staff and board', async () => {
    const a = await calledAssembly(w);
    const member = await t.app.inject({ method: 'GET', url: '/assemblies', headers: { cookie: await cookieOf(w.members[1].id) } });
    expect(member.body).toContain(a.title);
    const south = await t.app.inject({ method: 'GET', url: '/assemblies', headers: { cookie: await cookieOf(w.southMember.id) } });
    expect(south.body).not.toContain(a.title);
    expect((await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}`, headers: { cookie: await cookieOf(w.southMember.id) } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/roll`, headers: { cookie: await cookieOf(w.members[1].id) } })).statusCode).toBe(403);
    const roll = await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}/roll`, headers: { cookie: await cookieOf(w.boardNorth.id) } });
    expect(roll.statusCode).toBe(200);
    expect(roll.body).toContain('Nummer');
    expect((await t.app.inject({ method: 'GET', url: `/assemblies/${a.id}` })).statusCode).toBe(303);
  });

  it('saves a unit’s rules as percentages and uses them for the next assembly', async () => {
    const session = await formSession(t.app, `/assemblies/rules/${w.org.north}`, await cookieOf(w.staffNorth.id));
    const res = await postForm(t.app, `/assemblies/rules/${w.org.north}`, session, { noticeDays: '21', motionDeadlineDays: '10', rollCutoffDays: '0', quorum: '', statuteQuorum: '33', majority: 'simple', statuteMajority: 'two_thirds', proxiesAllowed: 'on', proxiesPerHolder: '2' });
    expect(res.statusCode).toBe(303);
    const a = await draftAssembly(w);
    expect(a.rules).toMatchObject({ noticeDays: 21, motionDeadlineDays: 10, statuteQuorum: 0.33, proxiesAllowed: true, proxiesPerHolder: 2, blankVotesCount: false });
    const bad = await postForm(t.app, `/assemblies/rules/${w.org.north}`, session, { noticeDays: '-1', motionDeadlineDays: 'x', rollCutoffDays: '0', majority: 'simple', statuteMajority: 'two_thirds', proxiesPerHolder: '1' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('field-error-noticeDays');
    expect(bad.body).toContain('field-error-motionDeadlineDays');
    const member = await t.app.inject({ method: 'GET', url: `/assemblies/rules/${w.org.north}`, headers: { cookie: await cookieOf(w.members[0].id) } });
    expect(member.statusCode).toBe(403);
    // Put the defaults back for the other tests of this file.
    await t.database.executeSql('delete from assembly_rules');
  });
});
