import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import type { PersonalDataPart, PersonReference } from '../../kernel/personal-data.js';

/** The member companies' part of a person's data export: the companies they are a contact for. */
export const memberCompanyPersonalData: PersonalDataPart[] = [
  {
    key: 'memberCompanyContacts',
    tables: ['member_company_contacts'],
    async collect(tx, personId) {
      const rows = await queryRows<{ company: string; title: string | null; is_primary: boolean }>(
        tx,
        sql`select c.name as company, cc.title, cc.is_primary from member_company_contacts cc join member_companies c on c.id = cc.company_id where cc.person_id = ${personId} order by c.name`,
      );
      return { data: rows.map((c) => ({ company: c.company, title: c.title, isPrimary: c.is_primary })) };
    },
  },
];

/** A member-company contact keeps its person. */
export const memberCompanyPersonReferences: PersonReference[] = [
  { name: 'member_companies.contact', exists: (personId) => sql`exists (select 1 from member_company_contacts c where c.person_id = ${personId})` },
];
