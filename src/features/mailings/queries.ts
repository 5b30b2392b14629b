import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { isLocale, type Locale } from '../../platform/i18n/i18n.js';
import { uuidArray } from '../../platform/db/sql.js';
import { eventTitleSql } from '../events/index.js';
import { segmentNameSql } from '../segments/index.js';
import { mailingFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { mailingComposeScope, mailingViewScope } from './policy.js';
import { confidentialSources } from './audience-sources.js';
import type { MailingFilter, MailingList, MailingOutput, MailingSummary } from './schema.js';
import type { LocalizedText, MailingKind, MailingStatus } from './tables.js';

export const MAILING_PAGE_SIZE = 25;

interface Row {
  id: string;
  unitId: string;
  unitName: string;
  segmentId: string | null;
  segmentName: string | null;
  kind: MailingKind;
  topicId: string | null;
  topicName: LocalizedText | string | null;
  serviceReason: string | null;
  eventId: string | null;
  eventTitle: string | null;
  locale: string;
  subject: string | null;
  body: string | null;
  status: MailingStatus;
  scheduledAt: Date | string | null;
  recipients: number | null;
  pending: number;
  sending: number;
  sent: number;
  failed: number;
  frozenAt: Date | string | null;
  finishedAt: Date | string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  total?: number;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

function topicName(name: LocalizedText | string | null, locale: Locale): string | null {
  if (name === null) return null;
  const n = (typeof name === 'string' ? JSON.parse(name) : name) as LocalizedText;
  return n[locale] || n.da;
}

// One statement per page: the mailing with its unit, segment, topic, event, main version and the
// recipients counted by status (a grouped look-up on the (mailing_id, status) index). The segment's
// name and the event's title are asked of their features, one primary-key look-up each.
const columns = sql`m.id, m.unit_id as "unitId", u.name as "unitName", m.segment_id as "segmentId", coalesce(${segmentNameSql(sql`m.segment_id`)}, m.audience_label) as "segmentName",
  m.kind, m.topic_id as "topicId", t.name as "topicName", m.service_reason as "serviceReason",
  m.event_id as "eventId", ${eventTitleSql(sql`m.event_id`)} as "eventTitle", m.default_locale as locale, c.subject, c.body, m.status,
  m.scheduled_at as "scheduledAt", m.recipient_count as recipients,
  coalesce(r.pending, 0)::int as pending, coalesce(r.sending, 0)::int as sending, coalesce(r.sent, 0)::int as sent, coalesce(r.failed, 0)::int as failed,
  m.frozen_at as "frozenAt", m.finished_at as "finishedAt", m.created_at as "createdAt", m.updated_at as "updatedAt"`;

const joins = sql`mailings m
  join units u on u.id = m.unit_id
  left join newsletter_topics t on t.id = m.topic_id
  left join mailing_contents c on c.mailing_id = m.id and c.locale = m.default_locale
  left join lateral (
    select count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'sending') as sending,
           count(*) filter (where status = 'sent') as sent, count(*) filter (where status = 'failed') as failed
    from mailing_recipients where mailing_id = m.id and m.frozen_at is not null
  ) r on true`;

function summary(r: Row, locale: Locale): MailingSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    segmentId: r.segmentId,
    segmentName: r.segmentName,
    kind: r.kind,
    topicId: r.topicId,
    topicName: topicName(r.topicName, locale),
    eventId: r.eventId,
    eventTitle: r.eventTitle,
    locale: isLocale(r.locale) ? r.locale : 'da',
    subject: r.subject ?? '',
    status: r.status,
    scheduledAt: iso(r.scheduledAt),
    recipients: r.recipients,
    pending: r.pending,
    sending: r.sending,
    sent: r.sent,
    failed: r.failed,
    frozenAt: iso(r.frozenAt),
    finishedAt: iso(r.finishedAt),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

/** A mailing with everything pages and the API show, without a policy check (the caller made it). */
export async function loadMailing(db: Db, id: string, locale: Locale = 'da'): Promise<MailingOutput | undefined> {
  const [row] = await queryRows<Row>(db, sql`select ${columns} from ${joins} where m.id = ${id}`);
  if (!row) return undefined;
  const versions = await queryRows<{ locale: string; subject: string; body: string }>(
    db,
    sql`select locale, subject, body from mailing_contents where mailing_id = ${id} and locale <> ${row.locale}`,
  );
  const contents: MailingOutput['contents'] = {};
  for (const v of versions) if (isLocale(v.locale)) contents[v.locale] = { subject: v.subject, body: v.body };
  return { ...summary(row, locale), serviceReason: row.serviceReason, body: row.body ?? '', contents };
}

/** A mailing the actor may see (staff or board of its unit); out of sight reads as not found. */
export async function getMailing(db: Db, actor: Actor, id: string, locale: Locale = 'da'): Promise<{ ok: true; mailing: MailingOutput } | Refusal> {
  const found = await mailingFor(db, actor, id, 'view');
  if (!found.ok) return found;
  return { ok: true, mailing: (await loadMailing(db, id, locale))! };
}

/** The mailings of the units the actor sees, newest first, a page at a time. */
export async function listMailings(db: Db, actor: Actor, filter: MailingFilter, locale: Locale = 'da'): Promise<MailingList> {
  const scope = mailingViewScope(actor);
  const where: SQL[] = [scope === 'all' ? sql`true` : scope.size === 0 ? sql`false` : sql`m.unit_id = any(${uuidArray(scope)})`];
  const confidential = confidentialSources();
  const staffScope = mailingComposeScope(actor);
  if (confidential.length > 0 && staffScope !== 'all') {
    // The board reads what went out in its unit's name, except mail to a confidential audience.
    const staffUnits = staffScope.size === 0 ? sql`false` : sql`m.unit_id = any(${uuidArray(staffScope)})`;
    where.push(sql`(m.audience_source is null or not (m.audience_source in ${confidential}) or ${staffUnits})`);
  }
  if (filter.unit) where.push(sql`m.unit_id = ${filter.unit}`);
  if (filter.status) where.push(sql`m.status = ${filter.status}`);
  const page = filter.page ?? 1;
  const rows = await queryRows<Row>(
    db,
    sql`select ${columns}, count(*) over ()::int as total from ${joins} where ${sql.join(where, sql` and `)}
        order by m.created_at desc, m.id limit ${MAILING_PAGE_SIZE} offset ${(page - 1) * MAILING_PAGE_SIZE}`,
  );
  let total = rows[0]?.total;
  if (total === undefined) {
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from mailings m where ${sql.join(where, sql` and `)}`);
    total = c.n;
  }
  return { items: rows.map((r) => summary(r, locale)), total, page, pageSize: MAILING_PAGE_SIZE };
}
