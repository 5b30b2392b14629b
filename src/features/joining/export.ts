import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import { collectPersonalData } from '../../kernel/personal-data.js';

export type { ExportActor } from '../../kernel/personal-data.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/**
 * Everything the installation holds on the person (GDPR art. 15 and 20), as plain JSON: the kernel's
 * part (the person, their account, employments, roles), each feature's part (membership with its
 * history and sections, consents, a staff or member-company entry, …) and the audit trail of what was
 * done with those records and when, read in one transaction. The export itself is audited.
 */
export async function exportMyData(db: Db, actor: PersonActor): Promise<Record<string, unknown>> {
  return db.transaction(async (tx) => {
    const data = await collectPersonalData(tx, actor.personId);
    await audit(tx, actor, { action: 'export', entityType: 'person', entityId: actor.personId });
    return data;
  });
}
