import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_COOKIE } from '../../kernel/request-context.js';
import { testApp, type TestApp } from '../../test/app.js';
import { registeredRoutes } from '../../test/routes.js';
import { figureNames } from './schema.js';
import { insightsWorld, RANGE, type InsightsWorld } from './insights.fixture.js';

/**
 * The dashboard, the CSV downloads and the board pack: who gets them, what they show in each
 * language, and a filter the reader may not use shown back with its errors and no figures.
 */

let t: TestApp;
let w: InsightsWorld;

beforeAll(async () => {
  t = await testApp();
  w = await insightsWorld(t.database);
});
afterAll(() => t.close());

/** A page as a reader sees it; `lang` is the language their browser chose (the language switch's cookie). */
const page = (url: string, cookie?: string, lang?: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie: lang ? `${cookie}; ${LOCALE_COOKIE}=${lang}` : cookie } : {} });
const range = `from=${RANGE.from}&to=${RANGE.to}`;

describe('the insights pages', () => {
  it('are listed here, every one of them', () => {
    const routes = registeredRoutes(t.app, (p) => p.startsWith('/insights') || p.startsWith('/api/v1/insights'));
    const listed = ['/insights', '/insights/pack', '/insights/pack.pdf', ...figureNames.map((f) => `/insights/${f}.csv`), '/api/v1/insights/:figure'];
    expect(routes.map((r) => r.path).sort()).toEqual(listed.sort());
  });

  it('let staff and board in, send visitors to log in and refuse members and stewards', async () => {
    for (const url of ['/insights', '/insights/pack?year=2024', '/insights/pack.pdf?year=2024', ...figureNames.map((f) => `/insights/${f}.csv?${range}`)]) {
      const visitor = await page(url);
      expect(visitor.statusCode, url).toBe(303);
      expect(visitor.headers.location, url).toContain('/login');
      for (const who of ['member', 'steward'] as const) expect((await page(url, w.cookies[who])).statusCode, `${who} ${url}`).toBe(403);
      for (const who of ['boardNorth', 'staffNorth', 'boardSouth', 'admin'] as const) expect((await page(url, w.cookies[who])).statusCode, `${who} ${url}`).toBe(200);
    }
  });

  it('show every figure as a chart with its table and a CSV link, in Danish by default', async () => {
    const res = await page(`/insights?${range}`, w.cookies.boardNorth);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<html lang="da"');
    expect(html).toContain('Medlemmer over tid');
    expect(html).toContain('Ind- og udmeldelser');
    expect(html).toContain('Fastholdelse');
    for (const f of figureNames) expect(html, f).toContain(`/insights/${f}.csv?`);
    expect((html.match(/<svg class="chart-svg"/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('class="insight-table"');
    // The north's board sees the north's reason, not the south's members.
    expect(html).toContain('Ny uddannelse');
    expect(html).toContain('marts 2024');
  });

  it('read in Swedish and English', async () => {
    const sv = (await page(`/insights?${range}`, w.cookies.admin, 'sv')).body;
    expect(sv).toContain('<html lang="sv"');
    expect(sv).toContain('Medlemmar över tid');
    expect(sv).toContain('mars 2024');
    const en = (await page(`/insights?${range}`, w.cookies.admin, 'en')).body;
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('Members over time');
    expect(en).toContain('March 2024');
  });

  it('show a filter the reader may not use with its errors, and no figures', async () => {
    const res = await page(`/insights?from=2025-06-01&to=2025-01-01&unit=${w.org.south}`, w.cookies.boardNorth);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Sidste dag ligger før første dag');
    expect(res.body).toContain('Du har ikke adgang til tallene for den enhed');
    expect(res.body).not.toContain('class="insight-table"');
    expect(res.body).toContain('value="2025-06-01"');
  });

  it('download a figure as CSV in the reader’s language, with the same numbers', async () => {
    const res = await page(`/insights/flows.csv?${range}`, w.cookies.boardNorth);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('flows-2024-01-01-2025-12-31.csv');
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Måned;Indmeldt;Heraf genindmeldt;Udmeldt;Flyttet ind;Flyttet ud;Netto');
    expect(lines).toHaveLength(25);
    expect(lines).toContain('2024-05;1;0;0;0;0;1');
    expect(lines).toContain('2025-02;0;0;1;0;0;-1');
    const bad = await page(`/insights/flows.csv?from=nonsense`, w.cookies.boardNorth);
    // A download is a page's link: a bad one answers with an error page that names the field.
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Første dag');
  });

  it('print the board pack for a year, and give it as a PDF', async () => {
    const res = await page(`/insights/pack?year=2024&unit=${w.org.north}`, w.cookies.boardNorth);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nøgletal 2024');
    expect(res.body).toContain('Kreds Nord');
    expect(res.body).not.toContain('class="main-nav');
    const pdf = await page(`/insights/pack.pdf?year=2024&unit=${w.org.north}`, w.cookies.boardNorth);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
    const other = await page(`/insights/pack?year=2024&unit=${w.org.south}`, w.cookies.boardNorth);
    expect(other.statusCode).toBe(422);
    expect((await page('/insights/pack?year=abc', w.cookies.boardNorth)).statusCode).toBe(422);
  });
});
