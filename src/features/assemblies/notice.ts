import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { isLocale, locales, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDate, formatDateTime } from '../../platform/i18n/format.js';
import { getOrganisation } from '../../kernel/organisation.js';
import type { Refusal } from '../../platform/outcomes.js';
import { sendServiceMail } from '../mailings/index.js';
import { assemblyFor, type AssemblyRow } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { loadAgenda } from './queries.js';
import { freezeRoll } from './roll.js';
import { assemblies } from './tables.js';

const DAY = 86_400_000;

/** Where the mails link to. */
export interface NoticeContext {
  publicUrl: string;
}

export type NoticeLate = { ok: false; reason: 'notice_late'; params: { days: number; starts: string; latest: string } };
export type EmptyRoll = { ok: false; reason: 'empty_roll'; params: { cutoff: string } };
export type NoticeResult = { ok: true; recipients: number; mailingId: string } | Refusal | WrongStatus | NoticeLate | EmptyRoll;

/** The last moment the notice may go out under the assembly's rules. */
export function latestNotice(a: Pick<AssemblyRow, 'startsAt' | 'rules'>): Date {
  return new Date(a.startsAt.getTime() - a.rules.noticeDays * DAY);
}

async function noticeContents(tx: Db, a: AssemblyRow, ctx: NoticeContext): Promise<Partial<Record<Locale, { subject: string; body: string }>>> {
  const agenda = await loadAgenda(tx, a.id);
  const link = `${ctx.publicUrl}/assemblies/${a.id}`;
  const out: Partial<Record<Locale, { subject: string; body: string }>> = {};
  for (const locale of locales) {
    const t = translator(locale);
    const lines = [
      t('assembly_notice.greeting'),
      '',
      t('assembly_notice.intro', { title: a.title, starts: formatDateTime(locale, a.startsAt, a.timeZone), place: a.place ?? t('assembly_notice.place_unknown') }),
      '',
      `**${t('assembly_notice.agenda')}**`,
      '',
      // Item titles are in the language the agenda was written in; the mail says so by leaving them as they are.
      ...agenda.map((i) => `${i.position}. ${i.title}`),
      '',
      t('assembly_notice.deadline', { deadline: formatDateTime(locale, a.motionDeadline, a.timeZone) }),
      '',
      t('assembly_notice.roll', { cutoff: formatDate(locale, `${a.rollCutoffOn}T12:00:00Z`, a.timeZone) }),
      '',
      `[${t('assembly_notice.link')}](${link})`,
    ];
    out[locale] = { subject: t('assembly_notice.subject', { title: a.title }), body: lines.join('\n') };
  }
  return out;
}

/**
 * Sends the notice (indkaldelse): checks the statutes' notice period, takes the electoral roll, and
 * mails the roll through the mailings module as service mail — agenda, motion deadline, a link. A
 * notice after the latest day the rules allow is refused with the rule; so is one to an empty roll.
 * All or nothing: the roll, the mailing and the status change are one transaction.
 */
export async function sendNotice(db: Db, actor: Actor, assemblyId: string, ctx: NoticeContext, now = new Date()): Promise<NoticeResult> {
  return db.transaction(async (tx): Promise<NoticeResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'draft') return wrongStatus(a.status);
    const organisation = await getOrganisation(tx);
    const locale: Locale = isLocale(organisation.defaultLocale) ? organisation.defaultLocale : 'da';
    const latest = latestNotice(a);
    if (now.getTime() > latest.getTime()) {
      return { ok: false, reason: 'notice_late', params: { days: a.rules.noticeDays, starts: formatDateTime(locale, a.startsAt, a.timeZone), latest: formatDateTime(locale, latest, a.timeZone) } };
    }
    const size = await freezeRoll(tx, a.id);
    if (size === 0) {
      // Nothing may stay: the roll is taken again when the notice goes out.
      await tx.execute(sql`update assemblies set roll_frozen_at = null where id = ${a.id}`);
      return { ok: false, reason: 'empty_roll', params: { cutoff: formatDate(locale, `${a.rollCutoffOn}T12:00:00Z`, a.timeZone) } };
    }
    const t = translator(locale);
    const sent = await sendServiceMail(tx, actor, {
      unitId: a.unitId,
      audience: { source: 'assembly.roll', ref: a.id, label: t('assembly_notice.audience', { title: a.title }) },
      reason: t('assembly_notice.reason'),
      contents: await noticeContents(tx, a, ctx),
      defaultLocale: locale,
    });
    if (!sent.ok) throw new Error(`the notice could not be made: ${sent.reason}`);
    await tx.update(assemblies).set({ status: 'notice_sent', noticeSentAt: sql`now()`, noticeMailingId: sent.mailingId, updatedAt: sql`now()` }).where(eq(assemblies.id, a.id));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: a.id, fields: ['status', 'noticeSentAt', 'rollFrozenAt'] });
    return { ok: true, recipients: sent.recipients, mailingId: sent.mailingId };
  });
}
