import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { createWorkplace, seedUnits, type Org } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { employments, persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { today } from './access.js';
import { createApplication, submitApplication } from './applications.js';
import { addAttachment } from './attachments.js';
import { decideApplication } from './decisions.js';
import { fileReport, recordPayout } from './payouts.js';
import { createPool, type PoolView } from './pools.js';
import { applicationInput, poolInput } from './schema.js';

/*
 * The world the application pages' tests meet: the north district's open, public pool (10.000 kr.
 * at most, one question), a closed one and a pool that is not public; an applicant with a
 * co-applicant, another member of the north, a member of the south, a steward at a workplace of the
 * north, staff and board of the north and of the south, an admin, and a board member of the north
 * who works where the applicant works (conflicted). Applications are made through the use cases, in
 * whichever state a test needs.
 */

export interface Someone {
  id: string;
  name: string;
  actor: Actor;
}

export interface GrantPagesWorld {
  database: Database;
  org: Org;
  workplaceId: string;
  stewardWorkplaceId: string;
  applicant: Someone;
  coApplicant: Someone;
  otherMember: Someone;
  memberElsewhere: Someone;
  steward: Someone;
  staff: Someone;
  staffElsewhere: Someone;
  board: Someone;
  boardElsewhere: Someone;
  admin: Someone;
  conflictedBoard: Someone;
  pool: PoolView;
  closedPool: PoolView;
  hiddenPool: PoolView;
}

/** A calendar day `offset` days from the organisation's today. */
export const day = (offset: number): string => new Date(Date.parse(`${today()}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

let n = 0;

async function someone(database: Database, typeId: string, opts: { first: string; last: string; member?: string; roles?: [RoleKind, string | null, string?][]; worksAt?: string }): Promise<Someone> {
  n++;
  const [p] = await database.db
    .insert(persons)
    .values({ firstName: opts.first, lastName: opts.last, email: `grant-pages${n}.${Date.now()}@example.org`, preferredLocale: 'da' })
    .returning();
  if (opts.member) await database.db.insert(memberships).values({ personId: p.id, typeId, unitId: opts.member, status: 'active', statusSince: sql`current_date - 30` });
  if (opts.roles?.length) await database.db.insert(roleAssignments).values(opts.roles.map(([role, unitId, workplaceId]) => ({ personId: p.id, role, unitId, workplaceId: workplaceId ?? null })));
  if (opts.worksAt) await database.db.insert(employments).values({ personId: p.id, workplaceId: opts.worksAt, startsOn: day(-400) });
  return { id: p.id, name: `${opts.first} ${opts.last}`, actor: { kind: 'person', personId: p.id, firstName: opts.first, lastName: opts.last, grants: await loadGrants(database.db, p.id) } };
}

export const QUESTION = 'Hvordan når I ud til kollegerne?';

export async function grantPagesWorld(database: Database): Promise<GrantPagesWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `grant-pages-${Date.now()}`, name: 'Ordinært medlem' }).returning();
  const workplace = await createWorkplace(database, org.north, 'Botilbuddet Solsikken');
  const stewardWorkplace = await createWorkplace(database, org.north, 'Plejecenter Egely');
  const p = (opts: Parameters<typeof someone>[2]) => someone(database, type.id, opts);
  const staff = await p({ first: 'Sanne', last: 'Sekretær', roles: [['staff', org.north]] });
  const pool = async (overrides: Record<string, unknown>) => {
    const made = await createPool(
      database.db,
      staff.actor,
      poolInput.parse({
        unitId: org.north,
        name: `Initiativpuljen ${++n}`,
        description: 'Penge til medlemmernes egne aktiviteter.',
        rules: 'Puljen støtter **foredrag**, workshops og netværksmøder.\n\n- Højst 10.000 kr. pr. ansøgning\n- Afrapportering senest 30 dage efter',
        periodStart: day(-100),
        periodEnd: day(200),
        opensOn: day(-10),
        closesOn: day(60),
        budget: 1_000_000_00,
        maxPerApplication: 10_000_00,
        questions: [QUESTION],
        public: true,
        ...overrides,
      }),
    );
    if (!made.ok) throw new Error(JSON.stringify(made));
    return made.pool;
  };
  return {
    database,
    org,
    workplaceId: workplace.id,
    stewardWorkplaceId: stewardWorkplace.id,
    applicant: await p({ first: 'Alberte', last: 'Ansøgersen', member: org.north, worksAt: workplace.id }),
    coApplicant: await p({ first: 'Carl', last: 'Medansøgersen', member: org.north }),
    otherMember: await p({ first: 'Olga', last: 'Andetmedlem', member: org.north }),
    memberElsewhere: await p({ first: 'Mads', last: 'Sydmedlem', member: org.south }),
    steward: await p({ first: 'Tove', last: 'Tillidsrepræsentant', roles: [['steward', org.north, stewardWorkplace.id]] }),
    staff,
    staffElsewhere: await p({ first: 'Sune', last: 'Sydsekretær', roles: [['staff', org.south]] }),
    board: await p({ first: 'Bente', last: 'Bestyrelse', member: org.north, roles: [['board', org.north]] }),
    boardElsewhere: await p({ first: 'Bo', last: 'Sydbestyrelse', member: org.south, roles: [['board', org.south]] }),
    admin: await p({ first: 'Alma', last: 'Admin', roles: [['admin', null]] }),
    conflictedBoard: await p({ first: 'Inge', last: 'Inhabil', member: org.north, roles: [['board', org.north]], worksAt: workplace.id }),
    pool: await pool({}),
    closedPool: await pool({ opensOn: day(10), closesOn: day(40) }),
    hiddenPool: await pool({ public: false }),
  };
}

export interface ApplicationOpts {
  by?: Someone;
  co?: Someone[];
  poolId?: string;
  requested?: number;
  purpose?: string;
  title?: string;
  activityDate?: string;
}

/** A draft by the applicant (with the co-applicant) for a talk: 4.000 kr. of 4.500 kr. of costs, the question answered. */
export async function draft(w: GrantPagesWorld, o: ApplicationOpts = {}): Promise<string> {
  const pool = [w.pool, w.closedPool, w.hiddenPool].find((x) => x.id === (o.poolId ?? w.pool.id))!;
  const input = applicationInput.parse({
    purpose: o.purpose ?? 'talk',
    title: o.title ?? `Foredrag om arbejdsmiljø ${++n}`,
    description: 'Et foredrag for kolleger på botilbuddet.',
    activityDate: o.activityDate ?? day(30),
    place: 'Fagforeningshuset',
    expectedParticipants: 25,
    requested: o.requested ?? 4_000_00,
    costLines: [
      { description: 'Foredragsholder', amount: 3_000_00 },
      { description: 'Forplejning', amount: 1_500_00 },
    ],
    answers: Object.fromEntries(pool.questions.map((q) => [q.id, 'Opslag i frokoststuen og på intranettet.'])),
    coApplicantIds: (o.co ?? [w.coApplicant]).map((c) => c.id),
  });
  const r = await createApplication(w.database.db, (o.by ?? w.applicant).actor, pool.id, input);
  if (!r.ok) throw new Error(`createApplication: ${JSON.stringify(r)}`);
  return r.id;
}

export async function submitted(w: GrantPagesWorld, o: ApplicationOpts = {}): Promise<string> {
  const id = await draft(w, o);
  const r = await submitApplication(w.database.db, (o.by ?? w.applicant).actor, id);
  if (!r.ok) throw new Error(`submitApplication: ${JSON.stringify(r)}`);
  return id;
}

const mail = { baseUrl: 'http://forening.test' };

export async function granted(w: GrantPagesWorld, o: ApplicationOpts = {}): Promise<string> {
  const id = await submitted(w, o);
  const r = await decideApplication(w.database.db, w.board.actor, id, { outcome: 'granted', amount: null, reason: 'Et godt initiativ.' }, mail);
  if (!r.ok) throw new Error(`decideApplication: ${JSON.stringify(r)}`);
  return id;
}

export async function paidOut(w: GrantPagesWorld, o: ApplicationOpts = {}): Promise<string> {
  const id = await granted(w, o);
  const r = await recordPayout(w.database.db, w.staff.actor, id, { paidOn: today(), reference: `BILAG-${++n}` }, mail);
  if (!r.ok) throw new Error(`recordPayout: ${JSON.stringify(r)}`);
  return id;
}

export async function reported(w: GrantPagesWorld, o: ApplicationOpts = {}): Promise<string> {
  const id = await paidOut(w, o);
  const r = await fileReport(w.database.db, (o.by ?? w.applicant).actor, id, { summary: 'Det gik godt.', participants: 20, actualCosts: [{ description: 'Foredragsholder', amount: 3_000_00 }] });
  if (!r.ok) throw new Error(`fileReport: ${JSON.stringify(r)}`);
  return id;
}

/** A one-page PDF, as far as the content check is concerned. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** The smallest PNG's signature and header. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');

/** An attachment on the application (its applicant, while a draft; a photo to the report after the payout). */
export async function attachment(w: GrantPagesWorld, applicationId: string, kind: 'application' | 'report' = 'application', by: Someone = w.applicant): Promise<string> {
  const r = await addAttachment(w.database.db, by.actor, applicationId, kind === 'application' ? { fileName: 'program.pdf', bytes: PDF, kind } : { fileName: 'billede.png', bytes: PNG, kind });
  if (!r.ok) throw new Error(`addAttachment: ${JSON.stringify(r)}`);
  return r.attachment.id;
}
