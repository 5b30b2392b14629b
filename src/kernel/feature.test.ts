import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Feature, DemoContext } from './feature.js';
import { plugIn } from './feature.js';
import { loadGrants } from './grants.js';
import { features } from '../features.js';
import { defineJobs } from '../runtime.js';
import { seedDemo } from '../demo/seed.js';
import { navItemsFor } from '../platform/html/nav.js';
import { anonymous } from '../platform/actor.js';
import { testApp, testConfig, createPerson, seedUnits, type TestApp } from '../test/app.js';

/*
 * "Adding a feature is a folder and one line": a feature the app has never heard of gets its
 * routes served, its menu entry shown, its jobs defined, its grant source asked and its demo step
 * run, with no change anywhere else.
 */
let demoContext: DemoContext | null = null;
const polls: Feature = {
  name: 'polls-under-test',
  nav: [{ href: '/polls-under-test', labelKey: 'nav.home', visible: () => true, order: 99 }],
  grantSources: [{ name: 'polls-under-test.chair', rows: (personId) => sql`select 'board', u.id, null::uuid from units u where u.kind = 'national' and ${personId}::uuid in (select id from persons where first_name = 'Ordstyrer')` }],
  jobs: (jobs) => jobs.define({ name: 'polls-under-test.close', handler: async () => {} }),
  demo: async (_tx, ctx) => {
    demoContext = ctx;
  },
  async routes(app) {
    app.get('/polls-under-test', async () => ({ polls: [] }));
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('a feature that plugs in', () => {
  it('gives access through its grant source', async () => {
    await seedUnits(t.database);
    const chair = (await createPerson(t.database, [], { firstName: 'Ordstyrer' })).id;
    expect((await loadGrants(t.database.db, chair)).map((g) => g.role)).not.toContain('board');
    // Plugged in as the app, the worker and the CLI do it.
    plugIn([polls]);
    expect((await loadGrants(t.database.db, chair)).map((g) => g.role)).toContain('board');
  });

  it('has its routes served by the app built with it, and only then', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/polls-under-test' })).statusCode).toBe(404);
    const { buildApp } = await import('../app.js');
    const app = await buildApp({ config: testConfig(), database: t.database, secret: 'test-secret-test-secret-test-secret-0123', logger: false, features: [...features, polls] });
    await app.ready();
    try {
      const res = await app.inject({ method: 'GET', url: '/polls-under-test' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ polls: [] });
    } finally {
      await app.close();
    }
    expect(navItemsFor(anonymous).map((i) => i.href)).toContain('/polls-under-test');
  });

  it('has its jobs defined by the runtime', () => {
    const silent = { error: () => {}, warn: () => {}, info: () => {} };
    expect(defineJobs(t.database, testConfig(), silent, null, [...features, polls]).defined()).toContain('polls-under-test.close');
    expect(defineJobs(t.database, testConfig(), silent, null).defined()).not.toContain('polls-under-test.close');
  });

  it('has its demo step run with the register it builds on', async () => {
    const fresh = await testApp();
    try {
      expect((await seedDemo(fresh.database.db, [...features, polls])).seeded).toBe(true);
      expect(demoContext?.unitByKey.nord).toMatch(/^[0-9a-f-]{36}$/);
      expect(demoContext?.activeMembers.nord.length).toBeGreaterThan(10);
      expect(demoContext?.made.get('events.network_meeting')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await fresh.close();
    }
  });
});
