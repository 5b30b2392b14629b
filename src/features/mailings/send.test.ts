import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabase, onPostgres } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';
import { consents } from '../members/tables.js';
import { audience, draftTo, mailingStatus, recipientRows } from './delivery.fixture.js';
import { insertMailing, linkCtx, member, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { sendDueMailings } from './jobs.js';
import { PLAUSIBLE_EMAIL } from './freeze.js';
import { sendMailing } from './send.js';
import { topicSubscriptions } from './tables.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});

afterAll(async () => {
  await database?.close();
});

async function auditOf(mailingId: string) {
  const r = await database.executeSql(`select action, fields, actor_kind as "actorKind" from audit_events where entity_type = 'mailing' and entity_id = $1 order by id`, [mailingId]);
  return r.rows as { action: string; fields: string[]; actorKind: string }[];
}

async function mailingRow(id: string) {
  const r = await database.executeSql(`select status, recipient_count as "recipientCount", frozen_at as "frozenAt", scheduled_at as "scheduledAt", sent_by as "sentBy" from mailings where id = $1`, [id]);
  return r.rows[0] as { status: string; recipientCount: number | null; frozenAt: Date | null; scheduledAt: Date | null; sentBy: string | null };
}

const personIdOf = (actor: MailingWorld['admin']) => (actor.kind === 'person' ? actor.personId : null);

describe('sendMailing: freezing the recipients', () => {
  it('freezes one row per person with an address, in their language or the organisation’s, and starts sending', async () => {
    const a = await audience(w, ['anna.sv@example.org', 'bo.da@example.org', 'cecilie.en@example.org', 'ikke oplyst', 'mangler-snabel.example.org'], {
      locale: (i) => (['sv', null, 'en', null, null] as const)[i],
    });
    // A member without an address has nobody to send to: not frozen.
    const [noMail] = await database.executeSql(`insert into persons (first_name, last_name) values ('Uden', 'Adresse') returning id`).then((r) => r.rows);
    await database.executeSql(`insert into memberships (person_id, type_id, unit_id, status) values ($1, $2, $3, 'active')`, [noMail.id, w.typeId, a.unitId]);
    const id = await draftTo(w, a);

    const result = await sendMailing(database.db, w.admin, id, {}, linkCtx);
    expect(result).toEqual({ ok: true, status: 'sending', recipients: 5 });

    const rows = await recipientRows(database, id);
    expect(rows.map((r) => [r.email, r.status, r.locale, r.lastError])).toEqual([
      ['anna.sv@example.org', 'pending', 'sv', null],
      ['bo.da@example.org', 'pending', 'da', null],
      ['cecilie.en@example.org', 'pending', 'en', null],
      // Staff see these among the failures; nobody is silently lost.
      ['ikke oplyst', 'failed', 'da', 'invalid_address'],
      ['mangler-snabel.example.org', 'failed', 'da', 'invalid_address'],
    ]);
    expect(rows.every((r) => r.attempts === 0)).toBe(true);
    const m = await mailingRow(id);
    expect(m).toMatchObject({ status: 'sending', recipientCount: 5, sentBy: personIdOf(w.admin) });
    expect(m.frozenAt).toBeInstanceOf(Date);
    expect(await auditOf(id)).toEqual([{ action: 'update', fields: ['status', 'recipientCount', 'frozenAt', 'sentBy'], actorKind: 'person' }]);
  });

  it('freezes once: sending again is `already_sent` and writes nothing', async () => {
    const a = await audience(w, ['en.gang@example.org', 'kun.en.gang@example.org']);
    const id = await draftTo(w, a);
    expect(await sendMailing(database.db, w.admin, id, {}, linkCtx)).toMatchObject({ ok: true, recipients: 2 });
    expect(await sendMailing(database.db, w.admin, id, {}, linkCtx)).toEqual({ ok: false, reason: 'already_sent' });
    expect(await sendMailing(database.db, w.admin, id, { at: new Date(Date.now() + 3600_000) }, linkCtx)).toEqual({ ok: false, reason: 'already_sent' });
    expect(await recipientRows(database, id)).toHaveLength(2);
    expect(await auditOf(id)).toHaveLength(1);
  });

  it('refuses an empty segment and changes nothing', async () => {
    const a = await audience(w, []);
    const id = await draftTo(w, a);
    expect(await sendMailing(database.db, w.admin, id, {}, linkCtx)).toEqual({ ok: false, reason: 'empty_segment' });
    expect(await mailingRow(id)).toMatchObject({ status: 'draft', recipientCount: null, frozenAt: null, sentBy: null });
    expect(await recipientRows(database, id)).toEqual([]);
    expect(await auditOf(id)).toEqual([]);
  });

  it('refuses a mailing with problems, names them, and leaves it a draft', async () => {
    const a = await audience(w, ['problem@example.org']);
    const id = await draftTo(w, a, { contents: { da: { subject: 'Hej {{fornavnet}}', body: 'Tekst' } } });
    const result = await sendMailing(database.db, w.admin, id, {}, linkCtx);
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!result.ok && result.problems).toContainEqual({ path: 'subject', code: 'mailing.unknown_merge_field', params: { field: 'fornavnet' } });
    expect(await mailingStatus(database, id)).toBe('draft');
    expect(await recipientRows(database, id)).toEqual([]);
  });

  it('answers not found to staff of another unit and forbidden to the board; staff of the unit send', async () => {
    await member(w, { unitId: w.org.north });
    const id = await insertMailing(w, { kind: 'service' });
    expect(await sendMailing(database.db, w.staffSouth, id, {}, linkCtx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await sendMailing(database.db, w.board, id, {}, linkCtx)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await sendMailing(database.db, w.admin, '00000000-0000-4000-8000-00000000dead', {}, linkCtx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await sendMailing(database.db, w.admin, 'not-a-uuid', {}, linkCtx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await mailingStatus(database, id)).toBe('draft');
    expect(await sendMailing(database.db, w.staffNorth, id, {}, linkCtx)).toMatchObject({ ok: true, status: 'sending' });
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });
});

describe('sendMailing: consent', () => {
  it('leaves out who opted out of the topic or of newsletters for a newsletter, but not for service mail', async () => {
    const a = await audience(w, ['fravalgt.emne@example.org', 'nej.til.nyhedsbreve@example.org', 'standard@example.org']);
    const [optedOut, declinedAll] = a.people;
    await database.db.insert(topicSubscriptions).values({ personId: optedOut.id, topicId: w.topics.pay, subscribed: false, source: 'me' });
    await database.db.insert(consents).values({ personId: declinedAll.id, purpose: 'newsletter', granted: false, source: 'join' });

    const newsletter = await draftTo(w, a, { kind: 'newsletter', topicId: w.topics.pay });
    expect(await sendMailing(database.db, w.admin, newsletter, {}, linkCtx)).toMatchObject({ ok: true, recipients: 1 });
    expect((await recipientRows(database, newsletter)).map((r) => r.email)).toEqual(['standard@example.org']);

    const service = await draftTo(w, a, { kind: 'service' });
    expect(await sendMailing(database.db, w.admin, service, {}, linkCtx)).toMatchObject({ ok: true, recipients: 3 });

    // A topic nobody gets by default reaches only those who opted in.
    await database.db.insert(topicSubscriptions).values({ personId: a.people[2].id, topicId: w.topics.optIn, subscribed: true, source: 'me' });
    const optIn = await draftTo(w, a, { kind: 'newsletter', topicId: w.topics.optIn });
    expect(await sendMailing(database.db, w.admin, optIn, {}, linkCtx)).toMatchObject({ ok: true, recipients: 1 });
    await database.executeSql(`update mailings set status = 'sent' where id = any($1::uuid[])`, [[newsletter, service, optIn]]);
  });
});

describe('sendMailing: at a time', () => {
  it('schedules a mailing for later; the job freezes it when its time has come, not before', async () => {
    const a = await audience(w, ['senere.1@example.org', 'senere.2@example.org']);
    const id = await draftTo(w, a);
    const at = new Date(Date.now() + 3600_000);
    expect(await sendMailing(database.db, w.staffNorth, id, { at }, linkCtx)).toEqual({ ok: false, reason: 'not_found' });
    expect(await sendMailing(database.db, w.admin, id, { at }, linkCtx)).toEqual({ ok: true, status: 'scheduled', recipients: null });
    const m = await mailingRow(id);
    expect(m).toMatchObject({ status: 'scheduled', recipientCount: null, frozenAt: null, sentBy: personIdOf(w.admin) });
    expect(m.scheduledAt?.getTime()).toBe(at.getTime());
    // Recipients are frozen when the time comes, not when it was scheduled.
    expect(await recipientRows(database, id)).toEqual([]);
    // A person cannot send it again meanwhile.
    expect(await sendMailing(database.db, w.admin, id, {}, linkCtx)).toEqual({ ok: false, reason: 'already_sent' });

    expect((await sendDueMailings(database.db, linkCtx)).frozen).not.toContain(id);
    expect(await mailingStatus(database, id)).toBe('scheduled');

    // Someone joins the district before the time comes: they get it too.
    const [late] = (await database.executeSql(`insert into persons (first_name, last_name, email) values ('Sen', 'Tilmelding', 'sen.tilmelding@example.org') returning id`)).rows;
    await database.executeSql(`insert into memberships (person_id, type_id, unit_id, status) values ($1, $2, $3, 'active')`, [late.id, w.typeId, a.unitId]);

    const due = await sendDueMailings(database.db, linkCtx, new Date(at.getTime() + 1000));
    expect(due.frozen).toContain(id);
    const after = await mailingRow(id);
    // Still the person who scheduled it, not the scheduler.
    expect(after).toMatchObject({ status: 'sending', recipientCount: 3, sentBy: personIdOf(w.admin) });
    expect((await recipientRows(database, id)).map((r) => r.email).sort()).toEqual(['senere.1@example.org', 'senere.2@example.org', 'sen.tilmelding@example.org'].sort());
    expect((await auditOf(id)).map((e) => e.actorKind)).toEqual(['person', 'system']);
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });

  it('sends at once when the time given has already passed', async () => {
    const a = await audience(w, ['straks@example.org']);
    const id = await draftTo(w, a);
    expect(await sendMailing(database.db, w.admin, id, { at: new Date(Date.now() - 60_000) }, linkCtx)).toEqual({ ok: true, status: 'sending', recipients: 1 });
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });

  it('puts a scheduled mailing that can no longer go back to draft when its time comes', async () => {
    const a = await audience(w, ['forsvinder@example.org']);
    const id = await draftTo(w, a);
    expect(await sendMailing(database.db, w.admin, id, { at: new Date(Date.now() + 60_000) }, linkCtx)).toMatchObject({ status: 'scheduled' });
    // Meanwhile the only member resigned: the segment is empty when the time comes.
    await database.db.execute(sql`update memberships set status = 'resigned' where unit_id = ${a.unitId}`);
    const due = await sendDueMailings(database.db, linkCtx, new Date(Date.now() + 120_000));
    expect(due.returnedToDraft).toContainEqual({ mailingId: id, reason: 'empty_segment' });
    expect(await mailingStatus(database, id)).toBe('draft');
    expect(await recipientRows(database, id)).toEqual([]);
    expect((await auditOf(id)).map((e) => [e.actorKind, e.fields])).toEqual([
      ['person', ['status', 'scheduledAt', 'sentBy']],
      ['system', ['status']],
    ]);
  });
});

describe('the plausible-address rule', () => {
  const cases: [string, boolean][] = [
    ['karen.holm@example.org', true],
    ['søren+nyt@eksempel.dk', true],
    ['a@b.co', true],
    ['ikke oplyst', false],
    ['karen@localhost', false],
    ['karen@@example.org', false],
    ['karen holm@example.org', false],
    ['<karen@example.org>', false],
    ['karen@example.o', false],
    ['karen@.example.org', false],
  ];
  it('agrees in JavaScript and in the database', async () => {
    const re = new RegExp(PLAUSIBLE_EMAIL);
    for (const [email, ok] of cases) expect([email, re.test(email)]).toEqual([email, ok]);
    const r = await database.executeSql(`select v, v ~ $1 as ok from unnest($2::text[]) v`, [PLAUSIBLE_EMAIL, cases.map((c) => c[0])]);
    expect(r.rows.map((x) => [x.v, x.ok])).toEqual(cases);
  });
});

describe.skipIf(!onPostgres)('sendMailing on PostgreSQL: two at once', () => {
  it('freezes exactly once when two sends of the same mailing race', async () => {
    const a = await audience(w, Array.from({ length: 40 }, (_, i) => `samtidig.${i}@example.org`));
    const id = await draftTo(w, a);
    const results = await Promise.all([sendMailing(database.db, w.admin, id, {}, linkCtx), sendMailing(database.db, w.admin, id, {}, linkCtx)]);
    expect(results.filter((r) => r.ok)).toEqual([{ ok: true, status: 'sending', recipients: 40 }]);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'already_sent' }]);
    expect(await recipientRows(database, id)).toHaveLength(40);
    expect(await auditOf(id)).toHaveLength(1);
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });
});
