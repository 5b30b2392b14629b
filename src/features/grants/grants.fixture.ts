import { sql } from 'drizzle-orm';
import { system } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { queryRows } from '../../platform/db/database.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { createApplication, submitApplication } from './applications.js';
import { day, grantPagesWorld, type GrantPagesWorld, type Someone } from './application-pages.fixture.js';
import { createPool, type PoolView } from './pools.js';
import { applicationInput, poolInput } from './schema.js';

/*
 * The world the API's tests meet: the application pages' world (the north district's open public
 * pool, a closed one and a hidden one; an applicant with a co-applicant, another member of the north,
 * a member of the south, a steward at a north workplace, staff and board of the north and of the
 * south, an admin, a conflicted board member) and, besides, the south district's own pool and a
 * personal API token for every person in it. Applications in other pools than the north's are made
 * here through the use cases; the north's states come from the pages' fixture (`draft`, `submitted`,
 * `granted`, `paidOut`, `reported`), re-exported.
 */

export { attachment, day, draft, granted, paidOut, PDF, PNG, QUESTION, reported, submitted, type Someone } from './application-pages.fixture.js';

/** Every kind of caller of the API; 'anonymous' sends no token. */
export const CALLERS = ['anonymous', 'applicant', 'coApplicant', 'otherMember', 'memberElsewhere', 'steward', 'staff', 'staffElsewhere', 'board', 'boardElsewhere', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
/** The callers, and the north's board member who works where the applicant works (conflicted on the applicant's applications). */
export type Holder = Caller | 'conflictedBoard';

export interface GrantWorld extends GrantPagesWorld {
  /** The south district's pool (open, not public), opened by the south's staff. */
  southPool: PoolView;
  /** Request headers of every caller: a personal token of each person; none for the anonymous. */
  headers: Record<Holder, Record<string, string>>;
}

/** Where the mails of decisions and payouts made in tests link to. */
export const testMailContext = { baseUrl: 'http://forening.test' };
let n = 0;

/** A personal API token of the person, as `authorization` header. */
export async function tokenOf(database: Database, personId: string): Promise<{ authorization: string }> {
  const made = await createPersonalToken(database.db, system, { personId, name: `grants-api-${++n}` });
  if (!made.ok) throw new Error(`createPersonalToken: ${made.reason}`);
  return { authorization: `Bearer ${made.token.value}` };
}

/** A pool of a unit through the use case, opened by `by` (staff of that unit); the window open today. */
export async function poolOf(w: GrantPagesWorld, by: Someone, overrides: Record<string, unknown> = {}): Promise<PoolView> {
  const made = await createPool(
    w.database.db,
    by.actor,
    poolInput.parse({ unitId: w.org.north, name: `Puljen ${++n}`, periodStart: day(-30), periodEnd: day(300), budget: 100_000_00, maxPerApplication: 10_000_00, ...overrides }),
  );
  if (!made.ok) throw new Error(`createPool: ${JSON.stringify(made)}`);
  return made.pool;
}

export async function grantWorld(database: Database): Promise<GrantWorld> {
  const base = await grantPagesWorld(database);
  const southPool = await poolOf(base, base.staffElsewhere, { unitId: base.org.south, name: 'Sydpuljen' });
  const headers = { anonymous: {} } as Record<Holder, Record<string, string>>;
  for (const who of [...CALLERS, 'conflictedBoard'] as const) if (who !== 'anonymous') headers[who] = await tokenOf(database, base[who].id);
  return { ...base, southPool, headers };
}

/** What an application over the API sends: a network meeting, 4.000 kr. of 4.500 kr. of costs, every question answered. */
export function applicationBody(pool: PoolView, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: `Netværksmøde ${++n}`,
    purpose: 'network_meeting',
    description: 'Et aftenmøde om arbejdsmiljø.',
    activityDate: day(20),
    requested: 4_000_00,
    costLines: [
      { description: 'Lokale', amount: 1_500_00 },
      { description: 'Forplejning', amount: 3_000_00 },
    ],
    answers: Object.fromEntries(pool.questions.map((q) => [q.id, 'Opslag på arbejdspladsen.'])),
    ...overrides,
  };
}

/** A submitted application in any pool, through the use cases: `requested` of as much in costs. */
export async function submittedIn(w: GrantPagesWorld, pool: PoolView, o: { by?: Someone; requested?: number } = {}): Promise<string> {
  const by = o.by ?? w.applicant;
  const requested = o.requested ?? 1_000_00;
  const input = applicationInput.parse(applicationBody(pool, { requested, costLines: [{ description: 'Lokale og forplejning', amount: requested }] }));
  const made = await createApplication(w.database.db, by.actor, pool.id, input);
  if (!made.ok) throw new Error(`createApplication: ${JSON.stringify(made)}`);
  const sent = await submitApplication(w.database.db, by.actor, made.id);
  if (!sent.ok) throw new Error(`submitApplication: ${JSON.stringify(sent)}`);
  return made.id;
}

/** Row counts of everything the grants' use cases write (and every application's state), to show that a refused request wrote nothing. */
export async function grantCounts(database: Database): Promise<Record<string, number | string>> {
  const [r] = await queryRows<Record<string, number | string>>(
    database.db,
    sql`select (select count(*) from grant_pools)::int as pools, (select count(*) from grant_pool_budget_changes)::int as "budgetChanges",
          (select count(*) from grant_applications)::int as applications, (select count(*) from grant_cost_lines)::int as "costLines",
          (select count(*) from grant_co_applicants)::int as "coApplicants", (select count(*) from grant_attachments)::int as attachments,
          (select count(*) from grant_reviews)::int as reviews, (select count(*) from mail_outbox)::int as mails,
          (select count(*) from events)::int as events, (select count(*) from audit_events where action <> 'view')::int as audits,
          (select coalesce(string_agg(status || ':' || coalesce(granted::text, '-'), ',' order by id), '') from grant_applications) as states`,
  );
  return r;
}
