import { sql } from 'drizzle-orm';
import { stewardWorkplaces, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { currentEmployment } from './policy.js';
import { uuidArray } from '../../platform/db/sql.js';
import { loadMember, type MemberRow } from './queries.js';
import type { MembershipStatus } from './tables.js';
import type { RoleKind } from '../../kernel/tables.js';

export interface MemberDetail {
  person: {
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    extraEmails: string[];
    phone: string | null;
    addressLine: string | null;
    postalCode: string | null;
    city: string | null;
    country: string;
    dateOfBirth: string | null;
    preferredLocale: string | null;
  };
  membership: {
    id: string;
    memberNumber: string;
    status: MembershipStatus;
    statusSince: string;
    joinedOn: string | null;
    emailConfirmed: boolean;
    typeId: string;
    typeName: string;
    unitId: string;
    unitName: string;
  } | null;
  sections: { unitId: string; name: string; since: string }[];
  employments: { id: string; workplaceId: string; workplaceName: string; jobTitle: string | null; isLeader: boolean; startsOn: string | null; endsOn: string | null }[];
  roles: { id: string; role: RoleKind; unitName: string | null; workplaceName: string | null; startsOn: string; endsOn: string | null }[];
  events: { id: string; onDate: string; status: MembershipStatus; typeName: string | null; unitName: string | null; reason: string | null; actorName: string | null }[];
  trail: { id: number; at: string; action: string; entityType: string; fields: string[] | null; actorKind: string; actorName: string | null }[];
}

/** What a steward may know about a colleague at their workplace, and nothing more. */
export interface LimitedMember {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  isMember: boolean;
  jobs: { workplaceName: string; jobTitle: string | null }[];
}

const TRAIL_LIMIT = 200;

/**
 * A person's whole record for staff: contact details, membership with sections, employments, roles
 * with their periods, the membership's history and who has read or changed the record. Reading it
 * is itself recorded first, so the trail shown includes this visit.
 */
export async function viewMember(db: Db, actor: Actor, personId: string): Promise<MemberDetail | undefined> {
  const [person] = await queryRows<MemberDetail['person']>(db, sql`
    select id, first_name as "firstName", last_name as "lastName", email, to_json(extra_emails) as "extraEmails", phone,
      address_line as "addressLine", postal_code as "postalCode", city, country, date_of_birth::text as "dateOfBirth",
      preferred_locale as "preferredLocale"
    from persons where id = ${personId}`);
  if (!person) return undefined;
  await audit(db, actor, { action: 'view', entityType: 'person', entityId: personId });

  const [membership] = await queryRows<NonNullable<MemberDetail['membership']>>(db, sql`
    select m.id, m.member_number as "memberNumber", m.status, m.status_since::text as "statusSince", m.joined_on::text as "joinedOn",
      m.email_confirmed_at is not null as "emailConfirmed", m.type_id as "typeId", t.name as "typeName", m.unit_id as "unitId", u.name as "unitName"
    from memberships m join membership_types t on t.id = m.type_id join units u on u.id = m.unit_id
    where m.person_id = ${personId}`);
  const membershipId = membership?.id ?? null;

  const [sections, employments, roles, events, trail] = await Promise.all([
    queryRows<MemberDetail['sections'][number]>(db, sql`
      select s.unit_id as "unitId", u.name, s.since::text as since
      from membership_sections s join units u on u.id = s.unit_id join memberships m on m.id = s.membership_id
      where m.person_id = ${personId} order by u.position, u.name`),
    queryRows<MemberDetail['employments'][number]>(db, sql`
      select e.id, e.workplace_id as "workplaceId", w.name as "workplaceName", e.job_title as "jobTitle", e.is_leader as "isLeader",
        e.starts_on::text as "startsOn", e.ends_on::text as "endsOn"
      from employments e join workplaces w on w.id = e.workplace_id
      where e.person_id = ${personId} order by e.ends_on desc nulls first, e.starts_on desc nulls last`),
    queryRows<MemberDetail['roles'][number]>(db, sql`
      select r.id, r.role, u.name as "unitName", w.name as "workplaceName", r.starts_on::text as "startsOn", r.ends_on::text as "endsOn"
      from role_assignments r left join units u on u.id = r.unit_id left join workplaces w on w.id = r.workplace_id
      where r.person_id = ${personId} order by r.ends_on desc nulls first, r.starts_on desc`),
    membershipId
      ? queryRows<MemberDetail['events'][number]>(db, sql`
        select ev.id, ev.on_date::text as "onDate", ev.status, t.name as "typeName", u.name as "unitName", ev.reason,
          a.first_name || ' ' || a.last_name as "actorName"
        from membership_events ev left join membership_types t on t.id = ev.type_id left join units u on u.id = ev.unit_id
          left join persons a on a.id = ev.actor_person_id
        where ev.membership_id = ${membershipId} order by ev.on_date desc, ev.created_at desc`)
      : Promise.resolve([]),
    queryRows<MemberDetail['trail'][number]>(db, sql`
      select ae.id::int as id, to_json(ae.at) #>> '{}' as at, ae.action, ae.entity_type as "entityType", to_json(ae.fields) as fields,
        ae.actor_kind as "actorKind", a.first_name || ' ' || a.last_name as "actorName"
      from audit_events ae left join persons a on a.id = ae.actor_person_id
      where (ae.entity_type = 'person' and ae.entity_id = ${personId})
        or (ae.entity_type = 'membership' and ae.entity_id = ${membershipId ?? personId})
      order by ae.at desc, ae.id desc limit ${TRAIL_LIMIT}`),
  ]);
  return { person: { ...person, extraEmails: person.extraEmails ?? [] }, membership: membership ?? null, sections, employments, roles, events, trail };
}

/**
 * The steward's view of a colleague: name, contact, member or not, and the jobs held at the
 * steward's own workplaces. Recorded as a view of the person like any other.
 */
export async function viewColleague(db: Db, actor: Actor, personId: string): Promise<LimitedMember | undefined> {
  const workplaces = stewardWorkplaces(actor);
  const [row] = await queryRows<LimitedMember>(db, sql`
    select p.id, p.first_name as "firstName", p.last_name as "lastName", p.email, p.phone,
      exists (select 1 from memberships m where m.person_id = p.id and m.status = 'active') as "isMember",
      coalesce((select json_agg(json_build_object('workplaceName', w.name, 'jobTitle', e.job_title) order by w.name)
        from employments e join workplaces w on w.id = e.workplace_id
        where e.person_id = p.id and e.workplace_id = any(${uuidArray(workplaces)}) and ${currentEmployment}), '[]'::json) as jobs
    from persons p where p.id = ${personId}`);
  if (!row) return undefined;
  await audit(db, actor, { action: 'view', entityType: 'person', entityId: personId, fields: ['firstName', 'lastName', 'email', 'phone', 'jobTitle', 'isMember'] });
  return row;
}

/** One member as the API shows them; reading is recorded like a visit to the page. */
export async function readMember(db: Db, actor: Actor, personId: string): Promise<MemberRow | undefined> {
  const member = await loadMember(db, personId);
  if (member) await audit(db, actor, { action: 'view', entityType: 'person', entityId: personId });
  return member;
}
