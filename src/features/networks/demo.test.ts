import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { seedDemo } from '../../demo/seed.js';
import { tokenOf } from './networks.fixture.js';

/**
 * The demo's networks: competing care homes at one table with the notice, an expert, files with
 * versions and a held meeting's minutes; the north's leaders with requests waiting; a hidden network
 * of safety reps that an outsider cannot find.
 */

let t: TestApp;
type Row = Record<string, unknown>;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Row[];
const idOf = async (name: string) => String((await rows(`select id::text from networks where name = $1`, [name]))[0].id);

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
}, 240_000);
afterAll(async () => t?.close());

describe('the demo networks', () => {
  it('has competitors at one table: three member companies, the notice, an expert who answered, a file in two versions, minutes of the held meeting and an agenda for the next', async () => {
    const id = await idOf('Erfa-netværk for private bosteder');
    const admin = await bearer(t.database, 'admin');
    const network = (await t.app.inject({ method: 'GET', url: `/api/v1/networks/${id}`, headers: admin })).json();
    expect(network.kind).toBe('companies');
    expect(network.counts.companies).toBe(3);
    expect(network.notice.da).toContain('priser');
    expect(network.staff.map((s: { role: string }) => s.role).sort()).toEqual(['coordinator', 'expert']);
    const threads = (await t.app.inject({ method: 'GET', url: `/api/v1/networks/${id}/threads`, headers: admin })).json().items;
    expect(threads.length).toBeGreaterThanOrEqual(3);
    expect(threads[0].pinned).toBe(true);
    expect(threads.some((th: { expertAnswered: boolean }) => th.expertAnswered)).toBe(true);
    const files = (await t.app.inject({ method: 'GET', url: `/api/v1/networks/${id}/files`, headers: admin })).json().items;
    expect(files.some((f: { versions: unknown[] }) => f.versions.length === 2)).toBe(true);
    const meetings = (await t.app.inject({ method: 'GET', url: `/api/v1/networks/${id}/meetings`, headers: admin })).json();
    expect(meetings.past[0].minutes).toContain('Til stede');
    expect(meetings.upcoming[0].agenda).not.toBe('');
  });

  it('has leaders asking to join the north’s leaders network, and a hidden network an outsider cannot find', async () => {
    const leaders = await idOf('Ledernetværk Nord');
    expect((await rows(`select count(*)::int as n from network_members where network_id = $1 and status = 'requested'`, [leaders]))[0].n).toBe(2);
    const hidden = await idOf('Arbejdsmiljørepræsentanter i socialpsykiatrien');
    const [inside] = await rows(`select person_id::text from network_members where network_id = $1 and status = 'active' and role = 'member' limit 1`, [hidden]);
    const [outside] = await rows(
      `select m.person_id::text from memberships m where m.status = 'active' and m.person_id not in (select person_id from network_members where network_id = $1 and person_id is not null) limit 1`,
      [hidden],
    );
    const asInside = await tokenOf(t.database, String(inside.person_id));
    const asOutside = await tokenOf(t.database, String(outside.person_id));
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/networks/${hidden}/threads`, headers: asInside })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/networks/${hidden}`, headers: asOutside })).statusCode).toBe(404);
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/networks', headers: asOutside })).json().items;
    expect(list.map((n: { id: string }) => n.id)).not.toContain(hidden);
  });
});
