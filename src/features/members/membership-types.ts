import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { forget, memo } from '../../platform/cache.js';
import type { Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { localeTextsJson, mergeLocaleTexts, sameLocaleTexts } from '../../platform/i18n/locale-texts.js';
import type { MembershipTypeChange, MembershipTypeInput } from './schema.js';
import { memberships, membershipTypes } from './tables.js';

/** A type as staff keep it: `name` in the organisation's default language, `nameTranslations` in others. */
export type MembershipType = Pick<typeof membershipTypes.$inferSelect, 'id' | 'code' | 'name' | 'nameTranslations' | 'position' | 'active'>;

const typeColumns = {
  id: membershipTypes.id,
  code: membershipTypes.code,
  name: membershipTypes.name,
  nameTranslations: membershipTypes.nameTranslations,
  position: membershipTypes.position,
  active: membershipTypes.active,
};

/** A type as the API answers it: every language of its name, null where it has none. */
export function membershipTypeJson(t: MembershipType) {
  return { ...t, nameTranslations: localeTextsJson(t.nameTranslations) };
}

/**
 * A membership type's name as a reader of `locale` reads it, in SQL (`alias` names the
 * membership_types row): its name in that language where it has one, else `name`, which is the
 * default language's and stands for it. Without a locale (the register's staff pages), `name`.
 */
export function membershipTypeNameSql(alias: string, locale: Locale | undefined): SQL {
  const t = sql.identifier(alias);
  if (locale === undefined) return sql`${t}.name`;
  return sql`coalesce(case when ${locale}::text is distinct from (select o.default_locale from organisation o where o.id = 1) then nullif(${t}.name_translations ->> ${locale}::text, '') end, ${t}.name)`;
}

const CACHE_KEY = 'membership-types';

export async function listMembershipTypes(db: Db): Promise<MembershipType[]> {
  return db
    .select(typeColumns)
    .from(membershipTypes)
    .orderBy(asc(membershipTypes.position), asc(membershipTypes.name));
}

/** For forms and filters on every list page; forgotten whenever a type changes. */
export function listMembershipTypesCached(db: Db): Promise<MembershipType[]> {
  return memo(db, CACHE_KEY, 5_000, () => listMembershipTypes(db));
}

export type MembershipTypeResult = { ok: true; type: MembershipType } | { ok: false; reason: 'code_taken' | 'not_found'; field: string };

export async function createMembershipType(db: Db, actor: Actor, input: MembershipTypeInput): Promise<MembershipTypeResult> {
  try {
    const result = await db.transaction(async (tx): Promise<MembershipTypeResult> => {
      const [taken] = await tx.select({ id: membershipTypes.id }).from(membershipTypes).where(eq(membershipTypes.code, input.code));
      if (taken) return { ok: false, reason: 'code_taken', field: 'code' };
      const nameTranslations = mergeLocaleTexts({}, input.nameTranslations);
      const [row] = await tx
        .insert(membershipTypes)
        .values({ code: input.code, name: input.name, nameTranslations, position: input.position ?? 0 })
        .returning(typeColumns);
      const fields = Object.keys(nameTranslations).length ? ['code', 'name', 'nameTranslations', 'position'] : ['code', 'name', 'position'];
      await audit(tx, actor, { action: 'create', entityType: 'membership_type', entityId: row.id, fields });
      return { ok: true, type: row };
    });
    forget(CACHE_KEY);
    return result;
  } catch (err) {
    if (uniqueViolation(err) !== null) return { ok: false, reason: 'code_taken', field: 'code' };
    throw err;
  }
}

/**
 * Renames (in any language), reorders or (de)activates a type; what is left out stays (the API's
 * PATCH, a language of the name left out too). Its code stays: imports and integrations refer to it.
 */
export async function updateMembershipType(db: Db, actor: Actor, id: string, input: MembershipTypeChange): Promise<MembershipTypeResult> {
  const result = await db.transaction(async (tx): Promise<MembershipTypeResult> => {
    const [before] = await tx.select().from(membershipTypes).where(eq(membershipTypes.id, id)).for('update');
    if (!before) return { ok: false, reason: 'not_found', field: 'id' };
    const patch: Partial<Pick<MembershipType, 'name' | 'nameTranslations' | 'position' | 'active'>> = { name: input.name ?? before.name, position: input.position ?? before.position, active: input.active ?? before.active };
    const fields = changedFields(before as unknown as Record<string, unknown>, patch);
    // The names in other languages change where one language does; audited as the whole field.
    const names = mergeLocaleTexts(before.nameTranslations, input.nameTranslations);
    if (!sameLocaleTexts(names, before.nameTranslations)) {
      patch.nameTranslations = names;
      fields.push('nameTranslations');
    }
    if (fields.length > 0) {
      await tx.update(membershipTypes).set(patch).where(eq(membershipTypes.id, id));
      await audit(tx, actor, { action: 'update', entityType: 'membership_type', entityId: id, fields });
    }
    const [row] = await tx.select(typeColumns).from(membershipTypes).where(eq(membershipTypes.id, id));
    return { ok: true, type: row };
  });
  forget(CACHE_KEY);
  return result;
}

/** How many memberships hold each type, so the page can say what deactivating means. */
export async function membershipTypeUsage(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: memberships.typeId, n: sql<number>`count(*)::int` })
    .from(memberships)
    .groupBy(memberships.typeId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
