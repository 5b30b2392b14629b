import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/* What other features may ask of the member companies without reading their table. */

/** The member company's name, or null for no company (a null id), as an SQL expression. */
export function memberCompanyNameSql(companyId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select mc.name from member_companies mc where mc.id = ${companyId})`;
}

/** The contact persons of the member companies of these units, as a subquery (`person_id in (…)`): those who may act for a company. */
export function companyContactsInUnitsSql(units: SQL): SQL {
  return sql`select c.person_id from member_company_contacts c join member_companies m on m.id = c.company_id where m.unit_id in ${units}`;
}

/** The member companies a person is a contact person of, as a subquery (`company_id in (…)`). */
export function companiesOfContactSql(personId: string | SQL): SQL {
  return sql`select c.company_id from member_company_contacts c where c.person_id = ${personId}`;
}

/** The contact persons of one member company, as a subquery (`person_id in (…)`). */
export function contactPersonIdsSql(companyId: string | SQL | AnyPgColumn): SQL {
  return sql`select c.person_id from member_company_contacts c where c.company_id = ${companyId}`;
}
