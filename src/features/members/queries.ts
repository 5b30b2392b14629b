import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { membershipScopeSql } from './policy.js';
import type { MemberListFilter, MemberOutput } from './schema.js';
import type { MembershipStatus } from './tables.js';

export const MEMBER_PAGE_SIZE = 50;

/** A member as lists, the API and the export show them: the output shape plus names for display. */
export interface MemberRow extends MemberOutput {
  typeName: string;
  unitName: string;
}

interface RawRow {
  id: string;
  member_number: string;
  first_name: string;
  last_name: string;
  email: string | null;
  extra_emails: string[] | null;
  phone: string | null;
  address_line: string | null;
  postal_code: string | null;
  city: string | null;
  country: string;
  date_of_birth: string | null;
  preferred_locale: 'da' | 'sv' | 'en' | null;
  status: MembershipStatus;
  status_since: string;
  joined_on: string | null;
  type_id: string;
  type_code: string;
  type_name: string;
  unit_id: string;
  unit_name: string;
  sections: string[] | null;
  total: number;
}

/**
 * Dates as text and arrays as JSON: both drivers then hand back the same plain values (node-postgres
 * would make dates into local-midnight Date objects, PGlite may return arrays as text).
 */
const memberColumns = sql`
  p.id, m.member_number, p.first_name, p.last_name, p.email, to_json(p.extra_emails) as extra_emails, p.phone,
  p.address_line, p.postal_code, p.city, p.country, p.date_of_birth::text as date_of_birth, p.preferred_locale,
  m.status, m.status_since::text as status_since, m.joined_on::text as joined_on,
  m.type_id, t.code as type_code, t.name as type_name, m.unit_id, u.name as unit_name,
  (select json_agg(ms.unit_id order by ms.unit_id) from membership_sections ms where ms.membership_id = m.id) as sections`;

const memberFrom = sql`
  from memberships m
  join persons p on p.id = m.person_id
  join membership_types t on t.id = m.type_id
  join units u on u.id = m.unit_id`;

function toMember(r: RawRow): MemberRow {
  return {
    id: r.id,
    memberNumber: r.member_number,
    firstName: r.first_name,
    lastName: r.last_name,
    email: r.email,
    extraEmails: r.extra_emails ?? [],
    phone: r.phone,
    addressLine: r.address_line,
    postalCode: r.postal_code,
    city: r.city,
    country: r.country,
    dateOfBirth: r.date_of_birth,
    preferredLocale: r.preferred_locale,
    status: r.status,
    statusSince: r.status_since,
    joinedOn: r.joined_on,
    typeId: r.type_id,
    typeCode: r.type_code,
    typeName: r.type_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    sections: r.sections ?? [],
  };
}

/** `\`, `%` and `_` are LIKE's own characters; typed text must match only itself. */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

/**
 * What a search box means: digits are a member number (prefix), an @ an e-mail address (prefix of
 * the main address, or one of the extra ones exactly), anything else words of the name, each a
 * prefix (`an jen` finds Anne Jensen). Words are built from letters and digits only, so the text
 * search query cannot be broken by what is typed.
 */
export function searchCondition(q: string | undefined): SQL | null {
  const text = (q ?? '').trim();
  if (!text) return null;
  if (/^\d[\d-]*$/.test(text)) return sql`m.member_number like ${escapeLike(text) + '%'}`;
  if (text.includes('@')) {
    const lower = text.toLowerCase();
    return sql`(lower(p.email) like ${escapeLike(lower) + '%'} or exists (select 1 from unnest(p.extra_emails) x where lower(x) = ${lower}))`;
  }
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return sql`false`;
  return sql`p.search @@ to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')})`;
}

/**
 * The filter's conditions, the search excepted. They read only `m` (the membership), so the total can
 * be counted on memberships alone.
 */
function plainConditions(actor: Actor, f: MemberListFilter): SQL[] {
  const where: SQL[] = [];
  const scope = membershipScopeSql(actor);
  if (scope) where.push(scope);
  if (f.unit) where.push(sql`(m.unit_id in (select id from sub) or exists (select 1 from membership_sections fs where fs.membership_id = m.id and fs.unit_id in (select id from sub)))`);
  if (f.status) where.push(sql`m.status = ${f.status}`);
  if (f.type) where.push(sql`m.type_id = ${f.type}`);
  if (f.role) {
    where.push(sql`exists (select 1 from role_assignments r where r.person_id = m.person_id and r.role = ${f.role}
      and r.starts_on <= current_date and (r.ends_on is null or r.ends_on >= current_date))`);
  }
  if (f.workplace) {
    where.push(sql`exists (select 1 from employments e where e.person_id = m.person_id and e.workplace_id = ${f.workplace}
      and (e.ends_on is null or e.ends_on >= current_date))`);
  }
  return where;
}

/** With a search, every condition was applied once in `matched` (see withClause); the list only joins it. */
function filterConditions(actor: Actor, f: MemberListFilter): SQL[] {
  return searchCondition(f.q) ? [sql`m.id in (select membership_id from matched)`] : plainConditions(actor, f);
}

/**
 * Names in the reader's order: the sort keys put æ ø å (Danish) or å ä ö (Swedish) after z and
 * compare byte by byte, which is right on PostgreSQL and PGlite alike. English readers get Danish order.
 */
function orderBy(f: MemberListFilter, locale: Locale, person = 'p', membership = 'm'): SQL {
  const dir = sql.raw(f.order === 'desc' ? 'desc' : 'asc');
  const p = sql.raw(person);
  const m = sql.raw(membership);
  const nameKey = locale === 'sv' ? sql`${p}.sort_key_sv collate "C"` : sql`${p}.sort_key_da collate "C"`;
  switch (f.sort) {
    case 'number':
      // Numbers of different length compare by length first, so 99 comes before 100.
      return sql`length(${m}.member_number) ${dir}, ${m}.member_number collate "C" ${dir}, ${p}.id`;
    case 'joined':
      return sql`${m}.joined_on ${dir} nulls last, ${nameKey}, ${p}.id`;
    case 'name':
    default:
      return sql`${nameKey} ${dir}, ${p}.id`;
  }
}

/**
 * The common table expressions a filter needs: the unit with everything below it, and the memberships
 * a search matches with every other condition applied. The matches are materialised so that
 * PostgreSQL finds them through the text-search or member-number index, filters them in the same
 * pass and sorts only those, instead of walking the whole register in name order and testing every
 * row (which the window count would make it finish), or looking each match up a second time.
 */
function withClause(actor: Actor, f: MemberListFilter): SQL {
  const parts: SQL[] = [];
  if (f.unit) parts.push(sql`sub(id) as (select ${f.unit}::uuid union select c.id from units c join sub on c.parent_id = sub.id)`);
  const search = searchCondition(f.q);
  if (search) {
    const where = sql.join([search, ...plainConditions(actor, f)], sql` and `);
    // Everything the page's order needs rides along, so the page is chosen before any row is fetched.
    parts.push(sql`matched as materialized (select m.id as membership_id, p.id, p.sort_key_da, p.sort_key_sv, m.member_number, m.joined_on
      from persons p join memberships m on m.person_id = p.id where ${where})`);
  }
  return parts.length ? sql`with recursive ${sql.join(parts, sql`, `)} ` : sql``;
}

/**
 * One statement either way. With a search, the page is cut from the matches alone (sorted on the
 * columns they carry, counted in the same pass) and only its rows are joined for display. Without
 * one, the total is a scalar subquery rather than a window count: a window count makes PostgreSQL
 * build and sort the whole filtered register before it can hand back 50 rows, while a separate
 * count lets it read the page straight off the sort-key index.
 */
function listSql(actor: Actor, f: MemberListFilter, locale: Locale, limit: number, offset: number): SQL {
  if (searchCondition(f.q)) {
    const with_ = withClause(actor, f);
    return sql`${with_}, page as (select x.membership_id, count(*) over () as total from matched x
        order by ${orderBy(f, locale, 'x', 'x')} limit ${limit} offset ${offset})
      select ${memberColumns}, page.total::int as total
      ${memberFrom}
      join page on page.membership_id = m.id
      order by ${orderBy(f, locale)}`;
  }
  const where = filterConditions(actor, f);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  return sql`${withClause(actor, f)}select ${memberColumns}, (select count(*) from memberships m ${whereSql})::int as total
    ${memberFrom}
    ${whereSql}
    order by ${orderBy(f, locale)}
    limit ${limit} offset ${offset}`;
}

export interface MemberPage {
  items: MemberRow[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * One page of the member register as the actor may see it, with the total, in one query (the
 * total rides along on every row). Only past the last page, where no row carries the total, is it
 * counted separately.
 */
export async function listMembers(db: Db, actor: Actor, f: MemberListFilter, locale: Locale): Promise<MemberPage> {
  const pageSize = f.pageSize ?? MEMBER_PAGE_SIZE;
  const rows = await queryRows<RawRow>(db, listSql(actor, f, locale, pageSize, (f.page - 1) * pageSize));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.page > 1) total = await countMembers(db, actor, f);
  return { items: rows.map(toMember), total, page: f.page, pageSize };
}

async function countMembers(db: Db, actor: Actor, f: MemberListFilter): Promise<number> {
  const where = filterConditions(actor, f);
  const [row] = await queryRows<{ n: number }>(db, sql`${withClause(actor, f)}select count(*)::int as n ${memberFrom} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`);
  return row?.n ?? 0;
}

/** The whole filtered list in batches, for the CSV export: memory stays flat however big the register. */
export async function* allMembers(db: Db, actor: Actor, f: MemberListFilter, locale: Locale, batchSize = 1000): AsyncGenerator<MemberRow> {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await queryRows<RawRow>(db, listSql(actor, f, locale, batchSize, offset));
    for (const r of rows) yield toMember(r);
    if (rows.length < batchSize) return;
  }
}

/** One member by person id, unscoped: callers decide with the policy first. */
export async function loadMember(db: Db, personId: string): Promise<MemberRow | undefined> {
  const [row] = await queryRows<RawRow>(db, sql`select ${memberColumns}, 1 as total ${memberFrom} where p.id = ${personId}`);
  return row ? toMember(row) : undefined;
}

/** Strips display-only names off a member row for the API. */
export function memberJson(m: MemberRow): MemberOutput {
  const { typeName: _t, unitName: _u, ...rest } = m;
  return rest;
}
