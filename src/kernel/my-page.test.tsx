import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plugIn, type Feature } from './feature.js';
import { myPageSections, type MyPageContext } from './my-page.js';
import { memberships, membershipTypes } from '../features/members/tables.js';
import { createPerson, loginAs, seedUnits, testApp, type TestApp } from '../test/app.js';

/*
 * "My page" belongs to the joining feature, which names none of the features after it: a feature
 * it has never heard of adds its own section, asked for each person who opens the page.
 */
const asked: MyPageContext[] = [];
const polls: Feature = {
  name: 'polls-under-test',
  mySections: [
    {
      key: 'polls-under-test.later',
      order: 20,
      render: async () => <section class="card" id="later-under-test"><h2>Later section</h2></section>,
    },
    {
      key: 'polls-under-test.mine',
      order: 10,
      render: async (ctx) => {
        asked.push(ctx);
        return (
          <section class="card" id="polls-under-test">
            <h2 safe>{ctx.t('me.sessions')}</h2>
            <p safe>{`Polls for ${ctx.personId} in ${ctx.locale}`}</p>
          </section>
        );
      },
    },
    { key: 'polls-under-test.nothing', order: 15, render: async () => null },
  ],
  async routes() {},
};
// Says something for one person only: for everyone else it has nothing.
let nothingAsked = 0;
const quiet: Feature = {
  name: 'quiet-under-test',
  mySections: [
    {
      key: 'quiet-under-test',
      order: 5,
      render: async () => {
        nothingAsked++;
        return null;
      },
    },
  ],
  async routes() {},
};

let t: TestApp;
let member: { id: string; cookie: string };

beforeAll(async () => {
  // Plugged in twice, as the app, the worker and a test may each do: the sections are there once.
  plugIn([polls, quiet]);
  plugIn([polls, quiet]);
  t = await testApp();
  const org = await seedUnits(t.database);
  const [type] = await t.database.db.insert(membershipTypes).values({ code: 'ordinary', name: 'Almindeligt medlem' }).returning();
  const p = await createPerson(t.database, [], { firstName: 'Signe', lastName: 'Krogh', preferredLocale: 'da' });
  await t.database.db.insert(memberships).values({ personId: p.id, typeId: type.id, unitId: org.north, status: 'active', joinedOn: '2020-01-01', statusSince: '2020-01-01' });
  member = { id: p.id, cookie: (await loginAs(t.database, p.id)).cookie };
});
afterAll(() => t.close());

const myPage = (cookie: string) => t.app.inject({ method: 'GET', url: '/me', headers: { cookie, accept: 'text/html' } });

describe('sections of my page from other features', () => {
  it('are registered once per key, in their order', () => {
    const keys = myPageSections().map((s) => s.key).filter((k) => k.includes('under-test'));
    expect(keys).toEqual(['quiet-under-test', 'polls-under-test.mine', 'polls-under-test.nothing', 'polls-under-test.later']);
  });

  it('render on a logged-in member\'s page, below its own content, in order, for that person', async () => {
    asked.length = 0;
    const res = await myPage(member.cookie);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain(`Polls for ${member.id} in da`);
    expect(asked).toHaveLength(1);
    expect(asked[0].personId).toBe(member.id);
    // The section's own heading, in the reader's language.
    expect(html).toMatch(/<section class="card" id="polls-under-test"><h2>[^<]+<\/h2>/);
    expect(html.indexOf('id="polls-under-test"')).toBeGreaterThan(html.indexOf('id="me-sessions"'));
    expect(html.indexOf('id="later-under-test"')).toBeGreaterThan(html.indexOf('id="polls-under-test"'));
    expect(html.match(/id="polls-under-test"/g)).toHaveLength(1);
  });

  it('that return null add nothing to the page', async () => {
    const before = nothingAsked;
    const html = (await myPage(member.cookie)).body;
    expect(nothingAsked).toBe(before + 1);
    // Between the page's own last section and the first plugged-in one there is no empty wrapper left by the null sections.
    const own = html.indexOf('id="me-sessions"');
    const first = html.indexOf('<section class="card" id="polls-under-test"');
    const between = html.slice(html.indexOf('</section>', own) + '</section>'.length, first);
    expect(between).not.toContain('<section');
    expect(between.replace(/<\/?div[^>]*>/g, '').trim()).toBe('');
    const mineEnds = html.indexOf('</section>', first) + '</section>'.length;
    expect(html.slice(mineEnds, html.indexOf('<section class="card" id="later-under-test"')).trim()).toBe('');
  });

  it('are not asked for anyone who is not logged in', async () => {
    asked.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/me', headers: { accept: 'text/html' } });
    expect(res.statusCode).not.toBe(200);
    expect(asked).toHaveLength(0);
  });
});
