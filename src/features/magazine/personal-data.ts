import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/** The magazine's part of a person's data export: the issues they created as staff. */
export const magazinePersonalData: PersonalDataPart[] = [
  listPart(
    'magazineIssuesCreated',
    ['magazine_issues'],
    (personId) => sql`select coalesce(json_agg(json_build_object('title', i.title, 'number', i.number, 'year', i.year, 'status', i.status, 'createdAt', i.created_at) order by i.created_at), '[]'::json) as data
      from magazine_issues i where i.created_by = ${personId}`,
  ),
];
