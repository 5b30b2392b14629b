import { system } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { bearer, createPerson, createWorkplace, loginAs, seedUnits, type Org } from '../../test/app.js';
import { createPersonalToken } from '../../kernel/auth/api-tokens.js';
import { changeMembershipStatus } from '../members/index.js';
import { addMember, seedMembershipTypes } from '../members/members.fixture.js';

/**
 * A small register with a known history, for the dashboard's tests: in Kreds Nord, Anna joined in
 * March 2024 and stays; Bo joined in May 2024 as a student and resigned on 1 February 2025 ("Ny
 * uddannelse"). In Kreds Syd, Cecilie joined in March 2024. The range 2024-01-01 – 2025-12-31 sees
 * all of it. Readers: the north's board and staff, the south's board, an admin, a member, a steward.
 */
export interface InsightsWorld {
  org: Org;
  types: Awaited<ReturnType<typeof seedMembershipTypes>>;
  cookies: Record<'boardNorth' | 'staffNorth' | 'boardSouth' | 'admin' | 'member' | 'steward', string>;
  /** Each reader's personal API token as a header, and `integration`: a token with the north's board role. */
  tokens: Record<'boardNorth' | 'staffNorth' | 'boardSouth' | 'admin' | 'member' | 'steward' | 'integration', Record<string, string>>;
}

export const RANGE = { from: '2024-01-01', to: '2025-12-31' } as const;

export async function insightsWorld(database: Database): Promise<InsightsWorld> {
  const org = await seedUnits(database);
  const types = await seedMembershipTypes(database);
  await addMember(database, { unitId: org.north, typeId: types.ordinary, joinedOn: '2024-03-10', firstName: 'Anna', lastName: 'Nordmark' });
  const bo = await addMember(database, { unitId: org.north, typeId: types.student, joinedOn: '2024-05-02', firstName: 'Bo', lastName: 'Nordlund' });
  await addMember(database, { unitId: org.south, typeId: types.ordinary, joinedOn: '2024-03-20', firstName: 'Cecilie', lastName: 'Sydhavn' });
  const resigned = await changeMembershipStatus(database.db, system, bo.id, { action: 'resign', onDate: '2025-02-01', reason: 'Ny uddannelse' });
  if (!resigned.ok) throw new Error(`resign: ${resigned.reason}`);
  const workplace = await createWorkplace(database, org.north);
  const people = {
    boardNorth: await createPerson(database, [['board', org.north]]),
    staffNorth: await createPerson(database, [['staff', org.north]]),
    boardSouth: await createPerson(database, [['board', org.south]]),
    admin: await createPerson(database, [['admin', null]]),
    member: await createPerson(database, [['member', org.north]]),
    steward: await createPerson(database, [['steward', org.north, workplace.id]]),
  };
  const cookies = {} as InsightsWorld['cookies'];
  const tokens = {} as InsightsWorld['tokens'];
  for (const [who, p] of Object.entries(people) as [keyof typeof people, { id: string }][]) {
    cookies[who] = (await loginAs(database, p.id)).cookie;
    const token = await createPersonalToken(database.db, system, { personId: p.id, name: 'insights' });
    if (!token.ok) throw new Error('token');
    tokens[who] = { authorization: `Bearer ${token.token.value}` };
  }
  tokens.integration = await bearer(database, 'board', org.north);
  return { org, types, cookies, tokens };
}
