import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { findPersonById } from '../../kernel/persons.js';

type PersonActor = Extract<Actor, { kind: 'person' }>;

/**
 * Who did something, as the person may learn it: themselves, the organisation (a staff member, an
 * administrator, an integration or the system), or the public join form. Names and addresses of
 * staff are their personal data, not the requester's, so they are not part of the export.
 */
export type ExportActor = 'you' | 'organisation' | 'join_form';

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const day = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));

function by(personId: string, actorPersonId: string | null, actorKind?: string): ExportActor {
  if (actorPersonId === personId) return 'you';
  return actorKind === 'anonymous' ? 'join_form' : 'organisation';
}

/**
 * Everything the register holds on the person (GDPR art. 15 and 20), as plain JSON: the person,
 * their account, membership with its history and sections, employments, roles, consents, a staff or
 * member-company entry if any, and the audit trail of what was done with their records and when.
 * Only rows that belong to the person are read. The export itself is audited.
 */
export async function exportMyData(db: Db, actor: PersonActor): Promise<Record<string, unknown>> {
  const personId = actor.personId;
  return db.transaction(async (tx) => {
    const person = (await findPersonById(tx, personId))!;
    const [account] = await queryRows<{ created_at: string; last_login_at: string | null; disabled_at: string | null; has_password: boolean }>(
      tx,
      sql`select created_at, last_login_at, disabled_at, password_hash is not null as has_password from accounts where person_id = ${personId}`,
    );
    const [membership] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select m.id, m.member_number, t.name as type, u.name as district, m.status, m.status_since::text as status_since, m.joined_on::text as joined_on,
        m.email_confirmed_at, m.created_at
      from memberships m join membership_types t on t.id = m.type_id join units u on u.id = m.unit_id where m.person_id = ${personId}`,
    );
    const membershipId = membership ? String(membership.id) : null;
    const events = membershipId
      ? await queryRows<Record<string, unknown>>(
          tx,
          sql`select e.on_date::text as on_date, e.status, t.name as type, u.name as unit, e.reason, e.actor_person_id, e.created_at
          from membership_events e left join membership_types t on t.id = e.type_id left join units u on u.id = e.unit_id
          where e.membership_id = ${membershipId} order by e.on_date, e.created_at`,
        )
      : [];
    const sections = membershipId
      ? await queryRows<Record<string, unknown>>(
          tx,
          sql`select u.name, s.since::text as since from membership_sections s join units u on u.id = s.unit_id where s.membership_id = ${membershipId} order by u.name`,
        )
      : [];
    const employments = await queryRows<Record<string, unknown>>(
      tx,
      sql`select e.id, w.name as workplace, e.job_title, e.is_leader, e.starts_on::text as starts_on, e.ends_on::text as ends_on
      from employments e join workplaces w on w.id = e.workplace_id where e.person_id = ${personId} order by e.starts_on nulls last, w.name`,
    );
    const roles = await queryRows<Record<string, unknown>>(
      tx,
      sql`select r.id, r.role, u.name as unit, w.name as workplace, r.starts_on::text as starts_on, r.ends_on::text as ends_on
      from role_assignments r left join units u on u.id = r.unit_id left join workplaces w on w.id = r.workplace_id
      where r.person_id = ${personId} order by r.starts_on, r.role`,
    );
    const consentRows = await queryRows<Record<string, unknown>>(tx, sql`select purpose, granted, source, changed_at from consents where person_id = ${personId} order by purpose`);
    const [staffProfile] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select s.title, u.name as unit, s.direct_phone, s.public_email, s.topics, s.bio, s.photo is not null as has_photo, s.published, s.updated_at
      from staff_profiles s join units u on u.id = s.unit_id where s.person_id = ${personId}`,
    );
    const companyContacts = await queryRows<Record<string, unknown>>(
      tx,
      sql`select c.name as company, cc.title, cc.is_primary from member_company_contacts cc join member_companies c on c.id = cc.company_id where cc.person_id = ${personId} order by c.name`,
    );
    // What was done with their records: events about the person, their membership, employments and roles.
    const ids = [personId, ...(membershipId ? [membershipId] : []), ...employments.map((e) => String(e.id)), ...roles.map((r) => String(r.id))];
    const trail = await queryRows<{ at: string; action: string; entity_type: string; fields: string[] | string | null; actor_kind: string; actor_person_id: string | null }>(
      tx,
      sql`select at, action, entity_type, fields, actor_kind, actor_person_id from audit_events
      where entity_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)}) order by at, id`,
    );

    await audit(tx, actor, { action: 'export', entityType: 'person', entityId: personId });
    return {
      format: 'forening.personal-data.v1',
      exportedAt: new Date().toISOString(),
      person: {
        id: person.id,
        firstName: person.firstName,
        lastName: person.lastName,
        email: person.email,
        extraEmails: person.extraEmails,
        phone: person.phone,
        addressLine: person.addressLine,
        postalCode: person.postalCode,
        city: person.city,
        country: person.country,
        dateOfBirth: person.dateOfBirth,
        preferredLocale: person.preferredLocale,
        createdAt: iso(person.createdAt),
        updatedAt: iso(person.updatedAt),
      },
      account: account
        ? { createdAt: iso(account.created_at), lastLoginAt: iso(account.last_login_at), disabledAt: iso(account.disabled_at), hasPassword: account.has_password }
        : null,
      membership: membership
        ? {
            memberNumber: membership.member_number,
            type: membership.type,
            district: membership.district,
            status: membership.status,
            statusSince: day(membership.status_since),
            joinedOn: day(membership.joined_on),
            emailConfirmedAt: iso(membership.email_confirmed_at),
            createdAt: iso(membership.created_at),
            sections: sections.map((s) => ({ name: s.name, since: day(s.since) })),
            events: events.map((e) => ({
              onDate: day(e.on_date),
              status: e.status,
              type: e.type,
              unit: e.unit,
              reason: e.reason,
              by: e.actor_person_id ? by(personId, String(e.actor_person_id)) : null,
              recordedAt: iso(e.created_at),
            })),
          }
        : null,
      employments: employments.map((e) => ({ workplace: e.workplace, jobTitle: e.job_title, isLeader: e.is_leader, startsOn: day(e.starts_on), endsOn: day(e.ends_on) })),
      roles: roles.map((r) => ({ role: r.role, unit: r.unit, workplace: r.workplace, startsOn: day(r.starts_on), endsOn: day(r.ends_on) })),
      consents: consentRows.map((c) => ({ purpose: c.purpose, granted: c.granted, source: c.source, changedAt: iso(c.changed_at) })),
      staffProfile: staffProfile
        ? {
            title: staffProfile.title,
            unit: staffProfile.unit,
            directPhone: staffProfile.direct_phone,
            publicEmail: staffProfile.public_email,
            topics: staffProfile.topics,
            bio: staffProfile.bio,
            hasPhoto: staffProfile.has_photo,
            published: staffProfile.published,
            updatedAt: iso(staffProfile.updated_at),
          }
        : null,
      memberCompanyContacts: companyContacts.map((c) => ({ company: c.company, title: c.title, isPrimary: c.is_primary })),
      auditTrail: trail.map((a) => ({
        at: iso(a.at),
        action: a.action,
        record: a.entity_type,
        fields: typeof a.fields === 'string' ? a.fields.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : (a.fields ?? []),
        by: by(personId, a.actor_person_id, a.actor_kind),
      })),
    };
  });
}
