import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { system } from '../../platform/actor.js';
import { createWorkplace, seedUnits, type Org } from '../../test/app.js';
import { loadGrants } from '../../kernel/grants.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { employments, persons, roleAssignments, type RoleKind } from '../../kernel/tables.js';
import { personalLinkToken } from '../mailings/index.js';
import { memberships, membershipTypes } from '../members/tables.js';
import { surveyInput, waveInput } from './schema.js';
import { createSurvey, type SurveyView } from './surveys.js';
import { createWave, LINK_PURPOSE, type WaveRow } from './waves.js';

/*
 * The world the surveys' tests meet: the north district with twelve members (eight of them at the
 * workplace "Botilbuddet Solsikken", where a steward holds office, four elsewhere), two of another
 * membership type, a member of the south; staff and board of the north and of the south, an admin.
 * Surveys and waves are made through the use cases; `open` gives a wave open now for the north.
 */

export interface Someone {
  id: string;
  name: string;
  actor: Actor;
}

export interface SurveyWorld {
  database: Database;
  org: Org;
  typeId: string;
  otherTypeId: string;
  workplaceId: string;
  otherWorkplaceId: string;
  /** The north's members, the first eight at the steward's workplace. */
  members: Someone[];
  memberElsewhere: Someone;
  steward: Someone;
  staff: Someone;
  staffElsewhere: Someone;
  board: Someone;
  boardElsewhere: Someone;
  admin: Someone;
  /** A person who is neither member nor staff. */
  outsider: Someone;
}

export const mail = { baseUrl: 'http://forening.test' };
let n = 0;

export async function actorOf(database: Database, id: string, name = 'Test Person'): Promise<Actor> {
  const [first, ...rest] = name.split(' ');
  return { kind: 'person', personId: id, firstName: first, lastName: rest.join(' '), grants: await loadGrants(database.db, id) };
}

async function someone(database: Database, opts: { first: string; last: string; member?: string; typeId?: string; roles?: [RoleKind, string | null, string?][]; worksAt?: string }): Promise<Someone> {
  n++;
  const [p] = await database.db
    .insert(persons)
    .values({ firstName: opts.first, lastName: opts.last, email: `survey${n}.${Date.now()}@example.org`, preferredLocale: 'da' })
    .returning();
  if (opts.member) await database.db.insert(memberships).values({ personId: p.id, typeId: opts.typeId!, unitId: opts.member, status: 'active', statusSince: sql`current_date - 30` });
  if (opts.roles?.length) await database.db.insert(roleAssignments).values(opts.roles.map(([role, unitId, workplaceId]) => ({ personId: p.id, role, unitId, workplaceId: workplaceId ?? null })));
  if (opts.worksAt) await database.db.insert(employments).values({ personId: p.id, workplaceId: opts.worksAt, startsOn: '2020-01-01' });
  const name = `${opts.first} ${opts.last}`;
  return { id: p.id, name, actor: await actorOf(database, p.id, name) };
}

const FIRST = ['Anna', 'Bo', 'Cecilie', 'Dan', 'Emma', 'Frederik', 'Gry', 'Henrik', 'Ida', 'Jens', 'Karen', 'Lars'];

export async function surveyWorld(database: Database): Promise<SurveyWorld> {
  const org = await seedUnits(database);
  const [type] = await database.db.insert(membershipTypes).values({ code: `survey-${Date.now()}-a`, name: 'Ordinært medlem' }).returning();
  const [otherType] = await database.db.insert(membershipTypes).values({ code: `survey-${Date.now()}-b`, name: 'Studerende' }).returning();
  const workplace = await createWorkplace(database, org.north, 'Botilbuddet Solsikken');
  const other = await createWorkplace(database, org.north, 'Plejecenter Egely');
  const p = (opts: Parameters<typeof someone>[1]) => someone(database, { typeId: type.id, ...opts });
  const members: Someone[] = [];
  for (let i = 0; i < 12; i++) members.push(await p({ first: FIRST[i], last: 'Medlemsen', member: org.north, typeId: i >= 10 ? otherType.id : type.id, worksAt: i < 8 ? workplace.id : other.id }));
  return {
    database,
    org,
    typeId: type.id,
    otherTypeId: otherType.id,
    workplaceId: workplace.id,
    otherWorkplaceId: other.id,
    members,
    memberElsewhere: await p({ first: 'Mads', last: 'Sydmedlem', member: org.south }),
    steward: await p({ first: 'Tove', last: 'Tillidsrepræsentant', member: org.north, roles: [['steward', org.north, workplace.id]], worksAt: workplace.id }),
    staff: await p({ first: 'Sanne', last: 'Sekretær', roles: [['staff', org.north]] }),
    staffElsewhere: await p({ first: 'Sune', last: 'Sydsekretær', roles: [['staff', org.south]] }),
    board: await p({ first: 'Bente', last: 'Bestyrelse', roles: [['board', org.north]] }),
    boardElsewhere: await p({ first: 'Bo', last: 'Sydbestyrelse', roles: [['board', org.south]] }),
    admin: await p({ first: 'Alma', last: 'Admin', roles: [['admin', null]] }),
    outsider: await p({ first: 'Otto', last: 'Udenfor' }),
  };
}

/** The questions of the working-environment survey the tests use: one of each type, a condition, a section. */
export const QUESTIONS = [
  { key: 'satisfaction', type: 'scale', text: { da: 'Hvor tilfreds er du med dit arbejde?', sv: 'Hur nöjd är du med ditt arbete?', en: 'How satisfied are you with your work?' }, required: true, minLabel: 'Meget utilfreds', maxLabel: 'Meget tilfreds', section: 'Dit arbejde' },
  { key: 'workload', type: 'single', text: 'Hvordan er din arbejdsbyrde?', options: ['For lav', 'Passende', 'For høj'], required: true },
  { key: 'workload_why', type: 'text', text: 'Hvad gør arbejdsbyrden for høj?', condition: { key: 'workload', values: ['for-hoej'] } },
  { key: 'priorities', type: 'multiple', text: 'Hvad skal vi prioritere ved overenskomsten?', options: [{ value: 'pay', label: 'Løn' }, { value: 'hours', label: 'Arbejdstid' }, { value: 'pension', label: 'Pension' }] },
  { key: 'climate', type: 'matrix', text: 'Hvor enig er du?', statements: [{ key: 'respect', label: 'Vi behandler hinanden med respekt' }, { key: 'voice', label: 'Jeg bliver hørt' }], section: 'Arbejdsmiljø' },
  { key: 'hours', type: 'number', text: 'Hvor mange timer arbejder du om ugen?', min: 0, max: 80 },
  { key: 'comments', type: 'text', text: 'Andre kommentarer' },
] as const;

/** A survey of the north through the use case, by the north's staff. */
export async function surveyOf(w: SurveyWorld, overrides: Record<string, unknown> = {}, by: Someone = w.staff): Promise<SurveyView> {
  const made = await createSurvey(w.database.db, by.actor, surveyInput.parse({ unitId: w.org.north, title: `Arbejdsmiljø ${++n}`, anonymous: true, background: ['unit', 'membership_type', 'workplace_kind'], questions: QUESTIONS, ...overrides }));
  if (!made.ok) throw new Error(`createSurvey: ${JSON.stringify(made)}`);
  return made.survey;
}

/** A wave of the survey, open now (for every active member of the north and below unless a segment is given). */
export async function openWaveOf(w: SurveyWorld, surveyId: string, overrides: Record<string, unknown> = {}): Promise<WaveRow> {
  const now = Date.now();
  const made = await createWave(w.database.db, w.staff.actor, surveyId, waveInput.parse({ opensAt: new Date(now - 60_000).toISOString(), closesAt: new Date(now + 7 * 86_400_000).toISOString(), ...overrides }), mail);
  if (!made.ok) throw new Error(`createWave: ${JSON.stringify(made)}`);
  return made.wave;
}

/** The personal answer link token of a person for a wave (what their invitation carries). */
export function linkTokenOf(w: SurveyWorld, waveId: string, personId: string): Promise<string> {
  return personalLinkToken(w.database.db, LINK_PURPOSE, waveId, personId);
}

/** A complete, valid set of answers; `pick` varies them by respondent. */
export function answersFor(pick: number): Record<string, unknown> {
  return {
    satisfaction: (pick % 5) + 1,
    workload: ['for-lav', 'passende', 'for-hoej'][pick % 3],
    ...(pick % 3 === 2 ? { workload_why: 'For mange vagter alene.' } : {}),
    priorities: pick % 2 === 0 ? ['pay', 'pension'] : ['hours'],
    climate: { respect: (pick % 5) + 1, voice: ((pick + 2) % 5) + 1 },
    hours: 30 + (pick % 8),
    comments: `Kommentar ${pick}`,
  };
}

/** A personal API token of the person, as `authorization` header. */
export async function tokenOf(database: Database, personId: string): Promise<{ authorization: string }> {
  const made = await createPersonalToken(database.db, system, { personId, name: `surveys-${++n}` });
  if (!made.ok) throw new Error(`createPersonalToken: ${made.reason}`);
  return { authorization: `Bearer ${made.token.value}` };
}
