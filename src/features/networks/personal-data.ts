import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { isoOrNull, type PersonalDataPart } from '../../kernel/personal-data.js';

/*
 * The networks' part of a person's data export (GDPR art. 15/20): the networks they are in, have
 * asked to join or are invited to (their own rows; a company's place belongs to the company, not to
 * its contact person), their notification choices, how far they have read each thread, the threads
 * and posts they wrote (their text as it stands; a deleted post's text is gone), and the files they
 * uploaded (by name and size; the files themselves are downloaded from the network). For staff, the
 * networks they made.
 */

type Row = Record<string, unknown>;

export const networksPersonalData: readonly PersonalDataPart[] = [
  {
    key: 'networks',
    tables: ['networks', 'network_members', 'network_notifications', 'network_thread_reads', 'network_threads', 'network_posts', 'network_file_versions', 'network_files'],
    async collect(tx, personId) {
      const [created, memberships, notifications, reads, threads, posts, files] = await Promise.all([
        queryRows<Row>(tx, sql`select name, kind, created_at as "createdAt", id from networks where created_by = ${personId}::uuid order by created_at`),
        queryRows<Row>(
          tx,
          sql`select n.name as network, nm.role, nm.status, nm.request_note as "requestNote", nm.created_at as "createdAt", nm.joined_at as "joinedAt", nm.id
              from network_members nm join networks n on n.id = nm.network_id where nm.person_id = ${personId}::uuid order by n.name`,
        ),
        queryRows<Row>(tx, sql`select n.name as network, x.mode, x.updated_at as "updatedAt" from network_notifications x join networks n on n.id = x.network_id where x.person_id = ${personId}::uuid order by n.name`),
        queryRows<Row>(tx, sql`select t.title as thread, r.seq as "readUpTo" from network_thread_reads r join network_threads t on t.id = r.thread_id where r.person_id = ${personId}::uuid order by t.title`),
        queryRows<Row>(tx, sql`select n.name as network, t.title, t.created_at as "createdAt", t.id from network_threads t join networks n on n.id = t.network_id where t.author_id = ${personId}::uuid order by t.created_at`),
        queryRows<Row>(
          tx,
          sql`select t.title as thread, p.seq, p.body, p.created_at as "createdAt", p.edited_at as "editedAt", p.deleted_at as "deletedAt", p.hidden_reason as "hiddenReason", p.id
              from network_posts p join network_threads t on t.id = p.thread_id where p.author_id = ${personId}::uuid order by p.created_at`,
        ),
        queryRows<Row>(
          tx,
          sql`select f.title, v.version, v.file_name as "fileName", v.size, v.uploaded_at as "uploadedAt", f.id
              from network_file_versions v join network_files f on f.id = v.file_id where v.uploaded_by = ${personId}::uuid or (f.created_by = ${personId}::uuid and v.version = 1) order by v.uploaded_at`,
        ),
      ]);
      const dates = (r: Row) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date || (typeof v === 'string' && /At$/.test(k)) ? isoOrNull(v as Date | string | null) : v]));
      return {
        data: { created: created.map(dates), memberships: memberships.map(dates), notifications: notifications.map(dates), reads, threads: threads.map(dates), posts: posts.map(dates), files: files.map(dates) },
        recordIds: [...created, ...memberships, ...threads, ...posts, ...files].map((r) => String(r.id)),
      };
    },
  },
];
