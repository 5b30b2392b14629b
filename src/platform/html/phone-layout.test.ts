import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { persons } from '../../kernel/tables.js';
import { DEMO_ADMIN_EMAIL, seedDemo } from '../../demo/seed.js';
import { busiestDemoPages } from '../../demo/demo.fixture.js';
import { loginAs, testApp, type TestApp } from '../../test/app.js';

/**
 * What a phone relies on, in the HTML every page is built from (the browser journey in
 * e2e/phone.test.ts looks at the result): the menu is a disclosure with a translated button, the
 * wide lists label each cell with its column's name for their cards, every page has the one width,
 * the door's search comes first, and the multi-select's hint does not ask a phone for a Ctrl key.
 */

let t: TestApp;
let admin: string;
const demo = { slug: '', workplaceId: '' };

beforeAll(async () => {
  t = await testApp();
  await seedDemo(t.database.db);
  const [person] = await t.database.db.select({ id: persons.id }).from(persons).where(eq(persons.email, DEMO_ADMIN_EMAIL));
  admin = (await loginAs(t.database, person.id)).cookie;
  Object.assign(demo, await busiestDemoPages(t.database));
}, 120_000);
afterAll(() => t?.close());

async function page(url: string, headers: Record<string, string> = { cookie: admin }): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  expect(res.statusCode, url).toBe(200);
  return res.body;
}

const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .trim();
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Each `table-cards` table: its column headers, and for every row the cells' tags, kinds and labels. */
function cardTables(html: string) {
  return [...html.matchAll(/<table class="table table-cards[^"]*">([\s\S]*?)<\/table>/g)].map(([, table]) => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)![1];
    const columns = [...head.matchAll(/<th\b[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]));
    const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)![1];
    const rows = [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...row.matchAll(/<(td|th)\b([^>]*)>/g)].map(([tag, kind]) => ({ kind, scope: attr(tag, 'scope'), label: attr(tag, 'data-label') })),
    );
    return { columns, rows };
  });
}

describe('the menu on a phone', () => {
  it('is a disclosure whose button is translated, holding the navigation and the tools', async () => {
    const start = await page('/start');
    const menu = /<details class="site-menu">([\s\S]*?)<\/details>/.exec(start)?.[1];
    expect(menu, 'no menu disclosure').toBeDefined();
    expect(menu).toMatch(/^\s*<summary class="site-menu-button"><span class="site-menu-icon" aria-hidden="true"><\/span><span class="site-menu-label">Menu<\/span><\/summary>/);
    // Everything the header offers besides the brand folds into it: the entries, the language, the account.
    expect(menu).toContain('<nav class="main-nav" aria-label="Hovedmenu">');
    expect(menu).toContain('href="/members"');
    expect(menu).toContain('class="language-switcher"');
    expect(menu).toContain('action="/logout"');
    // Closed when the page opens: it is the phone that opens it, with a tap.
    expect(start).not.toMatch(/<details class="site-menu" open/);

    expect(await page('/', { 'accept-language': 'sv' })).toContain('<span class="site-menu-label">Meny</span>');
    expect(await page('/', { 'accept-language': 'en' })).toContain('<span class="site-menu-label">Menu</span>');
    // A visitor's menu holds the log-in.
    expect(/<details class="site-menu">[\s\S]*?<\/details>/.exec(await page('/', {}))![0]).toContain('href="/login"');
  });
});

describe('wide lists on a phone', () => {
  const lists = () => [
    ['participants', `/events/${demo.slug}/participants`],
    ['members', '/members'],
    ['a workplace’s colleagues', `/workplaces/${demo.workplaceId}`],
    ['applications', '/admin/applications'],
    ['workplace meetings', '/workplace-meetings'],
  ];

  it('label every cell with its column’s header, and head each row with its name', async () => {
    for (const [name, url] of lists()) {
      const tables = cardTables(await page(url));
      expect(tables.length, `${name}: no table turns into cards`).toBeGreaterThan(0);
      for (const { columns, rows } of tables) {
        expect(rows.length, `${name}: an empty table`).toBeGreaterThan(0);
        for (const cells of rows) {
          expect(cells.length, `${name}: a row with more or fewer cells than columns`).toBe(columns.length);
          expect(cells.filter((c) => c.kind === 'th').map((c) => c.scope), `${name}: a row without its name`).toEqual(['row']);
          cells.forEach((c, i) => {
            if (c.kind === 'td') expect(c.label, `${name}: column ${columns[i]}`).toBe(columns[i]);
          });
        }
      }
    }
  });

  it('give the participants’ “Mødt” and “Afmeld” their labels on the card', async () => {
    const [confirmed] = cardTables(await page(`/events/${demo.slug}/participants`));
    expect(confirmed.columns).toEqual(['Nr.', 'Navn', 'E-mail', 'Gæster', 'Tilmeldt', 'Mødt', 'Handlinger']);
    expect(confirmed.rows[0].map((c) => c.label)).toEqual(['Nr.', undefined, 'E-mail', 'Gæster', 'Tilmeldt', 'Mødt', 'Handlinger']);
  });
});

describe('every page', () => {
  it('has the one width: no page asks for a wider container', async () => {
    for (const url of ['/start', '/members', '/admin', '/admin/applications', `/events/${demo.slug}/participants`, '/segments']) {
      const html = await page(url);
      expect(html, url).toContain('<main id="main" class="container" tabindex="-1">');
      expect(html, url).not.toContain('container-wide');
    }
  });
});

describe('the door and the segment form', () => {
  it('check-in puts the search box before any other control of the page', async () => {
    const html = await page(`/events/${demo.slug}/check-in`);
    const main = html.slice(html.indexOf('<main'));
    const firstControl = /<(input|select|textarea|button)\b(?![^>]*type="hidden")[^>]*>/.exec(main)![0];
    expect(attr(firstControl, 'id')).toBe('door-q');
    expect(main.indexOf('id="door-q"')).toBeLessThan(main.indexOf('id="attendance"'));
  });

  it('the multi-select’s hint speaks to a phone and to a computer, in every language', async () => {
    const hints = { da: /telefon[\s\S]*Ctrl/, sv: /telefon[\s\S]*Ctrl/, en: /phone[\s\S]*Ctrl/ };
    for (const [locale, pattern] of Object.entries(hints)) {
      await t.database.executeSql(`update persons set preferred_locale = $1 where email = $2`, [locale, DEMO_ADMIN_EMAIL]);
      const html = await page('/segments/new');
      const hint = /<p class="hint" id="field-hint-c\.workplace">([^<]*)<\/p>/.exec(html)?.[1];
      expect(hint, locale).toMatch(pattern);
    }
    await t.database.executeSql(`update persons set preferred_locale = 'da' where email = $1`, [DEMO_ADMIN_EMAIL]);
  });
});
