import { eq, sql } from 'drizzle-orm';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { audienceSource } from './audience-sources.js';
import { freezeRecipients } from './freeze.js';
import { mailingContents, mailings } from './tables.js';
import { versionProblems } from './validate.js';
import type { MailingProblem } from './contract.js';

export interface ServiceMailInput {
  unitId: string;
  audience: { source: string; ref: string; label: string };
  /** Why it is service mail (it reaches everyone in the audience, newsletter opt-outs or not). */
  reason: string;
  contents: Partial<Record<Locale, { subject: string; body: string }>>;
  defaultLocale: Locale;
  /**
   * Threading headers, so mail programs group a discussion's mails: this mail's own Message-ID and
   * what it answers. Message-IDs are written with their angle brackets (`<post-…@forening.dk>`).
   */
  headers?: ThreadHeaders;
}

export type ThreadHeaders = { messageId: string; inReplyTo?: string; references?: string[] };

/** The headers as stored with the mailing and added to each of its messages. */
function headerFields(h: ThreadHeaders | undefined): Record<string, string> | null {
  if (!h) return null;
  const out: Record<string, string> = { 'Message-ID': h.messageId };
  if (h.inReplyTo) out['In-Reply-To'] = h.inReplyTo;
  if (h.references && h.references.length > 0) out['References'] = h.references.join(' ');
  return out;
}

export type ServiceMailResult = { ok: true; mailingId: string; recipients: number } | { ok: false; reason: 'invalid'; problems: MailingProblem[] } | { ok: false; reason: 'empty_audience' };

/**
 * A feature's service mail to an audience it names, sent now, inside the caller's transaction: the
 * mailing is made (kind `service`, with the reason), its recipients frozen from the source in one
 * statement, and it goes out through the same durable queue and dispatchers as any mailing, so staff
 * follow it on the mailings pages. The caller has decided the actor may send it (its own rules: an
 * assembly's notice is the assembly's staff's); nothing here reads segments.
 */
export async function sendServiceMail(tx: Db, actor: Actor, input: ServiceMailInput): Promise<ServiceMailResult> {
  const source = audienceSource(input.audience.source);
  if (!source) throw new Error(`unknown audience source ${input.audience.source}`);
  const problems = versionProblems(input.contents, input.defaultLocale, { kind: 'service', invitation: false, personalLink: source.link !== undefined });
  if (problems.length > 0) return { ok: false, reason: 'invalid', problems };
  const me = actorPersonId(actor);
  const [m] = await tx
    .insert(mailings)
    .values({
      unitId: input.unitId,
      audienceSource: input.audience.source,
      audienceRef: input.audience.ref,
      audienceLabel: input.audience.label,
      kind: 'service',
      serviceReason: input.reason,
      headers: headerFields(input.headers),
      defaultLocale: input.defaultLocale,
      status: 'sending',
      createdBy: me,
      sentBy: me,
    })
    .returning({ id: mailings.id });
  const versions = Object.entries(input.contents).filter((e): e is [Locale, { subject: string; body: string }] => Boolean(e[1]));
  await tx.insert(mailingContents).values(versions.map(([locale, v]) => ({ mailingId: m.id, locale, subject: v.subject, body: v.body })));
  const recipients = await freezeRecipients(tx, { mailingId: m.id, kind: 'service', topicId: null, segment: { personIds: source.personIds(input.audience.ref) }, defaultLocale: input.defaultLocale });
  if (recipients === 0) {
    await tx.delete(mailings).where(eqId(m.id));
    return { ok: false, reason: 'empty_audience' };
  }
  await tx.update(mailings).set({ recipientCount: recipients, frozenAt: new Date() }).where(eqId(m.id));
  await audit(tx, actor, { action: 'create', entityType: 'mailing', entityId: m.id, fields: ['audienceSource', 'serviceReason', 'status', 'recipientCount'] });
  return { ok: true, mailingId: m.id, recipients };
}

const eqId = (id: string) => eq(mailings.id, id);

/**
 * Removes a feature's service mail to an audience (`source` + `ref`) that has reached no one yet — every
 * recipient still pending — and says how many mailings went. For demo data made in the past (an old
 * survey wave's invitation, queued today), never for mail someone has received.
 */
export async function discardUnsentServiceMail(tx: Db, source: string, ref: string): Promise<number> {
  const gone = await tx
    .delete(mailings)
    .where(
      sql`${mailings.kind} = 'service' and ${mailings.audienceSource} = ${source} and ${mailings.audienceRef} = ${ref}::uuid
          and not exists (select 1 from mailing_recipients r where r.mailing_id = ${mailings.id} and r.status <> 'pending')`,
    )
    .returning({ id: mailings.id });
  return gone.length;
}
