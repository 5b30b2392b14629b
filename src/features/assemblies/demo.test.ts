import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, testApp, type TestApp } from '../../test/app.js';
import { seedDemo } from '../../demo/seed.js';

/**
 * The demo's assemblies, which are the seed article's assembly played through the use cases: the
 * report and future work as one item, two motions decided (one by a secret ballot a member asked
 * for), a by-election filling three of the board's four seats, minutes approved and published — and
 * read back through the API as an integration would.
 */

let t: TestApp;
const rows = async (q: string, p: unknown[] = []) => (await t.database.executeSql(q, p)).rows as Record<string, unknown>[];

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
}, 180_000);
afterAll(() => t?.close());

describe('the demo assembly', () => {
  it('is held, minuted and published in the shape of the seed', async () => {
    const [held] = await rows("select id::text, unit_id::text as unit, status from assemblies where status = 'minutes_published'");
    expect(held).toBeDefined();
    const agenda = await rows('select kind, title from agenda_items where assembly_id = $1 order by position', [held.id]);
    expect(agenda.map((i) => i.kind)).toEqual(['officers', 'report', 'motions', 'election', 'any_other_business']);
    expect(agenda[1].title).toBe('Bestyrelsens beretning og fremtidigt arbejde');
    const motions = await rows('select state from motions where assembly_id = $1 order by number', [held.id]);
    expect(motions.map((m) => m.state)).toEqual(['adopted', 'rejected', 'refused']);
    const polls = await rows("select mode, (select count(*)::int from written_ballot_requests w where w.poll_id = p.id) as asked from polls p where assembly_id = $1 order by created_at", [held.id]);
    expect(polls.map((p) => p.mode)).toEqual(['named', 'secret', 'secret']);
    expect(polls[1].asked).toBe(1);
    expect(await rows('select count(*)::int as n from secret_ballots')).toEqual([{ n: 0 }]);

    const [body] = await rows('select id::text, seats from bodies where unit_id = $1', [held.unit]);
    expect(body.seats).toBe(4);
    const terms = await rows("select seat_kind, role_assignment_id is not null as role from body_terms where body_id = $1 and (ends_on is null or ends_on >= current_date) order by seat_kind", [body.id]);
    expect(terms.filter((x) => x.seat_kind === 'member')).toHaveLength(4);
    expect(terms.filter((x) => x.seat_kind === 'member' && x.role)).toHaveLength(4);
    expect(terms.filter((x) => x.seat_kind === 'substitute')).toHaveLength(1);
  });

  it('reads back through the API: the board, the minutes with results and the elected, the PDF', async () => {
    const [held] = await rows("select id::text, unit_id::text as unit from assemblies where status = 'minutes_published'");
    const api = await bearer(t.database, 'admin');
    const board = await t.app.inject({ method: 'GET', url: `/api/v1/units/${held.unit}/board`, headers: api });
    expect(board.statusCode).toBe(200);
    expect(JSON.stringify(board.json())).toContain('Kredsbestyrelsen');
    const minutes = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${held.id}/minutes`, headers: api });
    expect(minutes.statusCode).toBe(200);
    const text = JSON.stringify(minutes.json());
    expect(text).toContain('Klubber på de store arbejdspladser');
    expect(text).toContain('Suppleringsvalg til kredsbestyrelsen');
    const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${held.id}/minutes.pdf`, headers: api });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Its minutes are public, so a visitor to the archive sees what the product does.
    const archive = await t.app.inject({ method: 'GET', url: '/assemblies/archive' });
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('Ordinær generalforsamling i Kreds Nord');
    const [next] = await rows("select id::text from assemblies where status = 'notice_sent'");
    const one = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${next.id}`, headers: api });
    expect(one.json().rollSize).toBeGreaterThan(30);
    const motions = await t.app.inject({ method: 'GET', url: `/api/v1/assemblies/${next.id}/motions`, headers: api });
    expect(motions.json().items.length).toBe(2);
  });
});
