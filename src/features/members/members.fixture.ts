import { system } from '../../platform/actor.js';
import type { Database } from '../../platform/db/database.js';
import { employments } from '../../kernel/tables.js';
import { createMember } from './create-member.js';
import type { MemberRow } from './queries.js';
import type { z } from 'zod';
import { memberInput } from './schema.js';
import { membershipTypes } from './tables.js';

/** Test fixtures for the register: the usual membership types, and members made through the use case. */
export async function seedMembershipTypes(database: Database) {
  const rows = await database.db
    .insert(membershipTypes)
    .values([
      { code: 'ordinary', name: 'Ordinært medlem', position: 1 },
      { code: 'student', name: 'Studerende', position: 2 },
      { code: 'retired', name: 'Pensionist', position: 3 },
      { code: 'old', name: 'Gammel type', position: 9, active: false },
    ])
    .returning();
  const id = (code: string) => rows.find((r) => r.code === code)!.id;
  return { ordinary: id('ordinary'), student: id('student'), retired: id('retired'), old: id('old') };
}

let n = 0;

export async function addMember(database: Database, input: Partial<z.input<typeof memberInput>> & { unitId: string; typeId: string }): Promise<MemberRow> {
  n++;
  const result = await createMember(database.db, system, memberInput.parse({ firstName: 'Test', lastName: `Medlem ${n}`, email: `medlem${n}.${Date.now()}@example.org`, ...input }));
  if (!result.ok) throw new Error(`addMember: ${result.reason}`);
  return result.member;
}

export async function employ(database: Database, personId: string, workplaceId: string, fields: Partial<typeof employments.$inferInsert> = {}) {
  await database.db.insert(employments).values({ personId, workplaceId, jobTitle: 'Pædagog', ...fields });
}
