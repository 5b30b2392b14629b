import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { collectPersonalData } from '../../kernel/personal-data.js';

export type { ExportActor } from '../../kernel/personal-data.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/**
 * Everything the installation holds on the person (GDPR art. 15 and 20), as plain JSON: the kernel's
 * part (the person, their account, employments, roles), each feature's part (membership with its
 * history and sections, consents, a staff or member-company entry, …) and the audit trail of what was
 * done with those records and when, read in one transaction. What the organisation names in several
 * languages (a membership type) is named in `locale`, the language the person downloads it in. The
 * export itself is audited.
 */
export async function exportMyData(db: Db, actor: PersonActor, locale?: Locale): Promise<Record<string, unknown>> {
  return db.transaction(async (tx) => {
    const data = await collectPersonalData(tx, actor.personId, locale);
    await audit(tx, actor, { action: 'export', entityType: 'person', entityId: actor.personId });
    return data;
  });
}
