import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../platform/db/database.js';
import type { Locale } from '../platform/i18n/i18n.js';
import { findPersonById } from './persons.js';

/*
 * What the installation holds on one person, gathered from every feature (GDPR art. 15 and 20), and
 * whether anything still needs the person's row. The kernel knows only its own tables; each feature
 * contributes its part through the Feature interface (`personalData`, `personReferences`).
 */

/**
 * Who did something, as the person may learn it: themselves, the organisation (a staff member, an
 * administrator, an integration or the system), or the public join form. Names and addresses of
 * staff are their personal data, not the requester's, so they are not part of the export.
 */
export type ExportActor = 'you' | 'organisation' | 'join_form';

export function exportActor(personId: string, actorPersonId: string | null, actorKind?: string): ExportActor {
  if (actorPersonId === personId) return 'you';
  return actorKind === 'anonymous' ? 'join_form' : 'organisation';
}

export const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
export const dayOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));

/** One feature's part of a person's data export. */
export interface PersonalDataPart {
  /** The key in the export ("membership", "eventRegistrations"); unique. */
  key: string;
  /**
   * The person's rows as plain JSON (only rows that belong to the person), and the ids of the records
   * whose audit entries belong in the person's audit trail. `locale` is the language the export is
   * read in, for what the organisation names in several languages (a membership type).
   */
  collect(tx: Db, personId: string, locale?: Locale): Promise<{ data: unknown; recordIds?: readonly string[] }>;
  /** The tables this part reads the person's rows from (a test checks every table that refers to a person is covered). */
  tables: readonly string[];
}

/** Something that still needs a person's row: deleting the person must wait while it exists. */
export interface PersonReference {
  name: string;
  /** An SQL condition, true while the person is referred to. */
  exists(personId: SQL): SQL;
}

const parts = new Map<string, PersonalDataPart>();
const references = new Map<string, PersonReference>();

export function addPersonalDataPart(part: PersonalDataPart): void {
  parts.set(part.key, part);
}

export function addPersonReference(reference: PersonReference): void {
  references.set(reference.name, reference);
}

/** The tables the export covers, for the completeness test. */
export function personalDataTables(): string[] {
  return [...parts.values()].flatMap((p) => p.tables);
}

/** The kernel's own parts: the person, their account, employments and roles. */
const kernelParts: PersonalDataPart[] = [
  {
    key: 'person',
    tables: ['persons'],
    async collect(tx, personId) {
      const p = (await findPersonById(tx, personId))!;
      return {
        data: {
          id: p.id,
          firstName: p.firstName,
          lastName: p.lastName,
          email: p.email,
          extraEmails: p.extraEmails,
          phone: p.phone,
          addressLine: p.addressLine,
          postalCode: p.postalCode,
          city: p.city,
          country: p.country,
          dateOfBirth: p.dateOfBirth,
          preferredLocale: p.preferredLocale,
          createdAt: isoOrNull(p.createdAt),
          updatedAt: isoOrNull(p.updatedAt),
        },
        recordIds: [personId],
      };
    },
  },
  {
    key: 'account',
    tables: ['accounts', 'recovery_codes'],
    async collect(tx, personId) {
      // Whether two-factor log-in is on and how many recovery codes are left; never the secret or the codes.
      const [a] = await queryRows<{
        created_at: string;
        last_login_at: string | null;
        disabled_at: string | null;
        has_password: boolean;
        totp_confirmed_at: string | null;
        recovery_codes_left: number;
      }>(
        tx,
        sql`select created_at, last_login_at, disabled_at, password_hash is not null as has_password, totp_confirmed_at,
          (select count(*)::int from recovery_codes rc where rc.person_id = a.person_id and rc.used_at is null) as recovery_codes_left
        from accounts a where person_id = ${personId}`,
      );
      return {
        data: a
          ? {
              createdAt: isoOrNull(a.created_at),
              lastLoginAt: isoOrNull(a.last_login_at),
              disabledAt: isoOrNull(a.disabled_at),
              hasPassword: a.has_password,
              twoFactor: { enabled: a.totp_confirmed_at !== null, enabledAt: isoOrNull(a.totp_confirmed_at), recoveryCodesLeft: a.recovery_codes_left },
            }
          : null,
      };
    },
  },
  {
    key: 'pendingEmailChanges',
    tables: ['email_changes'],
    async collect(tx, personId) {
      const rows = await queryRows<{ new_email: string; created_at: string; expires_at: string; used_at: string | null }>(
        tx,
        sql`select new_email, created_at, expires_at, used_at from email_changes where person_id = ${personId} order by created_at`,
      );
      return { data: rows.map((r) => ({ newEmail: r.new_email, requestedAt: isoOrNull(r.created_at), expiresAt: isoOrNull(r.expires_at), confirmedAt: isoOrNull(r.used_at) })) };
    },
  },
  {
    key: 'employments',
    tables: ['employments'],
    async collect(tx, personId) {
      const rows = await queryRows<{ id: string; workplace: string; job_title: string | null; is_leader: boolean; starts_on: string | null; ends_on: string | null }>(
        tx,
        sql`select e.id, w.name as workplace, e.job_title, e.is_leader, e.starts_on::text as starts_on, e.ends_on::text as ends_on
        from employments e join workplaces w on w.id = e.workplace_id where e.person_id = ${personId} order by e.starts_on nulls last, w.name`,
      );
      return {
        data: rows.map((e) => ({ workplace: e.workplace, jobTitle: e.job_title, isLeader: e.is_leader, startsOn: dayOrNull(e.starts_on), endsOn: dayOrNull(e.ends_on) })),
        recordIds: rows.map((e) => e.id),
      };
    },
  },
  {
    key: 'roles',
    tables: ['role_assignments'],
    async collect(tx, personId) {
      const rows = await queryRows<{ id: string; role: string; unit: string | null; workplace: string | null; starts_on: string; ends_on: string | null }>(
        tx,
        sql`select r.id, r.role, u.name as unit, w.name as workplace, r.starts_on::text as starts_on, r.ends_on::text as ends_on
        from role_assignments r left join units u on u.id = r.unit_id left join workplaces w on w.id = r.workplace_id
        where r.person_id = ${personId} order by r.starts_on, r.role`,
      );
      return {
        data: rows.map((r) => ({ role: r.role, unit: r.unit, workplace: r.workplace, startsOn: dayOrNull(r.starts_on), endsOn: dayOrNull(r.ends_on) })),
        recordIds: rows.map((r) => r.id),
      };
    },
  },
];
for (const part of kernelParts) addPersonalDataPart(part);

/**
 * Everything the installation holds on the person, as plain JSON: the kernel's part, each feature's
 * part under its key, and the audit trail of what was done with those records and when. Run it in
 * the caller's transaction, so the parts are one consistent snapshot.
 */
export async function collectPersonalData(tx: Db, personId: string, locale?: Locale): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { format: 'forening.personal-data.v1', exportedAt: new Date().toISOString() };
  const ids = new Set<string>();
  for (const part of parts.values()) {
    const { data, recordIds } = await part.collect(tx, personId, locale);
    out[part.key] = data;
    for (const id of recordIds ?? []) ids.add(id);
  }
  const trail = await queryRows<{ at: string; action: string; entity_type: string; fields: string[] | string | null; actor_kind: string; actor_person_id: string | null }>(
    tx,
    sql`select at, action, entity_type, fields, actor_kind, actor_person_id from audit_events
    where entity_id in (${sql.join([...ids].map((id) => sql`${id}`), sql`, `)}) order by at, id`,
  );
  out.auditTrail = trail.map((a) => ({
    at: isoOrNull(a.at),
    action: a.action,
    record: a.entity_type,
    fields: typeof a.fields === 'string' ? a.fields.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : (a.fields ?? []),
    by: exportActor(personId, a.actor_person_id, a.actor_kind),
  }));
  return out;
}

/**
 * Deletes the person's row unless they hold a role or a feature still refers to them (a staff entry,
 * a member-company contact); rows that only describe the person go with it by their foreign keys.
 * Says whether the person was deleted.
 */
export async function deletePersonIfUnreferenced(tx: Db, personId: string): Promise<boolean> {
  const id = sql`p.id`;
  const others = [...references.values()].map((r) => sql` and not ${r.exists(id)}`);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`delete from persons p where p.id = ${personId}
      and not exists (select 1 from role_assignments r where r.person_id = p.id)${sql.join(others, sql``)}
      returning p.id`,
  );
  return rows.length > 0;
}

/**
 * Runs a query that answers one JSON value in a column named `data` (a part's rows built in SQL with
 * `coalesce(json_agg(json_build_object(…) order by …), '[]'::json)`), and returns it parsed.
 */
export async function jsonData(tx: Db, query: SQL): Promise<unknown> {
  const [row] = await queryRows<{ data: unknown }>(tx, query);
  const data = row?.data ?? null;
  return typeof data === 'string' ? JSON.parse(data) : data;
}

/** A part made of one list of the person's rows, built in SQL (see jsonData). */
export function listPart(key: string, tables: readonly string[], query: (personId: string) => SQL): PersonalDataPart {
  return { key, tables, collect: async (tx, personId) => ({ data: await jsonData(tx, query(personId)) }) };
}
