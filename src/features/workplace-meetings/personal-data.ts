import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/**
 * The workplace meetings' part of a person's data export: the meetings they asked for (with the
 * contact details they gave) and those they took part in for the organisation (handling, as the
 * politician or the consultant).
 */
export const workplaceMeetingsPersonalData: PersonalDataPart[] = [
  listPart(
    'workplaceMeetingRequests',
    ['workplace_meetings'],
    (personId) => sql`select coalesce(json_agg(json_build_object(
        'workplace', coalesce(w.name, m.new_workplace_name), 'status', m.status, 'contactName', m.contact_name, 'contactEmail', m.contact_email, 'contactPhone', m.contact_phone,
        'proposedTimes', m.proposed_times, 'topic', m.free_topic, 'questions', m.questions, 'expectedParticipants', m.expected_participants,
        'startsAt', m.starts_at, 'declineReason', m.decline_reason, 'cancelReason', m.cancel_reason, 'requestedAt', m.created_at) order by m.created_at), '[]'::json) as data
      from workplace_meetings m left join workplaces w on w.id = m.workplace_id where m.requester_person_id = ${personId}`,
  ),
  listPart(
    'workplaceMeetingsForTheOrganisation',
    ['workplace_meetings'],
    (personId) => sql`select coalesce(json_agg(json_build_object('workplace', coalesce(w.name, m.new_workplace_name), 'status', m.status, 'startsAt', m.starts_at,
        'as', case when m.politician_id = ${personId} then 'politician' when m.consultant_id = ${personId} then 'consultant' else 'handled' end) order by m.created_at), '[]'::json) as data
      from workplace_meetings m left join workplaces w on w.id = m.workplace_id
      where m.handled_by = ${personId} or m.politician_id = ${personId} or m.consultant_id = ${personId}`,
  ),
];
