import { and, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { getUnit } from '../../kernel/units.js';
import { danishSortKey } from '../../platform/db/sort-keys.js';
import { memberCompanies } from './tables.js';
import { can, companyScope } from './policy.js';
import { contains, uniqueViolation, uuidArray } from '../../platform/db/sql.js';
import type { CompanyDetail, CompanyFilter, CompanyInput, CompanySummary, Contact } from './schema.js';
import { type Refusal } from '../../platform/outcomes.js';

export type MemberCompany = typeof memberCompanies.$inferSelect;
export type CompanyFailure = { ok: false; reason: 'cvr_taken' | 'org_number_taken' | 'unit_not_found' | 'unit_not_allowed'; field: keyof CompanyInput };
export type CompanyResult = { ok: true; company: MemberCompany } | CompanyFailure | Refusal;

const byName = sql`${danishSortKey(sql`c.name`)} collate "C", c.id`;

function scopeCondition(actor: Actor): SQL {
  const scope = companyScope(actor);
  return scope === 'all' ? sql`true` : sql`c.unit_id = any(${uuidArray(scope)})`;
}

/** One page of member companies with their unit and how many contacts and workplaces each has, in one statement. */
export async function listCompanies(db: Db, actor: Actor, filter: CompanyFilter): Promise<{ items: CompanySummary[]; total: number; page: number; pageSize: number }> {
  const { page, pageSize } = filter;
  if (!can(actor, 'company.list')) return { items: [], total: 0, page, pageSize };
  const where: SQL[] = [scopeCondition(actor)];
  if (filter.q) {
    const digits = filter.q.replace(/^(DK|SE)/i, '').replace(/[\s.-]/g, '');
    const number = /^[0-9]+$/.test(digits) ? sql` or c.cvr like ${`${digits}%`} or c.org_number like ${`${digits}%`}` : sql``;
    where.push(sql`(lower(c.name) like ${contains(filter.q)} or lower(coalesce(c.city, '')) like ${contains(filter.q)}${number})`);
  }
  if (filter.country) where.push(sql`c.country = ${filter.country}`);
  const [row] = await queryRows<{ total: number; items: CompanySummary[] | string }>(
    db,
    sql`
    with filtered as (select c.* from member_companies c where ${sql.join(where, sql` and `)}),
    page as (select c.* from filtered c order by ${byName} limit ${pageSize} offset ${(page - 1) * pageSize})
    select (select count(*) from filtered)::int as total,
      coalesce((
        select json_agg(json_build_object(
          'id', c.id, 'name', c.name, 'country', c.country, 'cvr', c.cvr, 'orgNumber', c.org_number, 'city', c.city,
          'unitId', c.unit_id, 'unitName', u.name,
          'contacts', (select count(*) from member_company_contacts k where k.company_id = c.id)::int,
          'workplaces', (select count(*) from workplaces w where w.member_company_id = c.id)::int
        ) order by ${byName})
        from page c left join units u on u.id = c.unit_id
      ), '[]'::json) as items`,
  );
  const items = typeof row.items === 'string' ? (JSON.parse(row.items) as CompanySummary[]) : row.items;
  return { items, total: Number(row.total), page, pageSize };
}

/** Name and unit of a company, for other features' checks (a workplace's employer). */
export async function findMemberCompany(db: Db, id: string): Promise<{ id: string; name: string; unitId: string | null } | undefined> {
  const [c] = await db.select({ id: memberCompanies.id, name: memberCompanies.name, unitId: memberCompanies.unitId }).from(memberCompanies).where(eq(memberCompanies.id, id));
  return c;
}

/** Companies whose name (case-insensitively), CVR or organisation number is one of these words: for bulk loads. */
export async function findMemberCompaniesByKey(db: Db, words: string[]): Promise<{ id: string; name: string; cvr: string | null; org_number: string | null }[]> {
  if (words.length === 0) return [];
  const list = sql.param(words);
  return queryRows(db, sql`select id, name, cvr, org_number from member_companies where lower(name) = any(${list}::text[]) or cvr = any(${list}::text[]) or org_number = any(${list}::text[])`);
}

/** The companies an actor may pick as a workplace's employer, by name. */
export async function memberCompanyOptions(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!can(actor, 'company.list')) return [];
  return queryRows(db, sql`select c.id, c.name from member_companies c where ${scopeCondition(actor)} order by ${byName}`);
}

async function companyFor(db: Db, actor: Actor, id: string, action: 'company.view' | 'company.edit'): Promise<{ ok: true; company: MemberCompany } | Refusal> {
  const [company] = await db.select().from(memberCompanies).where(eq(memberCompanies.id, id));
  if (!company || !can(actor, 'company.view', company)) return { ok: false, reason: 'not_found' };
  if (!can(actor, action, company)) return { ok: false, reason: 'forbidden' };
  return { ok: true, company };
}

export async function getCompany(db: Db, actor: Actor, id: string): Promise<{ ok: true; company: MemberCompany } | Refusal> {
  return companyFor(db, actor, id, 'company.view');
}

/** A company with its contacts and workplaces. Contacts are people, so every look is recorded as a view. */
export async function getCompanyDetail(db: Db, actor: Actor, id: string): Promise<{ ok: true; company: CompanyDetail } | Refusal> {
  const found = await companyFor(db, actor, id, 'company.view');
  if (!found.ok) return found;
  const c = found.company;
  const [contacts, workplaceRows, unit] = await Promise.all([
    queryRows<Contact>(
      db,
      sql`select p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", p.email, p.phone, k.title, k.is_primary as "isPrimary"
          from member_company_contacts k join persons p on p.id = k.person_id
          where k.company_id = ${id} order by k.is_primary desc, p.sort_key_da collate "C", p.id`,
    ),
    queryRows<{ id: string; name: string; city: string | null }>(db, sql`select w.id, w.name, w.city from workplaces w where w.member_company_id = ${id} order by w.sort_key collate "C", w.id`),
    c.unitId ? getUnit(db, c.unitId) : Promise.resolve(undefined),
  ]);
  await audit(db, actor, { action: 'view', entityType: 'member_company', entityId: id });
  const { createdAt: _c, updatedAt: _u, ...fields } = c;
  return { ok: true, company: { ...fields, country: c.country as CompanyDetail['country'], unitName: unit?.name ?? null, contacts, workplaces: workplaceRows } };
}

const fail = (reason: CompanyFailure['reason'], field: keyof CompanyInput): CompanyFailure => ({ ok: false, reason, field });

/** A real unit the actor works in, and numbers no other company has. */
async function check(tx: Db, actor: Actor, input: CompanyInput, selfId?: string): Promise<CompanyFailure | null> {
  if (!(await getUnit(tx, input.unitId))) return fail('unit_not_found', 'unitId');
  if (!can(actor, 'company.create', { unitId: input.unitId })) return fail('unit_not_allowed', 'unitId');
  const numbers = [input.cvr ? eq(memberCompanies.cvr, input.cvr) : undefined, input.orgNumber ? eq(memberCompanies.orgNumber, input.orgNumber) : undefined].filter(Boolean);
  if (numbers.length) {
    const [taken] = await tx
      .select({ cvr: memberCompanies.cvr, orgNumber: memberCompanies.orgNumber })
      .from(memberCompanies)
      .where(and(or(...numbers), selfId ? ne(memberCompanies.id, selfId) : undefined));
    if (taken && input.cvr && taken.cvr === input.cvr) return fail('cvr_taken', 'cvr');
    if (taken) return fail('org_number_taken', 'orgNumber');
  }
  return null;
}

/** Two people registering the same company at once: the second gets the same answer as if it had come later. */
async function guarded(run: () => Promise<CompanyResult>): Promise<CompanyResult> {
  try {
    return await run();
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'member_companies_cvr_unique') return fail('cvr_taken', 'cvr');
    if (constraint === 'member_companies_org_number_unique') return fail('org_number_taken', 'orgNumber');
    throw err;
  }
}

export async function createCompany(db: Db, actor: Actor, input: CompanyInput): Promise<CompanyResult> {
  return guarded(() =>
    db.transaction(async (tx): Promise<CompanyResult> => {
      const failure = await check(tx, actor, input);
      if (failure) return failure;
      const [company] = await tx.insert(memberCompanies).values(input).returning();
      await audit(tx, actor, { action: 'create', entityType: 'member_company', entityId: company.id, fields: Object.keys(input).filter((k) => input[k as keyof CompanyInput] !== null) });
      return { ok: true, company };
    }),
  );
}

export async function updateCompany(db: Db, actor: Actor, id: string, input: CompanyInput): Promise<CompanyResult> {
  return guarded(() =>
    db.transaction(async (tx): Promise<CompanyResult> => {
      const found = await companyFor(tx, actor, id, 'company.edit');
      if (!found.ok) return found;
      const failure = await check(tx, actor, input, id);
      if (failure) return failure;
      const [before] = await tx.select().from(memberCompanies).where(eq(memberCompanies.id, id)).for('update');
      const fields = changedFields(before as unknown as Record<string, unknown>, input as Record<string, unknown>);
      if (fields.length === 0) return { ok: true, company: before };
      const [company] = await tx
        .update(memberCompanies)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(memberCompanies.id, id))
        .returning();
      await audit(tx, actor, { action: 'update', entityType: 'member_company', entityId: id, fields });
      return { ok: true, company };
    }),
  );
}

export { companyFor };
