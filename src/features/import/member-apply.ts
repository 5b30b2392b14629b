import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import type { MemberChange } from './member-plan.js';
import { writeStagedMemberships } from '../members/index.js';
import { writeStagedEmployments } from '../workplaces/index.js';
import { auditImport, stage, type StagedColumn } from './staging.js';

const columns: StagedColumn<MemberChange>[] = [
  { name: 'person_id', type: 'uuid', value: (c) => c.personId },
  { name: 'person_new', type: 'boolean', value: (c) => c.personNew },
  { name: 'person_changed', type: 'boolean', value: (c) => c.personChanged },
  { name: 'first_name', type: 'text', value: (c) => c.firstName },
  { name: 'last_name', type: 'text', value: (c) => c.lastName },
  { name: 'email', type: 'text', value: (c) => c.email },
  { name: 'phone', type: 'text', value: (c) => c.phone },
  { name: 'address_line', type: 'text', value: (c) => c.addressLine },
  { name: 'postal_code', type: 'text', value: (c) => c.postalCode },
  { name: 'city', type: 'text', value: (c) => c.city },
  { name: 'country', type: 'text', value: (c) => c.country },
  { name: 'date_of_birth', type: 'date', value: (c) => c.dateOfBirth },
  { name: 'preferred_locale', type: 'text', value: (c) => c.preferredLocale },
  { name: 'membership_id', type: 'uuid', value: (c) => c.membershipId },
  { name: 'membership_new', type: 'boolean', value: (c) => c.membershipNew },
  { name: 'membership_changed', type: 'boolean', value: (c) => c.membershipChanged },
  { name: 'membership_event', type: 'boolean', value: (c) => c.membershipEvent },
  { name: 'status_changed', type: 'boolean', value: (c) => c.statusChanged },
  { name: 'member_number', type: 'text', value: (c) => c.memberNumber },
  { name: 'type_id', type: 'uuid', value: (c) => c.typeId },
  { name: 'unit_id', type: 'uuid', value: (c) => c.unitId },
  { name: 'status', type: 'text', value: (c) => c.status },
  { name: 'joined_on', type: 'date', value: (c) => c.joinedOn },
  { name: 'workplace_id', type: 'uuid', value: (c) => c.workplaceId },
  { name: 'employment_id', type: 'uuid', value: (c) => c.employmentId },
  { name: 'employment_new', type: 'boolean', value: (c) => c.employmentNew },
  { name: 'employment_changed', type: 'boolean', value: (c) => c.employmentChanged },
  { name: 'job_title', type: 'text', value: (c) => c.jobTitle },
  { name: 'is_leader', type: 'boolean', value: (c) => c.isLeader },
  { name: 'audit_action', type: 'text', value: (c) => (c.personNew ? 'create' : 'update') },
  { name: 'audit_fields', type: 'text', value: (c) => (c.personNew || c.fields.length === 0 ? null : c.fields.join(',')) },
];

const T = sql.raw('import_member_rows');

/**
 * Writes a planned members import with a handful of set-based statements: the changed rows go into
 * a temporary table (multi-row inserts of unnest()-ed arrays, the same on PostgreSQL and PGlite),
 * and persons, memberships and their history (by the members feature), employments (by the
 * workplaces feature) and the audit trail are each written with one INSERT … SELECT or UPDATE … FROM
 * that table.
 */
export async function applyMembers(tx: Db, actor: Actor, importId: string, changes: MemberChange[], headerFields: string[]): Promise<void> {
  const run = (q: SQL) => tx.execute(q);
  if (changes.length > 0) {
    await stage(tx, 'import_member_rows', columns, changes, changes.some((c) => !c.personNew));
    await run(sql`
      insert into persons (id, first_name, last_name, email, phone, address_line, postal_code, city, country, date_of_birth, preferred_locale)
      select person_id, first_name, last_name, email, phone, address_line, postal_code, city, country, date_of_birth, preferred_locale
      from ${T} where person_new`);
    await run(sql`
      update persons p set first_name = s.first_name, last_name = s.last_name, email = s.email, phone = s.phone,
        address_line = s.address_line, postal_code = s.postal_code, city = s.city, country = s.country,
        date_of_birth = s.date_of_birth, preferred_locale = s.preferred_locale, updated_at = now()
      from ${T} s where s.person_changed and not s.person_new and p.id = s.person_id`);

    // The history shows the reason as written; "CSV-import" reads right in Danish, Swedish and English.
    await writeStagedMemberships(tx, 'import_member_rows', { reason: 'CSV-import', actorPersonId: actor.kind === 'person' ? actor.personId : null });
    await writeStagedEmployments(tx, 'import_member_rows');
  }
  await auditImport(tx, actor, {
    importEntity: 'member_import',
    importId,
    importFields: headerFields,
    table: changes.length > 0 ? 'import_member_rows' : null,
    entityType: 'person',
    idColumn: 'person_id',
  });
}
