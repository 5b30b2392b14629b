import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import pino from 'pino';
import { logOptions } from './platform/logging.js';
import { ConfigError, loadEnv, parseConfig, type Config } from './config.js';
import { buildApp } from './app.js';
import { DataDirLockedError, type Database } from './platform/db/database.js';
import { adminLoginLink, defineJobs, openMigratedDatabase } from './runtime.js';
import { cookieSecret } from './platform/instance.js';
import { seedDemo } from './demo/seed.js';
import { accessRoles, type AccessRole, system } from './platform/actor.js';
import { persons, roleAssignments, units } from './kernel/tables.js';
import { createApiToken, createPersonalToken } from './kernel/auth/api-tokens.js';
import { findPersonByEmail } from './kernel/persons.js';
import { findPersonByMemberNumber } from './features/members/index.js';
import { createLoginLink } from './kernel/auth/login-links.js';
import { audit } from './platform/audit/audit.js';
import { checkImportArgs, importOptions, importPositionals, runImportCommand } from './features/import/cli.js';
import { defineCommand, defineGroup, UsageError, type CliArgs, type CliOptions, type Command, type Prepared } from './platform/cli.js';

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
  const logger = pino(logOptions(config.LOG_LEVEL));
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
  const logger = pino(logOptions(config.LOG_LEVEL));
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

const createAdminOptions = {
  email: { type: 'string', value: 'E', required: true, description: 'the e-mail address of the person (created if unknown)' },
  'first-name': { type: 'string', value: 'F', description: 'first name of a new person (default "Admin")' },
  'last-name': { type: 'string', value: 'L', description: 'last name of a new person' },
} as const satisfies CliOptions;

function checkCreateAdmin({ values }: CliArgs<typeof createAdminOptions>): void {
  if (!z.email().safeParse(values.email).success) throw new UsageError('--email must be an e-mail address');
}

async function createAdmin(config: Config, { values }: CliArgs<typeof createAdminOptions>): Promise<void> {
  const email = z.email().parse(values.email);
  await withDatabase(config, async (database) => {
    const personId = await database.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: persons.id }).from(persons).where(sql`lower(${persons.email}) = lower(${email})`);
      const id =
        existing?.id ??
        (
          await tx
            .insert(persons)
            .values({ firstName: values['first-name'] ?? 'Admin', lastName: values['last-name'] ?? '', email: email })
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
    say(`${email} is an administrator.`);
    say(`One-time log-in link (valid 60 minutes): ${config.publicUrl}/login/link/${token}`);
  });
}

/** One entry per option: the parser, the usage line and `--help` all read it from here. */
const tokenCreateOptions = {
  name: { type: 'string', value: 'N', required: true, description: 'what the token is for, as the token list shows it' },
  role: { type: 'string', value: 'R', description: `an integration's token with a role: ${accessRoles.join(', ')}` },
  unit: { type: 'string', value: 'UNIT_ID', description: 'limit the role to a unit and everything below it (see GET /api/v1/units)' },
  person: { type: 'string', value: 'MEMBER_NUMBER_OR_EMAIL', description: 'instead of --role: a personal token acting as this person, with exactly their rights' },
} as const satisfies CliOptions;

function checkTokenCreate({ values }: CliArgs<typeof tokenCreateOptions>): void {
  // A personal token has the person's rights and no role of its own: the two cannot be combined.
  if (values.role !== undefined && values.person !== undefined) throw new UsageError('--role and --person exclude each other');
  if (values.person !== undefined) {
    if (!values.person.trim()) throw new UsageError('--person needs a member number or an e-mail address');
    if (values.unit !== undefined) throw new UsageError('--unit goes with --role, not with --person');
    return;
  }
  if (values.role === undefined) throw new UsageError('--role or --person is required');
  if (!accessRoles.includes(values.role as AccessRole)) throw new UsageError(`--role must be one of ${accessRoles.join(', ')}`);
  if (values.unit !== undefined && !z.uuid().safeParse(values.unit).success) throw new UsageError('--unit must be a unit id (see GET /api/v1/units)');
}

/** The person a member number (e.g. 100042) or an e-mail address names, or null. */
async function findPersonForToken(database: Database, key: string): Promise<{ id: string; firstName: string; lastName: string } | null> {
  if (key.includes('@')) return (await findPersonByEmail(database.db, key)) ?? null;
  return findPersonByMemberNumber(database.db, key);
}

async function tokenCreate(config: Config, { values }: CliArgs<typeof tokenCreateOptions>): Promise<void> {
  await withDatabase(config, async (database) => {
    if (values.person !== undefined) {
      const key = values.person.trim();
      const person = await findPersonForToken(database, key);
      if (!person) fail(`token create: no person with member number or e-mail "${key}"`);
      const result = await createPersonalToken(database.db, system, { personId: person.id, name: values.name!.trim() });
      if (!result.ok) fail(result.reason === 'too_many' ? 'token create: the person already has the most active personal tokens allowed; revoke one first' : `token create: no person "${key}"`);
      say(`Personal API token "${result.token.name}" for ${person.firstName} ${person.lastName} created. It acts with their rights and is shown only this once:`);
      say(result.token.value);
      return;
    }
    if (values.unit) {
      const [unit] = await database.db.select({ id: units.id }).from(units).where(eq(units.id, values.unit));
      if (!unit) fail(`token create: no unit with id ${values.unit}`);
    }
    const created = await createApiToken(database.db, system, { name: values.name!.trim(), role: values.role as AccessRole, unitId: values.unit ?? null });
    say(`API token "${created.name}" (${created.role}) created. It is shown only this once:`);
    say(created.token);
  });
}

/** Every command, once: its words, options and help, and what it runs. */
const commands: Command<Config>[] = [
  defineCommand({ name: 'serve', summary: 'start the web server (and the jobs, unless JOBS_IN_PROCESS=0)', run: (_args, config: Config) => serve(config) }),
  defineCommand({ name: 'worker', summary: 'run background jobs only (needs PostgreSQL for a second process)', run: (_args, config: Config) => worker(config) }),
  defineCommand({
    name: 'migrate',
    summary: 'apply database migrations and exit',
    run: (_args, config: Config) => withDatabase(config, async () => say('Migrations applied.')),
  }),
  defineCommand({
    name: 'seed',
    summary: 'fill an empty database with the fictional demo organisation',
    options: { demo: { type: 'boolean', required: true, description: 'seed the demo organisation Omsorgsforbundet' } },
    run: (_args, config: Config) =>
      withDatabase(config, async (database) => {
        const { seeded } = await seedDemo(database.db);
        say(seeded ? 'Demo organisation seeded.' : 'The database already holds data: nothing seeded.');
      }),
  }),
  defineCommand({
    name: 'create-admin',
    summary: 'make a person an administrator and print a one-time log-in link',
    options: createAdminOptions,
    check: checkCreateAdmin,
    run: (args, config: Config) => createAdmin(config, args),
  }),
  defineGroup('token', [
    defineCommand({
      name: 'token create',
      summary: 'create an API token (printed once, stored only as a hash)',
      options: tokenCreateOptions,
      check: checkTokenCreate,
      run: (args, config: Config) => tokenCreate(config, args),
    }),
  ]),
  defineCommand({
    name: 'import',
    summary: 'import a CSV file (columns: see the README); exit code 1 on any error',
    positionals: importPositionals,
    options: importOptions,
    check: checkImportArgs,
    run: (args, config: Config) => runImportCommand(args, say, (fn) => withDatabase(config, fn)),
  }),
];

const usage = ['Usage: forening <command> [options]', '', 'Commands:', ...commands.map((c) => c.synopsis), '', 'Run "forening <command> --help" for its options.'].join('\n');

async function main(argv: string[]): Promise<void> {
  // "forening help create-admin" is "forening create-admin --help".
  const [word, ...args] = argv[0] === 'help' && argv.length > 1 ? [argv[1], '--help'] : argv;
  if (word === undefined || word === 'help' || word === '--help' || word === '-h') {
    say(usage);
    return;
  }
  const command = commands.find((c) => c.word === word);
  if (!command) fail(`Unknown command "${word}".\n\n${usage}`);
  // Arguments first: help and a mistyped call need neither a valid configuration nor the database.
  let prepared: Prepared<Config>;
  try {
    prepared = command.prepare(args);
  } catch (err) {
    if (err instanceof UsageError) fail(`${err.message}\n\n${err.usage ?? usage}`);
    throw err;
  }
  if ('help' in prepared) {
    say(prepared.help);
    return;
  }
  let config: Config;
  try {
    config = parseConfig(loadEnv());
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const code = await prepared.run(config);
  if (typeof code === 'number') process.exitCode = code;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof DataDirLockedError) fail(err.message);
  const code = (err as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01') fail(`Cannot reach the database in DATABASE_URL: ${(err as Error).message}`);
  if (code === 'EADDRINUSE') fail(`The port is already in use; set PORT to another number.`);
  process.stderr.write(String((err as Error)?.stack ?? err) + '\n');
  process.exit(1);
});
