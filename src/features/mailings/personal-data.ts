import { sql } from 'drizzle-orm';
import { listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/**
 * The mailings' part of a person's data export: their newsletter topics, the mailings sent to them
 * (subject in the language they got it in) and the mailings they composed or sent as staff.
 */
export const mailingsPersonalData: PersonalDataPart[] = [
  listPart(
    'newsletterTopics',
    ['newsletter_topic_subscriptions'],
    (personId) => sql`select coalesce(json_agg(json_build_object('topic', t.name, 'slug', t.slug, 'subscribed', s.subscribed, 'source', s.source, 'changedAt', s.changed_at)
        order by t.position, t.slug), '[]'::json) as data
      from newsletter_topic_subscriptions s join newsletter_topics t on t.id = s.topic_id where s.person_id = ${personId}`,
  ),
  listPart(
    'mailingsReceived',
    ['mailing_recipients'],
    (personId) => sql`select coalesce(json_agg(json_build_object('kind', m.kind, 'subject', coalesce(c.subject, d.subject), 'address', r.email, 'language', r.locale,
        'status', r.status, 'sentAt', r.sent_at) order by r.id), '[]'::json) as data
      from mailing_recipients r join mailings m on m.id = r.mailing_id
      left join mailing_contents c on c.mailing_id = m.id and c.locale = r.locale
      left join mailing_contents d on d.mailing_id = m.id and d.locale = m.default_locale
      where r.person_id = ${personId}`,
  ),
  listPart(
    'mailingsComposed',
    ['mailings'],
    (personId) => sql`select coalesce(json_agg(json_build_object('kind', m.kind, 'subject', d.subject, 'status', m.status, 'createdAt', m.created_at,
        'composedByYou', m.created_by = ${personId}, 'sentByYou', m.sent_by is not distinct from ${personId}::uuid) order by m.created_at), '[]'::json) as data
      from mailings m left join mailing_contents d on d.mailing_id = m.id and d.locale = m.default_locale
      where m.created_by = ${personId} or m.sent_by = ${personId}`,
  ),
];
