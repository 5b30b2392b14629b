import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { assemblyWorld, type AssemblyWorld } from './assemblies.fixture.js';
import { checkInMember, quorumState } from './attendance.js';
import { listProxies, recordProxy, revokeProxy } from './proxies.js';
import { hall, written } from './polls.fixture.js';

let t: TestApp;
let w: AssemblyWorld;

beforeAll(async () => {
  t = await testApp();
  w = await assemblyWorld(t.database);
}, 60_000);
afterAll(() => t?.close());

const proxiesOn = { proxiesAllowed: true, proxiesPerHolder: 1 };

describe('recording proxies', () => {
  it('is refused where the statutes allow none, naming the rule, and writes nothing', async () => {
    const h = await hall(w, { present: [w.members[0]] });
    const before = await written(w);
    expect(await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: w.members[0].id, giverId: w.members[1].id })).toEqual({ ok: false, reason: 'proxies_not_allowed' });
    expect(await written(w)).toEqual(before);
  });

  it('records one, counts it in the votes (not in the quorum), and refuses each broken rule with nothing written', async () => {
    const [holder, giver, other, present, third] = w.members;
    const h = await hall(w, { rules: proxiesOn, present: [holder, present] });
    const ok = await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    expect(ok.ok && ok.proxy).toMatchObject({ holderId: holder.id, giverId: giver.id, active: true });
    expect(await quorumState(t.database.db, h.id)).toMatchObject({ present: 2, proxies: 1, voters: 3 });

    const before = await written(w);
    const refused = [
      // A proxy beyond the limit (one per holder here).
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: other.id }), { ok: false, reason: 'proxy_limit', params: { limit: 1 } }],
      // For someone present.
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: third.id, giverId: present.id }), { ok: false, reason: 'giver_present' }],
      // A giver gives one proxy.
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: third.id, giverId: giver.id }), { ok: false, reason: 'proxy_given' }],
      // Both on the roll.
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: w.southMember.id, giverId: other.id }), { ok: false, reason: 'proxy_not_on_roll', field: 'holderId' }],
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: third.id, giverId: w.southMember.id }), { ok: false, reason: 'proxy_not_on_roll', field: 'giverId' }],
      // No chains: the giver can't hold, the holder can't give.
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: giver.id, giverId: other.id }), { ok: false, reason: 'proxy_chain', field: 'holderId' }],
      [await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: third.id, giverId: third.id }), { ok: false, reason: 'invalid', errors: [{ path: 'giverId', code: 'proxy.same_person' }] }],
    ];
    for (const [got, want] of refused) expect(got).toEqual(want);
    expect(await written(w)).toEqual(before);
  });

  it('lets a holder hold as many as the rules say', async () => {
    const [holder, a, b, c] = w.members;
    const h = await hall(w, { rules: { proxiesAllowed: true, proxiesPerHolder: 2 }, present: [holder] });
    expect((await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: a.id })).ok).toBe(true);
    expect((await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: b.id })).ok).toBe(true);
    expect(await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: c.id })).toEqual({ ok: false, reason: 'proxy_limit', params: { limit: 2 } });
    expect((await quorumState(t.database.db, h.id)).voters).toBe(3);
  });

  it('refuses a chain: a holder (absent, too) gives no proxy of their own', async () => {
    const [holder, giver, third] = w.members;
    const h = await hall(w, { rules: proxiesOn });
    await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    expect(await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: third.id, giverId: holder.id })).toEqual({ ok: false, reason: 'proxy_chain', field: 'giverId' });
  });

  it('lapses when the giver checks in: their own presence wins', async () => {
    const [holder, giver] = w.members;
    const h = await hall(w, { rules: proxiesOn, present: [holder] });
    await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    const came = await checkInMember(t.database.db, w.staffNorth.actor, h.id, { memberId: giver.id });
    expect(came.ok && came.lapsedProxies).toBe(1);
    expect(await listProxies(t.database.db, h.id)).toEqual([]);
    expect(await quorumState(t.database.db, h.id)).toMatchObject({ present: 2, proxies: 0, voters: 2 });
  });

  it('is staff’s to record and revoke, not the chair’s or the board’s', async () => {
    const [holder, giver] = w.members;
    const h = await hall(w, { rules: proxiesOn, chair: w.members[5] });
    expect(await recordProxy(t.database.db, h.chair.actor, h.id, { holderId: holder.id, giverId: giver.id })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await recordProxy(t.database.db, w.boardNorth.actor, h.id, { holderId: holder.id, giverId: giver.id })).toEqual({ ok: false, reason: 'forbidden' });
    expect(await recordProxy(t.database.db, w.staffSouth.actor, h.id, { holderId: holder.id, giverId: giver.id })).toEqual({ ok: false, reason: 'not_found' });
    await recordProxy(t.database.db, w.staffNorth.actor, h.id, { holderId: holder.id, giverId: giver.id });
    expect(await revokeProxy(t.database.db, w.staffNorth.actor, h.id, { giverId: giver.id })).toEqual({ ok: true, giverId: giver.id });
    expect(await revokeProxy(t.database.db, w.staffNorth.actor, h.id, { giverId: giver.id })).toEqual({ ok: false, reason: 'proxy_unknown' });
  });
});

describe('the proxies API', () => {
  it('answers 201 with the proxy and names the limit in the reader’s language', async () => {
    const [holder, a, b] = w.members;
    const h = await hall(w, { rules: proxiesOn, present: [holder] });
    const auth = await bearer(t.database, 'staff', w.org.north);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/proxies`, headers: auth, payload: { holderId: holder.id, giverId: a.id } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ holderId: holder.id, giverId: a.id, active: true });
    const over = await t.app.inject({ method: 'POST', url: `/api/v1/assemblies/${h.id}/proxies`, headers: { ...auth, 'accept-language': 'en' }, payload: { holderId: holder.id, giverId: b.id } });
    expect(over.statusCode).toBe(409);
    expect(over.json().errors).toEqual([{ path: 'holderId', code: 'proxy.limit', message: 'The statutes allow at most 1 proxy/proxies per holder.' }]);
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${h.id}/proxies`, headers: auth });
    expect(list.json().items.map((p: { giverId: string }) => p.giverId)).toEqual([a.id]);
    const gone = await t.app.inject({ method: 'DELETE', url: `/api/v1/assemblies/${h.id}/proxies/${a.id}`, headers: auth });
    expect(gone.statusCode).toBe(200);
  });
});
