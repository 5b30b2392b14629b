import type { Db } from '../../platform/db/database.js';
import { memberCompanies, memberCompanyContacts } from './tables.js';

/** The demo's member companies; returns their ids and units in the order given. */
export async function seedDemoCompanies(tx: Db, list: readonly (typeof memberCompanies.$inferInsert)[]): Promise<{ id: string; unitId: string | null }[]> {
  return tx.insert(memberCompanies).values([...list]).returning({ id: memberCompanies.id, unitId: memberCompanies.unitId });
}

/** The demo's contact persons of member companies. */
export async function seedDemoCompanyContacts(tx: Db, list: readonly { companyId: string; personId: string; title: string; isPrimary: boolean }[]): Promise<void> {
  if (list.length) await tx.insert(memberCompanyContacts).values([...list]);
}
