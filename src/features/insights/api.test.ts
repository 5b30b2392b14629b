import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../test/app.js';
import { figureNames } from './schema.js';
import { insightsWorld, RANGE, type InsightsWorld } from './insights.fixture.js';

/**
 * `GET /api/v1/insights/{figure}`: every figure for those who may see it, scoped to their units; a
 * refusal for everyone else; bad input named by its field in the caller's language, with nothing
 * computed for units the caller may not see.
 */

let t: TestApp;
let w: InsightsWorld;

beforeAll(async () => {
  t = await testApp();
  w = await insightsWorld(t.database);
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
const range = `from=${RANGE.from}&to=${RANGE.to}`;
type Row = Record<string, string | number | null>;
const month = (rows: Row[], m: string) => rows.find((r) => r.month === m)!;

describe('GET /api/v1/insights/{figure}', () => {
  it('answers every figure as JSON with its columns and rows for an admin', async () => {
    for (const figure of figureNames) {
      const res = await get(`/api/v1/insights/${figure}?${range}`, w.tokens.admin);
      expect(res.statusCode, figure).toBe(200);
      const body = res.json();
      expect(body.figure).toBe(figure);
      expect(body.from).toBe(RANGE.from);
      expect(body.to).toBe(RANGE.to);
      expect(body.columns.length, figure).toBeGreaterThan(1);
      expect(Array.isArray(body.rows)).toBe(true);
    }
  });

  it('counts the members at each month end, joins and leaves, for every unit the admin sees', async () => {
    const members = (await get(`/api/v1/insights/members?${range}`, w.tokens.admin)).json();
    expect(members.rows).toHaveLength(24);
    expect(month(members.rows, '2024-02').active).toBe(0);
    expect(month(members.rows, '2024-03').active).toBe(2);
    expect(month(members.rows, '2024-05').active).toBe(3);
    expect(month(members.rows, '2025-01').active).toBe(3);
    expect(month(members.rows, '2025-02').active).toBe(2);
    const flows = (await get(`/api/v1/insights/flows?${range}`, w.tokens.admin)).json();
    expect(month(flows.rows, '2024-03')).toMatchObject({ joins: 2, leaves: 0 });
    expect(month(flows.rows, '2025-02')).toMatchObject({ joins: 0, leaves: 1, net: -1 });
  });

  it("gives a district's board only its district's figures", async () => {
    for (const who of ['boardNorth', 'staffNorth'] as const) {
      const members = (await get(`/api/v1/insights/members?${range}`, w.tokens[who])).json();
      expect(month(members.rows, '2024-03').active, who).toBe(1);
      expect(month(members.rows, '2024-05').active, who).toBe(2);
    }
    const south = (await get(`/api/v1/insights/members?${range}`, w.tokens.boardSouth)).json();
    expect(month(south.rows, '2024-05').active).toBe(1);
    expect(month(south.rows, '2025-02').active).toBe(1);
    const reasons = (await get(`/api/v1/insights/leave-reasons?${range}`, w.tokens.boardNorth)).json();
    expect(reasons.rows).toEqual([expect.objectContaining({ reason: 'Ny uddannelse', count: 1 })]);
    const none = (await get(`/api/v1/insights/leave-reasons?${range}`, w.tokens.boardSouth)).json();
    expect(none.rows).toEqual([]);
    // An integration token with the north's board role reads the same.
    const token = (await get(`/api/v1/insights/members?${range}`, w.tokens.integration)).json();
    expect(month(token.rows, '2024-05').active).toBe(2);
  });

  it('narrows to a chosen unit the reader reaches, and refuses one they do not', async () => {
    const north = (await get(`/api/v1/insights/members?${range}&unit=${w.org.north}`, w.tokens.admin)).json();
    expect(north.unitId).toBe(w.org.north);
    expect(month(north.rows, '2024-05').active).toBe(2);
    const refused = await get(`/api/v1/insights/members?${range}&unit=${w.org.south}`, w.tokens.boardNorth);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const body = refused.json();
    expect(body.errors).toEqual([expect.objectContaining({ path: 'unit', code: 'insights.unit_not_yours' })]);
    expect(JSON.stringify(body)).not.toContain('"rows"');
  });

  it('refuses those who may not see figures, every figure, and answers staff and board', async () => {
    for (const figure of figureNames) {
      const url = `/api/v1/insights/${figure}?${range}`;
      expect((await get(url, {})).statusCode, url).toBe(401);
      for (const who of ['member', 'steward'] as const) {
        const res = await get(url, w.tokens[who]);
        expect(res.statusCode, `${who} ${url}`).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      for (const who of ['boardNorth', 'staffNorth', 'boardSouth', 'admin'] as const) expect((await get(url, w.tokens[who])).statusCode, `${who} ${url}`).toBe(200);
    }
  });

  it('tells what is wrong with the range, naming the field in the reader’s language', async () => {
    const cases: [string, string, string][] = [
      ['from=2025-06-01&to=2025-01-01', 'to', 'insights.range_reversed'],
      ['from=2010-01-01&to=2025-01-01', 'from', 'insights.range_too_long'],
      ['to=2999-01-01', 'to', 'insights.to_in_future'],
      [`unit=00000000-0000-4000-8000-000000000000`, 'unit', 'insights.unit_unknown'],
      ['from=2025-02-30', 'from', 'validation.invalid_date'],
      ['unit=nord', 'unit', 'insights.unit_unknown'],
    ];
    for (const [query, path, code] of cases) {
      const res = await get(`/api/v1/insights/members?${query}`, w.tokens.admin);
      expect(res.statusCode, query).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors, query).toEqual([expect.objectContaining({ path, code })]);
    }
    const danish = (await get('/api/v1/insights/members?from=2025-02-30', w.tokens.admin)).json();
    expect(danish.errors[0].message).toContain('Første dag');
    const english = (await get('/api/v1/insights/members?from=2025-02-30', { ...w.tokens.admin, 'accept-language': 'en' })).json();
    expect(english.errors[0].message).toContain('First day');
    const unknownParam = await get('/api/v1/insights/members?colour=red', w.tokens.admin);
    expect(unknownParam.statusCode).toBe(422);
  });

  it('answers 404 problem+json for a figure that does not exist', async () => {
    const res = await get('/api/v1/insights/happiness', w.tokens.admin);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code ?? res.json().type).toContain('insights.figure_unknown');
  });
});
