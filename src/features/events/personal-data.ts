import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/**
 * The events' part of a person's data export: their registrations (with the waiting list and
 * check-in), the events they created and the materials they uploaded as staff.
 */
export const eventsPersonalData: PersonalDataPart[] = [
  listPart(
    'eventRegistrations',
    ['event_registrations'],
    (personId) => sql`select coalesce(json_agg(json_build_object(
        'event', e.title, 'startsAt', e.starts_at, 'status', r.status, 'guests', r.guests, 'name', r.name, 'email', r.email, 'language', r.locale,
        'registeredAt', r.created_at, 'confirmedAt', r.confirmed_at, 'promotedFromWaitingListAt', r.promoted_at,
        'cancelledAt', r.cancelled_at, 'cancelledBy', case when r.cancelled_by is null then null when r.cancelled_by = r.person_id then 'you' else 'organisation' end,
        'checkedInAt', r.checked_in_at, 'remindedAt', r.reminded_at) order by e.starts_at, r.created_at), '[]'::json) as data
      from event_registrations r join events e on e.id = r.event_id where r.person_id = ${personId}`,
  ),
  listPart(
    'eventsCreated',
    ['events', 'event_materials'],
    (personId) => sql`select coalesce(json_agg(json_build_object('title', e.title, 'startsAt', e.starts_at, 'status', e.status, 'createdAt', e.created_at,
        'materialsUploaded', coalesce((select json_agg(json_build_object('fileName', m.file_name, 'uploadedAt', m.created_at) order by m.created_at)
          from event_materials m where m.event_id = e.id and m.uploaded_by = ${personId}), '[]'::json)) order by e.created_at), '[]'::json) as data
      from events e where e.created_by = ${personId}
        or exists (select 1 from event_materials m where m.event_id = e.id and m.uploaded_by = ${personId})`,
  ),
];
