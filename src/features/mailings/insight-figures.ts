import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { organisationTimeZone } from '../../platform/i18n/format.js';
import { monthsOf, unitsCondition, type FigureRange } from '../../kernel/insights.js';

/** A month of newsletters: how many went out, what became of their recipients, and the opt-outs by link. */
export interface MailingDeliveryMonth {
  month: string;
  /** Newsletters whose recipients were frozen (sending began) in the month. */
  mailings: number;
  /** Their recipients by state now: delivered to the mail server, given up on, still to go (pending or in flight). */
  delivered: number;
  failed: number;
  pending: number;
  /** Opt-outs from a topic through a newsletter's one-click unsubscribe link, in the month. */
  unsubscribed: number;
}

/**
 * Newsletter delivery by month, zeros included. Service mail (kind `service`: staff's marked
 * mailings and the features' own, such as assembly notices and survey invitations) is left out: it
 * reaches everyone regardless of consent and has no unsubscribe link, so it is not the newsletter
 * traffic this figure follows. A newsletter counts in the month its recipients were frozen, by its
 * own unit; its recipients count there whenever they were delivered.
 *
 * Recipients: a mailing's `recipient_count` is the number of rows frozen with it, and rows are never
 * added or removed afterwards (only drafts are deleted), so only the few rows not yet `sent` are
 * counted — on the `(mailing_id, status)` index — and delivered is the rest. Counting the delivered
 * rows themselves would read every recipient of every newsletter of the range.
 *
 * Unsubscribed: a topic belongs to no unit and the link carries only the person and the topic, and
 * a subscription row keeps only the person's latest answer. So this counts the people whose current
 * answer for a topic is "no" by the unsubscribe link, given in the month (one re-subscribed since
 * is no longer counted: a lower bound). For a set of units, an opt-out counts for the unit of the
 * newsletter of that topic the person was last sent before it — the mail whose link they most likely
 * followed; one with no such newsletter counts only for all units.
 */
export async function mailingDelivery(db: Db, range: FigureRange): Promise<MailingDeliveryMonth[]> {
  const tz = organisationTimeZone;
  // The range's first and last instants in the organisation's days, so the scans can use an index on the time.
  const starts = sql`(${range.from}::date::timestamp at time zone ${tz})`;
  const ends = sql`((${range.to}::date + 1)::timestamp at time zone ${tz})`;
  const [sent, optOuts] = await Promise.all([
    queryRows<{ month: string; mailings: number; delivered: number; failed: number; pending: number }>(
      db,
      sql`select to_char(m.frozen_at at time zone ${tz}, 'YYYY-MM') as month, count(*)::int as mailings,
            coalesce(sum(m.recipient_count - r.pending - r.failed), 0)::int as delivered,
            coalesce(sum(r.failed), 0)::int as failed, coalesce(sum(r.pending), 0)::int as pending
          from mailings m
          cross join lateral (
            select count(*) filter (where x.status <> 'failed') as pending, count(*) filter (where x.status = 'failed') as failed
            from mailing_recipients x where x.mailing_id = m.id and x.status in ('pending', 'sending', 'failed')
          ) r
          where m.kind = 'newsletter' and m.frozen_at >= ${starts} and m.frozen_at < ${ends} and ${unitsCondition(sql`m.unit_id`, range.units)}
          group by 1`,
    ),
    queryRows<{ month: string; unsubscribed: number }>(
      db,
      range.units === 'all'
        ? sql`select to_char(s.changed_at at time zone ${tz}, 'YYYY-MM') as month, count(*)::int as unsubscribed
              from newsletter_topic_subscriptions s
              where s.source = 'unsubscribe_link' and not s.subscribed and s.changed_at >= ${starts} and s.changed_at < ${ends}
              group by 1`
        : sql`select to_char(s.changed_at at time zone ${tz}, 'YYYY-MM') as month, count(*)::int as unsubscribed
              from newsletter_topic_subscriptions s
              cross join lateral (
                select m.unit_id from mailings m join mailing_recipients r on r.mailing_id = m.id and r.person_id = s.person_id
                where m.kind = 'newsletter' and m.topic_id = s.topic_id and m.frozen_at <= s.changed_at and r.status = 'sent' and r.sent_at <= s.changed_at
                order by m.frozen_at desc, m.id desc limit 1
              ) last
              where s.source = 'unsubscribe_link' and not s.subscribed and s.changed_at >= ${starts} and s.changed_at < ${ends}
                and ${unitsCondition(sql`last.unit_id`, range.units)}
              group by 1`,
    ),
  ]);
  const byMonth = new Map(sent.map((r) => [r.month, r]));
  const outs = new Map(optOuts.map((r) => [r.month, r.unsubscribed]));
  return monthsOf(range).map((month) => {
    const r = byMonth.get(month);
    return { month, mailings: r?.mailings ?? 0, delivered: r?.delivered ?? 0, failed: r?.failed ?? 0, pending: r?.pending ?? 0, unsubscribed: outs.get(month) ?? 0 };
  });
}
