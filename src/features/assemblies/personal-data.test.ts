import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { collectPersonalData } from '../../kernel/personal-data.js';
import { plugIn } from '../../kernel/feature.js';
import { features } from '../../features.js';
import { assemblyWorld, type AssemblyWorld } from './assemblies.fixture.js';
import { closeAndPublish, hall, poll, vote } from './polls.fixture.js';

let t: TestApp;
let w: AssemblyWorld;

beforeAll(async () => {
  t = await testApp();
  plugIn(features);
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

describe('a member’s data export from the assemblies', () => {
  it('says which assemblies they were on the roll of and that they voted, and what only in a named poll', async () => {
    const me = w.members[1];
    const h = await hall(w, { present: [w.members[0], me] });
    const named = await poll(w, h, { title: 'Navneafstemning', secret: false, mode: 'named' });
    const secret = await poll(w, h, { title: 'Hemmelig afstemning' });
    expect((await vote(w, me, named, { choice: 'yes' })).ok).toBe(true);
    expect((await vote(w, me, secret, { choice: 'no' })).ok).toBe(true);
    await closeAndPublish(w, h, named);
    await closeAndPublish(w, h, secret);
    const data = (await t.database.db.transaction((tx) => collectPersonalData(tx, me.id))) as Record<string, unknown>;
    const assemblies = data.generalAssemblies as { onRoll: boolean; present: boolean }[];
    expect(assemblies.some((a) => a.onRoll && a.present)).toBe(true);
    const votes = data.assemblyVotes as { poll: string; mode: string; choices: string[] | null }[];
    expect(votes.find((v) => v.poll === 'Navneafstemning')?.choices).toEqual(['yes']);
    const hidden = votes.find((v) => v.poll === 'Hemmelig afstemning');
    expect(hidden).toBeDefined();
    expect(hidden?.choices).toBeNull();
    expect(JSON.stringify(hidden)).not.toContain('no"');
  });
});
