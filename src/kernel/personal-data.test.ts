import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../platform/db/database.js';
import { testApp, type TestApp } from '../test/app.js';
import { personalDataTables } from './personal-data.js';

/*
 * A person's data export (GDPR art. 15/20) is gathered from the parts features declare. Here the
 * migrated schema itself says which tables hold rows about a person: every table with a foreign key
 * to `persons`. Each must be covered by a part, or be named below with the reason it is left out.
 */

/** Tables that refer to a person but are not personal data of that person, with the reason. */
const NOT_EXPORTED: Record<string, string> = {
  sessions: 'log-in state: a secret that is useless to the person and dangerous to hand out; the account part says when they last logged in',
  login_links: 'one-time log-in secrets, expired or used within hours',
  api_tokens: 'secrets; the person sees and revokes their tokens on their page',
  event_calendar_feeds: 'the secret address of a calendar feed; the events in it are exported as registrations',
  workplace_meeting_feeds: 'the secret address of a calendar feed; the meetings in it are exported',
};

/** Still to join the export: this list may only shrink. */
const NOT_YET_EXPORTED = new Set<string>([]);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('the data export', () => {
  it('covers every table that refers to a person', async () => {
    const rows = await queryRows<{ table_name: string }>(
      t.database.db,
      sql`select distinct tc.table_name from information_schema.table_constraints tc
        join information_schema.constraint_column_usage cu on cu.constraint_name = tc.constraint_name and cu.table_schema = tc.table_schema
        where tc.constraint_type = 'FOREIGN KEY' and cu.table_name = 'persons' and cu.column_name = 'id' and tc.table_schema = 'public'
        order by 1`,
    );
    const referring = ['persons', ...rows.map((r) => r.table_name)];
    expect(referring.length).toBeGreaterThan(10);
    const covered = new Set(personalDataTables());
    const missing = referring.filter((name) => !covered.has(name) && !(name in NOT_EXPORTED) && !NOT_YET_EXPORTED.has(name));
    expect(missing).toEqual([]);
    // A listed table that is now covered (or gone) is struck from the list.
    expect([...NOT_YET_EXPORTED].filter((name) => covered.has(name) || !referring.includes(name))).toEqual([]);
  });
});
