import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { segments } from '../segments/tables.js';
import { mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { createMailing, deleteMailing, updateMailing } from './mailings.js';
import { getMailing, listMailings } from './queries.js';
import { mailingInput, type MailingInput } from './schema.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});
afterAll(async () => database.close());

const input = (overrides: Record<string, unknown> = {}): MailingInput =>
  mailingInput.parse({
    segmentId: w.segmentNorth,
    kind: 'newsletter',
    topic: w.topics.pay,
    subject: 'Nyt om løn, {{firstName}}',
    body: 'Kære {{fullName}}\n\nLæs mere.',
    ...overrides,
  });

async function counts() {
  const r = await database.executeSql(
    `select (select count(*) from mailings)::int as mailings, (select count(*) from mailing_contents)::int as contents, (select count(*) from audit_events where entity_type like 'mailing%')::int as audits`,
  );
  return r.rows[0];
}

describe('composing a mailing', () => {
  it('creates a draft newsletter in the segment’s unit, audited', async () => {
    const r = await createMailing(database.db, w.staffNorth, input({ contents: { sv: { subject: 'Nytt om lön', body: 'Hej {{firstName}}' } } }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mailing).toMatchObject({ unitId: w.org.north, segmentId: w.segmentNorth, kind: 'newsletter', topicId: w.topics.pay, topicName: 'Nyt om løn', status: 'draft', locale: 'da', subject: 'Nyt om løn, {{firstName}}', recipients: null, sent: 0 });
    expect(r.mailing.contents).toEqual({ sv: { subject: 'Nytt om lön', body: 'Hej {{firstName}}' } });
    const audits = await database.executeSql(`select action, entity_type from audit_events where entity_id = $1`, [r.mailing.id]);
    expect(audits.rows).toEqual([{ action: 'create', entity_type: 'mailing' }]);
  });

  it('takes the topic by slug, and the main language from the input', async () => {
    const [topic] = (await database.executeSql(`select slug from newsletter_topics where id = $1`, [w.topics.leaders])).rows as { slug: string }[];
    const r = await createMailing(database.db, w.staffNorth, input({ topic: topic.slug, locale: 'en', subject: 'News', body: 'Hello' }));
    expect(r.ok && r.mailing.topicId).toBe(w.topics.leaders);
    expect(r.ok && r.mailing.locale).toBe('en');
  });

  it('marks service mail with its reason and audits the choice apart', async () => {
    const r = await createMailing(database.db, w.staffNorth, input({ kind: 'service', topic: undefined, serviceReason: 'Indkaldelse til generalforsamling' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mailing).toMatchObject({ kind: 'service', topicId: null, serviceReason: 'Indkaldelse til generalforsamling' });
    const audits = await database.executeSql(`select action, fields from audit_events where entity_type = 'mailing_service_mark' and entity_id = $1`, [r.mailing.id]);
    expect(audits.rows).toEqual([{ action: 'create', fields: ['kind', 'serviceReason'] }]);
  });

  const refusals: [string, () => Record<string, unknown>, { path: string; code: string }[]][] = [
    ['service mail without a reason', () => ({ kind: 'service', topic: undefined }), [{ path: 'serviceReason', code: 'mailing.service_reason_required' }]],
    ['a newsletter without a topic', () => ({ topic: undefined }), [{ path: 'topicId', code: 'mailing.topic_required' }]],
    ['a newsletter on an inactive topic', () => ({ topic: w.topics.inactive }), [{ path: 'topicId', code: 'mailing.topic_inactive' }]],
    ['an unknown topic slug', () => ({ topic: 'findes-ikke' }), [{ path: 'topicId', code: 'mailing.topic_unknown' }]],
    ['a segment of another unit', () => ({ segmentId: w.segmentSouth }), [{ path: 'segmentId', code: 'mailing.segment_unknown' }]],
    ['no segment', () => ({ segmentId: '' , unitId: w.org.north }), [{ path: 'segmentId', code: 'mailing.segment_required' }]],
    ['a unit that is not the staff member’s', () => ({ unitId: w.org.south }), [{ path: 'segmentId', code: 'mailing.segment_other_unit' }, { path: 'unitId', code: 'mailing.unit_forbidden' }]],
    ['an unknown merge field in a translation', () => ({ contents: { sv: { subject: 'Hej', body: 'Hej {{fornamn}}' } } }), [{ path: 'contents.sv.body', code: 'mailing.unknown_merge_field' }]],
    ['half a translation', () => ({ contents: { en: { subject: 'Hello', body: '' } } }), [{ path: 'contents.en.body', code: 'mailing.body_required' }]],
    ['the register link outside an invitation', () => ({ body: 'Tilmeld: {{registerLink}}' }), [{ path: 'body', code: 'mailing.unknown_merge_field' }]],
  ];
  for (const [name, overrides, expected] of refusals) {
    it(`refuses ${name}, naming the field, and writes nothing`, async () => {
      const before = await counts();
      const r = await createMailing(database.db, w.staffNorth, input(overrides()));
      expect(r.ok).toBe(false);
      if (r.ok || r.reason !== 'invalid') throw new Error('expected invalid');
      expect(r.errors.map(({ path, code }) => ({ path, code }))).toEqual(expected);
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses no subject in the schema, naming `subject`', () => {
    const parsed = mailingInput.safeParse({ segmentId: w.segmentNorth, kind: 'newsletter', topic: w.topics.pay, subject: '  ', body: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['subject']);
  });

  it('lets admins use a national unit for a district’s segment, not the other way round', async () => {
    const [n] = await database.db.insert(segments).values({ unitId: w.org.national, name: 'Hele forbundet', filter: { match: 'all', conditions: [], exclude: [] } }).returning();
    expect((await createMailing(database.db, w.admin, input({ unitId: w.org.national }))).ok).toBe(true);
    const wrong = await createMailing(database.db, w.admin, input({ unitId: w.org.north, segmentId: n.id }));
    expect(!wrong.ok && wrong.reason === 'invalid' && wrong.errors.map((e) => e.code)).toEqual(['mailing.segment_other_unit']);
  });

  it('invitations need an event that is still ahead and published', async () => {
    const ok = await createMailing(database.db, w.staffNorth, input({ kind: 'service', topic: undefined, serviceReason: 'Invitation', eventId: w.eventId, body: 'Tilmeld dig: {{registerLink}}' }));
    expect(ok.ok && ok.mailing.eventTitle).toBe('Medlemsmøde om løn');
  });
});

describe('changing and deleting drafts', () => {
  it('changes what is given, replaces translations, audits the fields, and refuses once sent', async () => {
    const created = await createMailing(database.db, w.staffNorth, input({ contents: { sv: { subject: 'Nytt', body: 'Hej' } } }));
    if (!created.ok) throw new Error('create');
    const id = created.mailing.id;
    const r = await updateMailing(database.db, w.staffNorth, id, { subject: 'Ny emnelinje', contents: { en: { subject: 'New', body: 'Hello' } } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mailing.subject).toBe('Ny emnelinje');
    expect(r.mailing.body).toBe('Kære {{fullName}}\n\nLæs mere.');
    expect(r.mailing.contents).toEqual({ en: { subject: 'New', body: 'Hello' } });
    const audit = await database.executeSql(`select fields from audit_events where entity_id = $1 and action = 'update'`, [id]);
    expect(audit.rows).toEqual([{ fields: ['contents'] }]);

    // Marking it service mail later is audited as the choice it is.
    const service = await updateMailing(database.db, w.staffNorth, id, { kind: 'service', serviceReason: 'Vigtig besked om overenskomsten' });
    expect(service.ok && service.mailing.topicId).toBe(null);
    const marks = await database.executeSql(`select action from audit_events where entity_type = 'mailing_service_mark' and entity_id = $1`, [id]);
    expect(marks.rows).toEqual([{ action: 'create' }]);

    await database.executeSql(`update mailings set status = 'sending' where id = $1`, [id]);
    expect(await updateMailing(database.db, w.staffNorth, id, { subject: 'x' })).toEqual({ ok: false, reason: 'not_draft', status: 'sending' });
    expect(await deleteMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'not_draft', status: 'sending' });
  });

  it('keeps other units’ mailings out of sight, and the board out of changes', async () => {
    const created = await createMailing(database.db, w.staffNorth, input());
    if (!created.ok) throw new Error('create');
    const id = created.mailing.id;
    expect(await updateMailing(database.db, w.staffSouth, id, { subject: 'x' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await getMailing(database.db, w.staffSouth, id)).toEqual({ ok: false, reason: 'not_found' });
    expect((await getMailing(database.db, w.board, id)).ok).toBe(true);
    expect(await deleteMailing(database.db, w.board, id)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await deleteMailing(database.db, w.staffNorth, id)).toEqual({ ok: true });
    expect(await getMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('lists the mailings of the reader’s units only, newest first', async () => {
    const north = await listMailings(database.db, w.staffNorth, { page: 1, unit: undefined, status: undefined });
    expect(north.items.length).toBeGreaterThan(0);
    expect(north.items.every((m) => m.unitId === w.org.north)).toBe(true);
    expect((await listMailings(database.db, w.staffSouth, { page: 1, unit: undefined, status: undefined })).items).toEqual([]);
    const drafts = await listMailings(database.db, w.admin, { page: 1, unit: undefined, status: 'draft' });
    expect(drafts.items.every((m) => m.status === 'draft')).toBe(true);
    const times = north.items.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
