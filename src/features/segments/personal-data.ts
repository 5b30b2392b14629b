import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/** The segments' part of a person's data export: the segments they built as staff (names, not who is in them). */
export const segmentsPersonalData: PersonalDataPart[] = [
  listPart(
    'segmentsCreated',
    ['segments'],
    (personId) => sql`select coalesce(json_agg(json_build_object('name', s.name, 'createdAt', s.created_at, 'updatedAt', s.updated_at) order by s.created_at), '[]'::json) as data
      from segments s where s.created_by = ${personId}`,
  ),
];
