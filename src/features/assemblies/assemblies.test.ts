import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, calledAssembly, draftAssembly, type AssemblyWorld } from './assemblies.fixture.js';
import { getAssembly, updateAssembly } from './assemblies.js';
import { assemblyPatch } from './schema.js';

let t: TestApp;
let w: AssemblyWorld;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('calling an assembly', () => {
  it('makes the Danish standard agenda, copies the rules and sets the deadline from them', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assemblies',
      headers: await bearer(t.database, 'staff', w.org.north),
      payload: { unitId: w.org.north, title: 'Ordinær generalforsamling', kind: 'ordinary', startsAt: new Date(Date.now() + 40 * DAY).toISOString(), template: 'standard' },
    });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.agenda.map((i: { kind: string }) => i.kind)).toEqual(['officers', 'report', 'motions', 'future_work', 'election', 'any_other_business']);
    expect(body.agenda[0]).toMatchObject({ position: 1, title: 'Valg af dirigent og referent' });
    expect(body.rules.noticeDays).toBe(14);
    expect(new Date(body.startsAt).getTime() - new Date(body.motionDeadline).getTime()).toBe(7 * DAY);
    expect(body.status).toBe('draft');
  });

  it('makes the Swedish årsmöte order in Swedish', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assemblies',
      headers: { ...(await bearer(t.database, 'staff', w.org.north)), 'accept-language': 'sv' },
      payload: { unitId: w.org.north, title: 'Årsmöte', kind: 'ordinary', startsAt: new Date(Date.now() + 40 * DAY).toISOString(), template: 'arsmote' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().agenda[0].title).toBe('Val av mötesordförande, sekreterare och två justerare');
    expect(r.json().agenda.at(-1).kind).toBe('any_other_business');
  });

  it('refuses a date in the past, an unknown template and a deadline after the start, naming each field, and writes nothing', async () => {
    const before = await t.database.executeSql('select count(*)::int as n from assemblies');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assemblies',
      headers: { ...(await bearer(t.database, 'staff', w.org.north)), 'accept-language': 'en' },
      payload: { unitId: w.org.north, title: 'X', kind: 'ordinary', startsAt: new Date(Date.now() - DAY).toISOString(), template: 'nope' },
    });
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    const paths = r.json().errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['startsAt', 'template']);
    const after = await t.database.executeSql('select count(*)::int as n from assemblies');
    expect(after.rows).toEqual(before.rows);
    const late = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assemblies',
      headers: await bearer(t.database, 'staff', w.org.north),
      payload: { unitId: w.org.north, title: 'X', kind: 'ordinary', startsAt: new Date(Date.now() + 10 * DAY).toISOString(), motionDeadline: new Date(Date.now() + 11 * DAY).toISOString(), template: 'standard' },
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors.map((e: { path: string }) => e.path)).toEqual(['motionDeadline']);
  });

  it('lets only staff of the unit call one', async () => {
    const payload = { unitId: w.org.north, title: 'X', kind: 'ordinary', startsAt: new Date(Date.now() + 40 * DAY).toISOString(), template: 'standard' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/assemblies', headers: await bearer(t.database, 'staff', w.org.south), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/assemblies', payload })).statusCode).toBe(401);
  });
});

describe('seeing an assembly', () => {
  it('hides a draft from members and shows a called one to its roll only', async () => {
    const draft = await draftAssembly(w);
    expect((await getAssembly(t.database.db, w.members[0].actor, draft.id)).ok).toBe(false);
    expect((await getAssembly(t.database.db, w.boardNorth.actor, draft.id)).ok).toBe(true);
    const called = await calledAssembly(w);
    const seen = await getAssembly(t.database.db, w.members[0].actor, called.id);
    expect(seen.ok && seen.assembly.rollSize).toBe(w.members.length + 1);
    expect(await getAssembly(t.database.db, w.southMember.actor, called.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await getAssembly(t.database.db, w.staffSouth.actor, called.id)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('fixes the date once the notice is out', async () => {
    const called = await calledAssembly(w);
    const r = await updateAssembly(t.database.db, w.staffNorth.actor, called.id, assemblyPatch.parse({ startsAt: new Date(Date.now() + 50 * DAY).toISOString() }));
    expect(r).toMatchObject({ ok: false, reason: 'wrong_status' });
    const place = await updateAssembly(t.database.db, w.staffNorth.actor, called.id, assemblyPatch.parse({ place: 'Store sal' }));
    expect(place.ok && place.assembly.place).toBe('Store sal');
  });
});
