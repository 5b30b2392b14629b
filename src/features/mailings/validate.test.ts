import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { insertEvent } from '../events/events.fixture.js';
import { insertMailing, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { mailingProblems } from './validate.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});
afterAll(async () => database.close());

const DAY = 24 * 3600_000;

describe('mailingProblems', () => {
  it('finds nothing wrong with a complete newsletter', async () => {
    expect(await mailingProblems(database.db, await insertMailing(w, {}))).toEqual([]);
  });

  it('names an unknown merge field with the path of its version and field', async () => {
    const id = await insertMailing(w, {
      contents: {
        da: { subject: 'Hej {{firstName}}', body: 'Hej {{fornavn}}' },
        sv: { subject: 'Hej {{ förnamn }}', body: 'Hej {{firstName}}' },
      },
    });
    expect(await mailingProblems(database.db, id)).toEqual([
      { path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'fornavn' } },
      { path: 'contents.sv.subject', code: 'mailing.unknown_merge_field', params: { field: 'förnamn' } },
    ]);
  });

  it('allows the register link only in invitations and the unsubscribe link only in newsletters', async () => {
    const newsletter = await insertMailing(w, { contents: { da: { subject: 'S', body: '{{registerLink}} {{unsubscribeLink}}' } } });
    expect(await mailingProblems(database.db, newsletter)).toEqual([{ path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'registerLink' } }]);
    const invitation = await insertMailing(w, { kind: 'service', eventId: w.eventId, contents: { da: { subject: 'S', body: '{{registerLink}} {{unsubscribeLink}}' } } });
    expect(await mailingProblems(database.db, invitation)).toEqual([{ path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'unsubscribeLink' } }]);
  });

  it('wants the default version whole, and a translation whole or not at all', async () => {
    const id = await insertMailing(w, { defaultLocale: 'sv', contents: { da: { subject: 'Kun emne', body: ' ' }, sv: { subject: '', body: 'Brödtext' } } });
    expect(await mailingProblems(database.db, id)).toEqual([
      { path: 'contents.da.body', code: 'mailing.body_required' },
      { path: 'subject', code: 'mailing.subject_required' },
    ]);
  });

  it('wants a segment, an active topic for a newsletter and a reason for service mail', async () => {
    expect(await mailingProblems(database.db, await insertMailing(w, { segmentId: null }))).toEqual([{ path: 'segmentId', code: 'mailing.segment_required' }]);
    expect(await mailingProblems(database.db, await insertMailing(w, { topicId: w.topics.inactive }))).toEqual([{ path: 'topicId', code: 'mailing.topic_inactive' }]);
    const service = await insertMailing(w, { kind: 'service' });
    await database.executeSql(`update mailings set service_reason = null where id = $1`, [service]);
    expect(await mailingProblems(database.db, service)).toEqual([{ path: 'serviceReason', code: 'mailing.service_reason_required' }]);
  });

  it('refuses an invitation to an event that is cancelled, over or not published', async () => {
    const cancelled = await insertEvent(database, { unitId: w.org.north, status: 'cancelled', cancelledAt: new Date() });
    const past = await insertEvent(database, { unitId: w.org.north, startsAt: new Date(Date.now() - 2 * DAY) });
    const draft = await insertEvent(database, { unitId: w.org.north, status: 'draft', publishedAt: null });
    const problem = async (eventId: string) => (await mailingProblems(database.db, await insertMailing(w, { kind: 'service', eventId }))).map((p) => p.code);
    expect(await problem(cancelled.id)).toEqual(['mailing.event_cancelled']);
    expect(await problem(past.id)).toEqual(['mailing.event_past']);
    expect(await problem(draft.id)).toEqual(['mailing.event_unpublished']);
  });
});
