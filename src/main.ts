import { parseArgs } from 'node:util';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import pino from 'pino';
import { ConfigError, loadEnv, parseConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { DataDirLockedError, type Database } from './platform/db/database.js';
import { adminLoginLink, defineJobs, openMigratedDatabase } from './platform/runtime.js';
import { cookieSecret } from './platform/instance.js';
import { seedDemo } from './demo/seed.js';
import { accessRoles, persons, roleAssignments, type AccessRole } from './features/members/tables.js';
import { createApiToken } from './platform/auth/api-tokens.js';
import { createLoginLink } from './platform/auth/login-links.js';
import { system } from './platform/actor.js';
import { audit } from './platform/audit/audit.js';
import { units } from './features/organisation/tables.js';
import { runImportCommand } from './features/members/import/cli.js';

const usage = `Usage: forening <command> [options]

Commands:
  serve                              start the web server (and the jobs, unless JOBS_IN_PROCESS=0)
  worker                             run background jobs only (needs PostgreSQL for a second process)
  migrate                            apply database migrations and exit
  seed --demo                        fill an empty database with the fictional demo organisation
  create-admin --email E [--first-name F --last-name L]
                                     make a person an administrator and print a one-time log-in link
  token create --name N --role R [--unit UNIT_ID]
                                     create an API token (printed once); R is one of ${accessRoles.join(', ')}
  import members|workplaces FILE.csv [--dry-run]
                                     import a CSV file (columns: see the README); exit code 1 on any error
`;

/** CLI output is for the operator, not the log: it may name the admin's link and must reach the terminal. */
function say(line = ''): void {
  process.stdout.write(line + '\n');
}

function fail(message: string): never {
  process.stderr.write(message + '\n');
  process.exit(1);
}

async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openMigratedDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<void> {
  const logger = pino({ level: config.LOG_LEVEL });
  const database = await openMigratedDatabase(config);
  let demoSeeded = false;
  if (config.FORENING_DEMO && database.kind === 'pglite') demoSeeded = (await seedDemo(database.db)).seeded;
  const jobs = defineJobs(database, config, logger);
  const app = await buildApp({ config, database, jobs, secret: await cookieSecret(database.db, config.SESSION_SECRET) });
  await jobs.start({ work: config.JOBS_IN_PROCESS });
  await app.listen({ port: config.PORT, host: config.HOST });

  say('');
  say(`Forening is running at ${config.publicUrl}`);
  say(`  database: ${database.kind === 'pglite' ? `embedded (${config.DATA_DIR})` : 'PostgreSQL'}${demoSeeded ? ', demo organisation seeded' : ''}`);
  if (database.kind === 'pglite') {
    const link = await adminLoginLink(database, config);
    if (link) say(`  one-time admin log-in link (valid 60 minutes): ${link}`);
    else say('  no administrator yet: npm run forening -- create-admin --email you@example.org');
  }
  say('');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function worker(config: Config): Promise<void> {
  const logger = pino({ level: config.LOG_LEVEL });
  const database = await openMigratedDatabase(config);
  const jobs = defineJobs(database, config, logger);
  await jobs.start({ work: true });
  logger.info('worker running');
  const stop = async () => {
    await jobs.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function createAdmin(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, 'first-name': { type: 'string' }, 'last-name': { type: 'string' } } });
  const email = z.email().safeParse(values.email);
  if (!email.success) fail('create-admin: --email must be an e-mail address');
  await withDatabase(config, async (database) => {
    const personId = await database.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: persons.id }).from(persons).where(sql`lower(${persons.email}) = lower(${email.data})`);
      const id =
        existing?.id ??
        (
          await tx
            .insert(persons)
            .values({ firstName: values['first-name'] ?? 'Admin', lastName: values['last-name'] ?? '', email: email.data })
            .returning({ id: persons.id })
        )[0].id;
      const [role] = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.personId, id), eq(roleAssignments.role, 'admin'), isNull(roleAssignments.unitId), isNull(roleAssignments.endsOn)));
      if (!role) {
        const [created] = await tx.insert(roleAssignments).values({ personId: id, role: 'admin', unitId: null }).returning({ id: roleAssignments.id });
        await audit(tx, system, { action: 'create', entityType: 'role_assignment', entityId: created.id });
      }
      return id;
    });
    const token = await createLoginLink(database.db, personId, 60);
    say(`${email.data} is an administrator.`);
    say(`One-time log-in link (valid 60 minutes): ${config.publicUrl}/login/link/${token}`);
  });
}

async function token(config: Config, args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'create') fail('Usage: forening token create --name N --role R [--unit UNIT_ID]');
  const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' } } });
  if (!values.name?.trim()) fail('token create: --name is required');
  if (!accessRoles.includes(values.role as AccessRole)) fail(`token create: --role must be one of ${accessRoles.join(', ')}`);
  if (values.unit !== undefined && !z.uuid().safeParse(values.unit).success) fail('token create: --unit must be a unit id (see GET /api/v1/units)');
  await withDatabase(config, async (database) => {
    if (values.unit) {
      const [unit] = await database.db.select({ id: units.id }).from(units).where(eq(units.id, values.unit));
      if (!unit) fail(`token create: no unit with id ${values.unit}`);
    }
    const created = await createApiToken(database.db, system, { name: values.name!.trim(), role: values.role as AccessRole, unitId: values.unit ?? null });
    say(`API token "${created.name}" (${created.role}) created. It is shown only this once:`);
    say(created.token);
  });
}

async function main(argv: string[]): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(loadEnv());
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const [command, ...args] = argv;
  switch (command) {
    case 'serve':
      return serve(config);
    case 'worker':
      return worker(config);
    case 'migrate':
      await withDatabase(config, async () => say('Migrations applied.'));
      return;
    case 'seed': {
      if (!args.includes('--demo')) fail('Usage: forening seed --demo');
      await withDatabase(config, async (database) => {
        const { seeded } = await seedDemo(database.db);
        say(seeded ? 'Demo organisation seeded.' : 'The database already holds data: nothing seeded.');
      });
      return;
    }
    case 'create-admin':
      return createAdmin(config, args);
    case 'token':
      return token(config, args);
    case 'import':
      process.exitCode = await runImportCommand(args, say, (fn) => withDatabase(config, fn));
      return;
    case undefined:
    case 'help':
    case '--help':
      say(usage);
      return;
    default:
      fail(`Unknown command "${command}".\n\n${usage}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof DataDirLockedError) fail(err.message);
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01') fail(`Cannot reach the database in DATABASE_URL: ${(err as Error).message}`);
  if (code === 'EADDRINUSE') fail(`The port is already in use; set PORT to another number.`);
  process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
  process.exit(1);
});
