import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { mailingProblems, prepareMailing } from './index.js';
import { seedDemo } from '../../demo/seed.js';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  expect(await seedDemo(database.db)).toEqual({ seeded: true });
});
afterAll(async () => database.close());

describe('the demo mailings', () => {
  it('has the three topics, a sent newsletter with every recipient sent, and a draft invitation ready to send', async () => {
    const topics = await queryRows<{ name: { da: string } }>(database.db, sql`select name from newsletter_topics order by position`);
    expect(topics.map((t) => t.name.da)).toEqual(['Nyt om løn og overenskomst', 'Lederbrevet', 'Arbejdsmiljø']);

    const [sent] = await queryRows<{ id: string; count: number; recipients: number; sent: number }>(
      database.db,
      sql`select m.id, m.recipient_count as count, count(r.id)::int as recipients, count(r.id) filter (where r.status = 'sent')::int as sent
          from mailings m join mailing_recipients r on r.mailing_id = m.id where m.status = 'sent' group by m.id`,
    );
    expect(sent.recipients).toBeGreaterThan(0);
    expect(sent.sent).toBe(sent.recipients);
    expect(sent.count).toBe(sent.recipients);
    const rendered = (await prepareMailing(database.db, sent.id, { baseUrl: 'http://localhost:3000' })).render({
      recipientId: 1, personId: null, email: 'x@example.org', locale: 'sv', firstName: 'Astrid', lastName: 'Lind', memberNumber: '100200',
    });
    expect(rendered.subject).toBe('Nytt om lön: så påverkar det nya avtalet dig, Astrid');

    const [draft] = await queryRows<{ id: string; title: string }>(
      database.db,
      sql`select m.id, e.title from mailings m join events e on e.id = m.event_id where m.status = 'draft'`,
    );
    expect(draft.title).toMatch(/^Netværksmøde/);
    expect(await mailingProblems(database.db, draft.id)).toEqual([]);
  });

  it('speaks Danish, Swedish and English: the topics and both mailings have a version in each language', async () => {
    const topics = await queryRows<{ name: Record<string, string>; description: Record<string, string> }>(database.db, sql`select name, description from newsletter_topics order by position`);
    for (const t of topics) {
      for (const l of ['da', 'sv', 'en']) expect(t.name[l] && t.description[l], `${t.name.da} in ${l}`).toBeTruthy();
      expect(new Set([t.name.da, t.name.sv, t.name.en]).size).toBe(3);
    }
    const versions = await queryRows<{ status: string; locales: string }>(
      database.db,
      // The mailings' own demo: segment mailings (the assemblies' demo adds its notice to a roll).
      sql`select m.status, string_agg(c.locale, ',' order by c.locale) as locales from mailings m join mailing_contents c on c.mailing_id = m.id where m.audience_source is null group by m.id, m.status order by m.status`,
    );
    expect(versions).toEqual([
      { status: 'draft', locales: 'da,en,sv' },
      { status: 'sent', locales: 'da,en,sv' },
    ]);
    const [sent] = await queryRows<{ id: string }>(database.db, sql`select id from mailings where status = 'sent'`);
    const english = (await prepareMailing(database.db, sent.id, { baseUrl: 'http://localhost:3000' })).render({
      recipientId: 1, personId: null, email: 'x@example.org', locale: 'en', firstName: 'Astrid', lastName: 'Lind', memberNumber: '100200',
    });
    expect(english.subject).toBe('Pay news: what the new collective agreement means for you, Astrid');
    expect(english.html).toContain('<html lang="en"');
  });
});
