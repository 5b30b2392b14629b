import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/** The press room's part of a person's data export: releases they wrote or are named as the contact of. */
export const pressPersonalData: PersonalDataPart[] = [
  listPart(
    'pressReleases',
    ['press_releases'],
    (personId) => sql`select coalesce(json_agg(json_build_object('title', r.title, 'status', r.status, 'publishedAt', r.published_at, 'createdAt', r.created_at,
        'contact', r.contact_person_id is not distinct from ${personId}::uuid, 'writtenByYou', r.created_by = ${personId}) order by r.created_at), '[]'::json) as data
      from press_releases r where r.created_by = ${personId} or r.contact_person_id = ${personId}`,
  ),
];
