import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import type { Database } from '../../platform/db/database.js';
import { audience, draftTo, mailingStatus } from './delivery.fixture.js';
import { insertMailing, linkCtx, member, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { cancelMailing, pauseMailing, resumeMailing } from './control.js';
import { FAILURES_PAGE_SIZE, mailingFailures, mailingProgress } from './progress.js';
import { sendMailing } from './send.js';

let database: Database;
let w: MailingWorld;

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
  await member(w, { unitId: w.org.north });
});

afterAll(async () => {
  await database?.close();
});

async function auditFields(mailingId: string): Promise<string[][]> {
  const r = await database.executeSql(`select fields from audit_events where entity_type = 'mailing' and entity_id = $1 order by id`, [mailingId]);
  return r.rows.map((x) => x.fields as string[]);
}

describe('pause, resume, cancel', () => {
  it('pauses a sending mailing and resumes it; each only from the right status, audited', async () => {
    const id = await insertMailing(w, { kind: 'service' });
    expect(await pauseMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'wrong_status', status: 'draft' });
    expect(await resumeMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'wrong_status', status: 'draft' });
    expect(await sendMailing(database.db, w.staffNorth, id, {}, linkCtx)).toMatchObject({ ok: true, status: 'sending' });

    expect(await resumeMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'wrong_status', status: 'sending' });
    expect(await pauseMailing(database.db, w.staffNorth, id)).toEqual({ ok: true, status: 'paused' });
    expect(await pauseMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'wrong_status', status: 'paused' });
    // A paused mailing has started: it cannot be cancelled (nor sent again).
    expect(await cancelMailing(database.db, w.staffNorth, id)).toEqual({ ok: false, reason: 'wrong_status', status: 'paused' });
    expect(await sendMailing(database.db, w.staffNorth, id, {}, linkCtx)).toEqual({ ok: false, reason: 'already_sent' });
    expect(await resumeMailing(database.db, w.staffNorth, id)).toEqual({ ok: true, status: 'sending' });
    expect(await mailingStatus(database, id)).toBe('sending');
    expect(await auditFields(id)).toEqual([['status', 'recipientCount', 'frozenAt', 'sentBy'], ['status'], ['status']]);
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });

  it('cancels a draft or a scheduled mailing, and nothing else', async () => {
    const draft = await insertMailing(w, { kind: 'service' });
    expect(await cancelMailing(database.db, w.staffNorth, draft)).toEqual({ ok: true, status: 'cancelled' });
    expect(await cancelMailing(database.db, w.staffNorth, draft)).toEqual({ ok: false, reason: 'wrong_status', status: 'cancelled' });
    expect(await sendMailing(database.db, w.staffNorth, draft, {}, linkCtx)).toEqual({ ok: false, reason: 'already_sent' });

    const scheduled = await insertMailing(w, { kind: 'service' });
    expect(await sendMailing(database.db, w.staffNorth, scheduled, { at: new Date(Date.now() + 86_400_000) }, linkCtx)).toMatchObject({ status: 'scheduled' });
    expect(await cancelMailing(database.db, w.staffNorth, scheduled)).toEqual({ ok: true, status: 'cancelled' });
    const r = await database.executeSql(`select count(*)::int as n from mailing_recipients where mailing_id = $1`, [scheduled]);
    expect(r.rows[0].n).toBe(0);
  });

  it('refuses the board (forbidden) and staff of another unit (not found), and changes nothing', async () => {
    const id = await insertMailing(w, { kind: 'service' });
    await sendMailing(database.db, w.staffNorth, id, {}, linkCtx);
    for (const action of [pauseMailing, resumeMailing, cancelMailing]) {
      expect(await action(database.db, w.board, id)).toEqual({ ok: false, reason: 'forbidden' });
      expect(await action(database.db, w.staffSouth, id)).toEqual({ ok: false, reason: 'not_found' });
      expect(await action(database.db, w.staffSouth, 'nonsense')).toEqual({ ok: false, reason: 'not_found' });
    }
    expect(await mailingStatus(database, id)).toBe('sending');
    expect(await auditFields(id)).toHaveLength(1);
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });
});

describe('progress and failures', () => {
  it('counts a mailing’s recipients by state, for staff and board of its unit only', async () => {
    const id = await insertMailing(w, { kind: 'service' });
    expect(await mailingProgress(database.db, w.board, id)).toMatchObject({ ok: true, progress: { status: 'draft', recipients: null, pending: 0, sent: 0 } });
    const sent = await sendMailing(database.db, w.staffNorth, id, {}, linkCtx);
    expect(sent.ok).toBe(true);
    const n = sent.ok ? sent.recipients! : 0;
    expect(await mailingProgress(database.db, w.board, id)).toEqual({
      ok: true,
      progress: expect.objectContaining({ status: 'sending', recipients: n, pending: n, sending: 0, sent: 0, failed: 0, scheduledAt: null, finishedAt: null }),
    });
    expect(await mailingProgress(database.db, w.staffSouth, id)).toEqual({ ok: false, reason: 'not_found' });
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });

  it('lists the failures a page at a time, by address, and audits the read', async () => {
    const bad = Array.from({ length: FAILURES_PAGE_SIZE + 3 }, (_, i) => `ugyldig ${String(i).padStart(3, '0')}`);
    const a = await audience(w, ['god@example.org', ...bad]);
    const id = await draftTo(w, a);
    await sendMailing(database.db, w.admin, id, {}, linkCtx);

    const first = await mailingFailures(database.db, w.admin, id, { page: 1 });
    expect(first).toMatchObject({ ok: true, total: bad.length, page: 1, pageSize: FAILURES_PAGE_SIZE });
    expect(first.ok && first.failures).toHaveLength(FAILURES_PAGE_SIZE);
    expect(first.ok && first.failures[0]).toEqual({ email: 'ugyldig 000', reason: 'invalid_address', attempts: 0 });
    const second = await mailingFailures(database.db, w.admin, id, { page: 2 });
    expect(second.ok && second.failures.map((f) => f.email)).toEqual(bad.slice(FAILURES_PAGE_SIZE));
    const past = await mailingFailures(database.db, w.admin, id, { page: 9 });
    expect(past).toMatchObject({ ok: true, total: bad.length, failures: [] });

    const r = await database.executeSql(`select count(*)::int as n from audit_events where entity_type = 'mailing_failures' and entity_id = $1`, [id]);
    expect(r.rows[0].n).toBe(3);
    // The failures hold addresses: staff of another unit get nothing, and nothing is audited for them.
    expect(await mailingFailures(database.db, w.staffSouth, id, { page: 1 })).toEqual({ ok: false, reason: 'not_found' });
    await database.executeSql(`update mailings set status = 'sent' where id = $1`, [id]);
  });
});
