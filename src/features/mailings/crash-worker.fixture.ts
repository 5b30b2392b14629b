/**
 * A worker process for the crash test: runs the mailing dispatcher against the test's database and
 * SMTP server until it is killed (kill -9, mid-batch). Settings come from the environment:
 * CRASH_DATABASE_URL, CRASH_SMTP_URL, CRASH_BATCH_SIZE, CRASH_LEASE_SECONDS.
 *
 *   node --import tsx src/features/mailings/crash-worker.fixture.ts
 */
import { openPostgres } from '../../platform/db/database.js';
import { mailingDispatcher } from './dispatch.js';
import { pooledSmtpTransport } from './transport.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};

const database = await openPostgres(env('CRASH_DATABASE_URL'), 3);
const transport = pooledSmtpTransport(env('CRASH_SMTP_URL'), { connections: 2 });
const dispatch = mailingDispatcher(database.db, transport, {
  from: 'Testforbundet <nyhedsbrev@forening.test>',
  baseUrl: 'http://forening.test',
  batchSize: Number(env('CRASH_BATCH_SIZE')),
  defaultRate: 1000,
  leaseSeconds: Number(env('CRASH_LEASE_SECONDS')),
});
process.stdout.write('ready\n');
for (;;) {
  const r = await dispatch();
  if (r.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 50));
}
