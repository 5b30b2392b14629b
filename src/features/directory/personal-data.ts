import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { isoOrNull, type PersonalDataPart, type PersonReference } from '../../kernel/personal-data.js';

/** The directory's part of a person's data export: their staff entry, if any. */
export const directoryPersonalData: PersonalDataPart[] = [
  {
    key: 'staffProfile',
    tables: ['staff_profiles'],
    async collect(tx, personId) {
      const [s] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select s.title, u.name as unit, s.direct_phone, s.public_email, s.topics, s.bio, s.photo is not null as has_photo, s.published, s.updated_at
        from staff_profiles s join units u on u.id = s.unit_id where s.person_id = ${personId}`,
      );
      return {
        data: s
          ? { title: s.title, unit: s.unit, directPhone: s.direct_phone, publicEmail: s.public_email, topics: s.topics, bio: s.bio, hasPhoto: s.has_photo, published: s.published, updatedAt: isoOrNull(s.updated_at) }
          : null,
      };
    },
  },
];

/** A staff entry keeps its person. */
export const directoryPersonReferences: PersonReference[] = [{ name: 'directory.staff_profile', exists: (personId) => sql`exists (select 1 from staff_profiles s where s.person_id = ${personId})` }];
