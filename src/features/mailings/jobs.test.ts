import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/database.js';
import { testConfig } from '../../test/app.js';
import type { Database } from '../../platform/db/database.js';
import type { JobDefinition, Jobs, Poller } from '../../platform/jobs/jobs.js';
import { audience, draftTo, mailingStatus, recipientRows } from './delivery.fixture.js';
import { linkCtx, mailingWorld, type MailingWorld } from './mailings.fixture.js';
import { MAILING_DISPATCH_POLLER, MAILING_SCHEDULE_JOB, registerMailingJobs } from './jobs.js';
import { sendMailing } from './send.js';

let database: Database;
let w: MailingWorld;

/** What a worker process would run, caught instead of scheduled. */
function recordingJobs(): { jobs: Jobs; pollers: Poller[]; definitions: JobDefinition[] } {
  const pollers: Poller[] = [];
  const definitions: JobDefinition[] = [];
  const jobs = { addPoller: (p: Poller) => void pollers.push(p), define: (d: JobDefinition) => void definitions.push(d) } as unknown as Jobs;
  return { jobs, pollers, definitions };
}

beforeAll(async () => {
  database = await testDatabase();
  w = await mailingWorld(database);
});

afterAll(async () => {
  await database?.close();
});

describe('registerMailingJobs', () => {
  it('gives a worker a dispatcher poller and a minutely job that freezes scheduled mailings; without SMTP the mail is captured', async () => {
    const { jobs, pollers, definitions } = recordingJobs();
    // No SMTP_URL: the worker captures into the outbox (the development mail page shows it).
    registerMailingJobs(jobs, database.db, testConfig());
    expect(pollers.map((p) => p.name)).toEqual([MAILING_DISPATCH_POLLER]);
    expect(definitions.map((d) => [d.name, d.cron])).toEqual([[MAILING_SCHEDULE_JOB, '* * * * *']]);

    const a = await audience(w, ['job.1@example.org', 'job.2@example.org']);
    const now = await draftTo(w, a);
    expect(await sendMailing(database.db, w.admin, now, {}, linkCtx)).toMatchObject({ ok: true, status: 'sending' });
    // The poller reports how much it did, so the worker runs it again at once while there is work.
    expect(await pollers[0].run()).toBe(2);
    expect(await pollers[0].run()).toBe(0);
    expect(await mailingStatus(database, now)).toBe('sent');
    const captured = await database.executeSql(`select to_address from mail_outbox where status = 'captured' and to_address like 'job.%' order by to_address`);
    expect(captured.rows.map((r) => r.to_address)).toEqual(['job.1@example.org', 'job.2@example.org']);

    // A mailing whose time has come is frozen by the job; one still in the future is not.
    const b = await audience(w, ['job.3@example.org']);
    const due = await draftTo(w, b);
    const later = await draftTo(w, b);
    await sendMailing(database.db, w.admin, due, { at: new Date(Date.now() + 60_000) }, linkCtx);
    await sendMailing(database.db, w.admin, later, { at: new Date(Date.now() + 3_600_000) }, linkCtx);
    await database.executeSql(`update mailings set scheduled_at = now() - interval '1 second' where id = $1`, [due]);
    await definitions[0].handler({});
    expect(await mailingStatus(database, due)).toBe('sending');
    expect(await mailingStatus(database, later)).toBe('scheduled');
    expect(await recipientRows(database, due)).toHaveLength(1);
    expect(await pollers[0].run()).toBe(1);
    expect(await mailingStatus(database, due)).toBe('sent');
  });
});
