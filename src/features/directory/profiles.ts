import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { contains } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { getUnit } from '../../kernel/units.js';
import { staffProfiles } from './tables.js';
import { can, mayListUnder } from './policy.js';
import type { DirectoryEntry, DirectoryQuery, ProfileInput } from './schema.js';

/** A staff role held today: a colleague who has left drops out of the public directory by themselves. */
const holdsStaffRole = (person: SQL) =>
  sql`exists (select 1 from role_assignments r where r.person_id = ${person} and r.role = 'staff' and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date))`;

export function photoUrl(personId: string, updatedAt: string | Date): string {
  return `/directory/${personId}/photo?v=${new Date(updatedAt).getTime().toString(36)}`;
}

type EntryRow = Omit<DirectoryEntry, 'photoUrl'> & { hasPhoto: boolean; updatedAt: string };

/**
 * The public directory in one statement: published entries of today's staff, by office (in the
 * units' order) and then by name. Every word typed must match the name, the title or a topic, so
 * "pension" finds the pension adviser and "Signe afskedigelse" finds Signe among those who handle
 * dismissals.
 */
export async function searchDirectory(db: Db, query: Partial<DirectoryQuery>, opts: { sortLocale?: 'da' | 'sv' } = {}): Promise<DirectoryEntry[]> {
  const words = (query.q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
  const conditions: SQL[] = [sql`sp.published`, holdsStaffRole(sql`sp.person_id`)];
  if (query.unit) conditions.push(sql`sp.unit_id = ${query.unit}`);
  for (const word of words) {
    const pattern = contains(word);
    conditions.push(
      sql`(lower(p.first_name || ' ' || p.last_name) like ${pattern} or lower(sp.title) like ${pattern} or exists (select 1 from unnest(sp.topics) topic where lower(topic) like ${pattern}))`,
    );
  }
  const sortKey = opts.sortLocale === 'sv' ? sql`p.sort_key_sv` : sql`p.sort_key_da`;
  const rows = await queryRows<EntryRow>(
    db,
    sql`
    select sp.person_id as "personId", p.first_name as "firstName", p.last_name as "lastName", sp.title,
      sp.unit_id as "unitId", u.name as "unitName", sp.direct_phone as "directPhone", sp.public_email as "publicEmail",
      sp.topics, sp.bio, sp.photo is not null as "hasPhoto", sp.updated_at as "updatedAt"
    from staff_profiles sp
    join persons p on p.id = sp.person_id
    join units u on u.id = sp.unit_id
    where ${sql.join(conditions, sql` and `)}
    order by u.position, u.name, ${sortKey} collate "C", p.id`,
  );
  return rows.map(({ hasPhoto, updatedAt, ...entry }) => ({ ...entry, topics: parseTextArray(entry.topics), photoUrl: hasPhoto ? photoUrl(entry.personId, updatedAt) : null }));
}

/** node-postgres parses text[] into arrays; PGlite may hand back the text form. */
function parseTextArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, '');
  if (!inner) return [];
  return (inner.match(/"(?:[^"\\]|\\.)*"|[^,]+/g) ?? []).map((s) => (s.startsWith('"') ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s));
}

export type StaffProfile = Omit<typeof staffProfiles.$inferSelect, 'photo'> & { hasPhoto: boolean };

/** A staff person as the edit pages show them: their name, and their entry if they have one. */
export interface StaffPerson {
  personId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  isStaff: boolean;
  profile: StaffProfile | null;
}

export async function getStaffPerson(db: Db, personId: string): Promise<StaffPerson | undefined> {
  const [row] = await queryRows<{ personId: string; firstName: string; lastName: string; email: string | null; isStaff: boolean }>(
    db,
    sql`select p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", p.email, ${holdsStaffRole(sql`p.id`)} as "isStaff" from persons p where p.id = ${personId}`,
  );
  if (!row) return undefined;
  const [profile] = await db
    .select({
      personId: staffProfiles.personId,
      title: staffProfiles.title,
      unitId: staffProfiles.unitId,
      directPhone: staffProfiles.directPhone,
      publicEmail: staffProfiles.publicEmail,
      topics: staffProfiles.topics,
      bio: staffProfiles.bio,
      photoMime: staffProfiles.photoMime,
      published: staffProfiles.published,
      updatedAt: staffProfiles.updatedAt,
      hasPhoto: sql<boolean>`${staffProfiles.photo} is not null`,
    })
    .from(staffProfiles)
    .where(eq(staffProfiles.personId, personId));
  return { ...row, profile: profile ?? null };
}

/** Everyone on the staff today, with or without an entry, for the admins' overview. */
export async function listStaff(db: Db): Promise<(Omit<StaffPerson, 'profile' | 'isStaff'> & { title: string | null; unitName: string | null; published: boolean | null })[]> {
  return queryRows(
    db,
    sql`
    select p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", p.email,
      sp.title, u.name as "unitName", sp.published
    from persons p
    left join staff_profiles sp on sp.person_id = p.id
    left join units u on u.id = sp.unit_id
    where ${holdsStaffRole(sql`p.id`)}
    order by p.sort_key_da collate "C", p.id`,
  );
}

export type ProfileFailure = { ok: false; reason: 'not_staff' | 'unit_not_found' | 'unit_not_allowed'; field: keyof ProfileInput };
export type ProfileResult = { ok: true; created: boolean } | ProfileFailure | { ok: false; reason: 'forbidden' | 'not_found' };

/** May the actor change this person's entry? Their own as staff; anyone's as admin. */
export function mayEdit(actor: Actor, personId: string): boolean {
  return can(actor, 'directory.manage') || (can(actor, 'directory.edit_own') && actor.kind === 'person' && actor.personId === personId);
}

/** Creates or changes a staff member's public entry. Only people on the staff today have one. */
export async function saveProfile(db: Db, actor: Actor, personId: string, input: ProfileInput): Promise<ProfileResult> {
  if (!mayEdit(actor, personId)) return { ok: false, reason: 'forbidden' };
  return db.transaction(async (tx): Promise<ProfileResult> => {
    const person = await getStaffPerson(tx, personId);
    if (!person) return { ok: false, reason: 'not_found' };
    if (!person.isStaff) return { ok: false, reason: 'not_staff', field: 'title' };
    if (!(await getUnit(tx, input.unitId))) return { ok: false, reason: 'unit_not_found', field: 'unitId' };
    if (!mayListUnder(actor, input.unitId)) return { ok: false, reason: 'unit_not_allowed', field: 'unitId' };
    const values = { title: input.title, unitId: input.unitId, directPhone: input.directPhone ?? null, publicEmail: input.publicEmail ?? null, topics: input.topics, bio: input.bio, published: input.published };
    if (!person.profile) {
      await tx.insert(staffProfiles).values({ personId, ...values });
      await audit(tx, actor, { action: 'create', entityType: 'staff_profile', entityId: personId, fields: Object.keys(values) });
      return { ok: true, created: true };
    }
    const before = person.profile;
    const fields = changedFields({ ...before, topics: before.topics.join('\n') } as Record<string, unknown>, { ...values, topics: values.topics.join('\n') });
    if (fields.length === 0) return { ok: true, created: false };
    await tx
      .update(staffProfiles)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(staffProfiles.personId, personId));
    await audit(tx, actor, { action: 'update', entityType: 'staff_profile', entityId: personId, fields });
    return { ok: true, created: false };
  });
}
