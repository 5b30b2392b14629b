import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { isLocale, locales, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { getOrganisation } from '../../kernel/organisation.js';
import type { Refusal } from '../../platform/outcomes.js';
import { sendServiceMail } from '../mailings/index.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import type { NoticeContext } from './notice.js';
import { freezeRoll } from './roll.js';
import { assemblies } from './tables.js';

export type PackResult = { ok: true; recipients: number; mailingId: string; motions: number } | Refusal | WrongStatus | { ok: false; reason: 'pack_sent' | 'no_motions' };

interface PackMotion {
  number: number;
  title: string;
  body: string;
  reasoning: string | null;
  boardRecommendation: string | null;
  lateReason: string | null;
}

/**
 * Sends the motions pack: every admitted motion (number, title, text, reasoning, the board's
 * recommendation) to the electoral roll, as service mail through the mailings queue, once. Usually
 * after the motion deadline; a late motion admitted afterwards is told in the hall.
 */
export async function sendMotionsPack(db: Db, actor: Actor, assemblyId: string, ctx: NoticeContext): Promise<PackResult> {
  return db.transaction(async (tx): Promise<PackResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'notice_sent' && a.status !== 'in_session') return wrongStatus(a.status);
    if (a.motionsPackMailingId) return { ok: false, reason: 'pack_sent' };
    const motions = await queryRows<PackMotion>(
      tx,
      sql`select number, title, body, reasoning, board_recommendation as "boardRecommendation", late_reason as "lateReason"
          from motions where assembly_id = ${assemblyId} and state = 'admitted' order by number`,
    );
    if (motions.length === 0) return { ok: false, reason: 'no_motions' };
    const organisation = await getOrganisation(tx);
    const main: Locale = isLocale(organisation.defaultLocale) ? organisation.defaultLocale : 'da';
    const contents: Partial<Record<Locale, { subject: string; body: string }>> = {};
    for (const locale of locales) {
      const t = translator(locale);
      const parts = [
        t('assembly_pack.intro', { title: a.title, starts: formatDateTime(locale, a.startsAt, a.timeZone) }),
        ...motions.flatMap((m) => [
          '',
          `## ${t('assembly_pack.motion', { number: m.number, title: m.title })}`,
          '',
          m.body,
          ...(m.reasoning ? ['', `**${t('assembly_pack.reasoning')}**`, '', m.reasoning] : []),
          ...(m.boardRecommendation ? ['', `**${t('assembly_pack.recommendation')}**`, '', m.boardRecommendation] : []),
          ...(m.lateReason ? ['', `_${t('assembly_pack.late', { reason: m.lateReason })}_`] : []),
        ]),
        '',
        `[${t('assembly_notice.link')}](${ctx.publicUrl}/assemblies/${a.id}/motions)`,
      ];
      contents[locale] = { subject: t('assembly_pack.subject', { title: a.title }), body: parts.join('\n') };
    }
    const t = translator(main);
    const sent = await sendServiceMail(tx, actor, {
      unitId: a.unitId,
      audience: { source: 'assembly.roll', ref: a.id, label: t('assembly_notice.audience', { title: a.title }) },
      reason: t('assembly_pack.reason'),
      contents,
      defaultLocale: main,
    });
    if (!sent.ok) throw new Error(`the motions pack could not be made: ${sent.reason}`);
    await tx.update(assemblies).set({ motionsPackMailingId: sent.mailingId, updatedAt: sql`now()` }).where(eq(assemblies.id, a.id));
    await audit(tx, actor, { action: 'update', entityType: 'assembly', entityId: a.id, fields: ['motionsPackMailingId'] });
    return { ok: true, recipients: sent.recipients, mailingId: sent.mailingId, motions: motions.length };
  });
}

export const ROLL_JOB = 'assemblies.roll-at-cutoff';

/**
 * A notice sent before the cut-off day took the roll as the register stood then; on the cut-off day
 * the roll is taken again, so it is the register's answer for that day (members who joined or left
 * in between). Returns how many rolls it took.
 */
export async function takeDueRolls(db: Db): Promise<number> {
  const due = await queryRows<{ id: string }>(
    db,
    sql`select id from assemblies where status = 'notice_sent' and roll_cutoff_on <= current_date and (roll_frozen_at is null or roll_frozen_at::date < roll_cutoff_on)`,
  );
  for (const { id } of due) await db.transaction((tx) => freezeRoll(tx, id));
  return due.length;
}

export function registerAssemblyJobs(jobs: Jobs, db: Db): void {
  jobs.define({ name: ROLL_JOB, cron: '5 0 * * *', retryLimit: 3, retryDelaySeconds: 300, handler: async () => void (await takeDueRolls(db)) });
}
