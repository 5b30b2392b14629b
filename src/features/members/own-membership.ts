import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { membershipTypeNameSql } from './membership-types.js';
import type { MembershipStatus } from './tables.js';

/** A person's own membership as "my page" and their data export show it. */
export interface OwnMembership {
  id: string;
  memberNumber: string;
  /** The type's name in the reader's language (see `ownMembership`). */
  typeName: string;
  districtName: string;
  status: MembershipStatus;
  statusSince: string;
  joinedOn: string | null;
  emailConfirmedAt: Date | null;
  createdAt: Date;
  sections: { name: string; since: string }[];
}

const day = (v: unknown): string => String(v).slice(0, 10);

/**
 * The person's membership with its type, district and sections (by the sections' order), or null.
 * The type is named in `locale`, the language the member reads (else the default language's name).
 */
export async function ownMembership(db: Db, personId: string, locale?: Locale): Promise<OwnMembership | null> {
  const [m] = await queryRows<{ id: string; member_number: string; type_name: string; district_name: string; status: MembershipStatus; status_since: string; joined_on: string | null; email_confirmed_at: string | Date | null; created_at: string | Date; sections: { name: string; since: string }[] | string }>(
    db,
    sql`select m.id, m.member_number, ${membershipTypeNameSql('t', locale)} as type_name, u.name as district_name, m.status, m.status_since::text as status_since, m.joined_on::text as joined_on, m.email_confirmed_at, m.created_at,
      coalesce((select json_agg(json_build_object('name', su.name, 'since', s.since::text) order by su.position, su.name)
        from membership_sections s join units su on su.id = s.unit_id where s.membership_id = m.id), '[]'::json) as sections
    from memberships m join membership_types t on t.id = m.type_id join units u on u.id = m.unit_id
    where m.person_id = ${personId}`,
  );
  if (!m) return null;
  return {
    id: m.id,
    memberNumber: m.member_number,
    typeName: m.type_name,
    districtName: m.district_name,
    status: m.status,
    statusSince: day(m.status_since),
    joinedOn: m.joined_on === null ? null : day(m.joined_on),
    emailConfirmedAt: m.email_confirmed_at === null ? null : new Date(m.email_confirmed_at),
    createdAt: new Date(m.created_at),
    sections: typeof m.sections === 'string' ? (JSON.parse(m.sections) as { name: string; since: string }[]) : m.sections,
  };
}

/** One entry of a membership's history, as the member may see it. */
export interface MembershipHistoryEntry {
  onDate: string;
  status: string;
  type: string | null;
  unit: string | null;
  reason: string | null;
  actorPersonId: string | null;
  recordedAt: Date;
}

/** The membership's history, oldest first; types named in `locale` as in `ownMembership`. */
export async function membershipHistory(db: Db, membershipId: string, locale?: Locale): Promise<MembershipHistoryEntry[]> {
  const rows = await queryRows<{ on_date: string; status: string; type: string | null; unit: string | null; reason: string | null; actor_person_id: string | null; created_at: string | Date }>(
    db,
    sql`select e.on_date::text as on_date, e.status, ${membershipTypeNameSql('t', locale)} as type, u.name as unit, e.reason, e.actor_person_id, e.created_at
    from membership_events e left join membership_types t on t.id = e.type_id left join units u on u.id = e.unit_id
    where e.membership_id = ${membershipId} order by e.on_date, e.created_at`,
  );
  return rows.map((e) => ({ onDate: day(e.on_date), status: e.status, type: e.type, unit: e.unit, reason: e.reason, actorPersonId: e.actor_person_id, recordedAt: new Date(e.created_at) }));
}
