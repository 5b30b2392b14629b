import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import { openDatabase, type Database } from './db/database.js';
import { applyMigrations } from './db/migrate.js';
import { Jobs } from './jobs/jobs.js';
import { dispatchDueMail, smtpTransport, type MailTransport } from './mail/mail.js';
import { deleteExpiredSessions } from './auth/sessions.js';
import { loginLinks } from './auth/tables.js';
import { createLoginLink } from './auth/login-links.js';
import { persons, roleAssignments } from '../features/members/tables.js';
import { registerEventReminders } from '../features/events/index.js';
import { registerMailingJobs } from '../features/mailings/index.js';

export async function openMigratedDatabase(config: Config, poolSize?: number): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize });
  await applyMigrations(database);
  return database;
}

/** The jobs every Forening process knows; `work` decides whether this one runs them. */
export function defineJobs(database: Database, config: Config, log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>, transport?: MailTransport | null): Jobs {
  const jobs = new Jobs(database, log);
  const mail = transport === undefined ? (config.SMTP_URL ? smtpTransport(config.SMTP_URL) : null) : transport;
  jobs.addPoller({ name: 'mail.dispatch', intervalMs: 1000, run: async () => (await dispatchDueMail(database.db, mail, config.MAIL_FROM)).claimed });
  jobs.define({
    name: 'auth.cleanup',
    cron: '17 3 * * *',
    handler: async () => {
      await deleteExpiredSessions(database.db);
      await database.db.delete(loginLinks).where(or(lt(loginLinks.expiresAt, sql`now() - interval '1 day'`)));
    },
  });
  registerEventReminders(jobs, database.db, { baseUrl: config.publicUrl });
  registerMailingJobs(jobs, database.db, config);
  return jobs;
}

/** A fresh one-time log-in link for the first admin, for the start-up banner of a local installation. */
export async function adminLoginLink(database: Database, config: Config, minutes = 60): Promise<string | null> {
  const [admin] = await database.db
    .select({ id: persons.id })
    .from(roleAssignments)
    .innerJoin(persons, eq(persons.id, roleAssignments.personId))
    .where(and(eq(roleAssignments.role, 'admin'), isNull(roleAssignments.endsOn)))
    .orderBy(asc(roleAssignments.createdAt))
    .limit(1);
  if (!admin) return null;
  const token = await createLoginLink(database.db, admin.id, minutes);
  return `${config.publicUrl}/login/link/${token}`;
}
