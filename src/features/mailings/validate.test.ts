import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.js';
import { testDatabase } from '../../test/database.js';
import { insertEvent } from '../events/events.fixture.js';
import { insertMailing, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { mailingProblems } from './validate.js';
import { mergeFieldNames, resolveMergeField } from './merge-fields.js';
import { problemMessage } from './messages.js';
import { translator } from '../../platform/i18n/i18n.js';

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
        da: { subject: 'Hej {{firstName}}', body: 'Hej {{fornavnet}}' },
        sv: { subject: 'Hej {{ förnamnen }}', body: 'Hej {{firstName}}' },
      },
    });
    const problems = await mailingProblems(database.db, id);
    expect(problems).toEqual([
      { path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'fornavnet' } },
      { path: 'contents.sv.subject', code: 'mailing.unknown_merge_field', params: { field: 'förnamnen' } },
    ]);
    // The message names the field as it was written, in the reader's language.
    expect(problemMessage(translator('da'), problems[0])).toBe('Ukendt flettefelt {{fornavnet}} i brødteksten (dansk)');
    expect(problemMessage(translator('sv'), problems[1])).toBe('Okänt kopplingsfält {{förnamnen}} i ämnesraden (svenska)');
  });

  it('accepts every merge field by its Danish and Swedish name, in any case', async () => {
    const id = await insertMailing(w, {
      contents: {
        da: { subject: 'Hej {{fornavn}} {{Efternavn}}', body: '{{NAVN}} {{medlemsnummer}} {{Emailadresse}} {{afmeldingslink}}' },
        sv: { subject: 'Hej {{Förnamn}} {{EFTERNAMN}}', body: '{{namn}} {{Medlemsnummer}} {{EPOST}} {{Avregistreringslänk}}' },
      },
    });
    expect(await mailingProblems(database.db, id)).toEqual([]);
    // An alias is held to the same rules as its field: no register link outside an invitation.
    const newsletter = await insertMailing(w, { contents: { da: { subject: 'S', body: '{{Tilmeldingslink}} {{anmälningslänk}}' } } });
    expect(await mailingProblems(database.db, newsletter)).toEqual([
      { path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'Tilmeldingslink' } },
      { path: 'body', code: 'mailing.unknown_merge_field', params: { field: 'anmälningslänk' } },
    ]);
    const invitation = await insertMailing(w, { kind: 'service', eventId: w.eventId, contents: { da: { subject: 'S', body: '{{tilmeldingslink}} {{ANMÄLNINGSLÄNK}} {{förnamn}}' } } });
    expect(await mailingProblems(database.db, invitation)).toEqual([]);
  });

  it('gives each merge field one name per language, none shared by two fields, all found in any case', () => {
    for (const [field, names] of Object.entries(mergeFieldNames)) {
      for (const name of Object.values(names)) {
        expect(resolveMergeField(name)).toBe(field);
        expect(resolveMergeField(name.toUpperCase())).toBe(field);
      }
      // A Danish and a Swedish name besides the English one.
      expect(names.da.toLowerCase()).not.toBe(field.toLowerCase());
      expect(names.sv.toLowerCase()).not.toBe(field.toLowerCase());
    }
    // The same ö typed as o plus a combining diaeresis.
    expect(resolveMergeField('fo\u0308rnamn')).toBe('firstName');
    expect(resolveMergeField('fornamn')).toBeNull();
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
