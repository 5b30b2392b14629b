import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './platform/db/database.js';
import { applyMigrations } from './platform/db/migrate.js';
import { Jobs } from './platform/jobs/jobs.js';
import { dispatchDueMail, smtpTransport, type MailTransport } from './platform/mail/mail.js';
import { deleteExpiredSessions } from './kernel/auth/sessions.js';
import { loginLinks } from './kernel/auth/tables.js';
import { createLoginLink } from './kernel/auth/login-links.js';
import { persons, roleAssignments } from './kernel/tables.js';
import { plugIn, type Feature } from './kernel/feature.js';
import { features as allFeatures } from './features.js';

export async function openMigratedDatabase(config: Config, poolSize?: number): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize });
  await applyMigrations(database);
  return database;
}

/** The jobs every Forening process knows; `work` decides whether this one runs them. */
export function defineJobs(
  database: Database,
  config: Config,
  log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'info'>,
  transport?: MailTransport | null,
  features: readonly Feature[] = allFeatures,
): Jobs {
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
  plugIn(features);
  for (const feature of features) feature.jobs?.(jobs, { db: database.db, config });
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
