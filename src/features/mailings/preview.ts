import { actorPersonId, type Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { translator, type Locale } from '../../platform/i18n/i18n.js';
import { queueMail } from '../../platform/mail/mail.js';
import { mailingFor } from './access.js';
import { type Refusal } from '../../platform/outcomes.js';
import { recipientFieldsOf } from './audience.js';
import { getBrand } from '../../kernel/organisation.js';
import type { MailingLinkContext, RenderedMessage } from './contract.js';
import { prepareMailing } from './render.js';

/**
 * The mail as the reader themself would get it in one language: their own name and member number
 * in the merge fields, their own (working) links. A reader who is not a person (an API token) has
 * no merge values, so a preview needs a person.
 */
async function renderForActor(db: Db, actor: Actor, mailingId: string, locale: Locale | null, ctx: MailingLinkContext): Promise<RenderedMessage | null> {
  const personId = actorPersonId(actor);
  if (!personId) return null;
  const prepared = await prepareMailing(db, mailingId, ctx);
  const fields = await recipientFieldsOf(db, personId, locale ?? (await getBrand(db)).defaultLocale);
  if (!fields) return null;
  return prepared.render(locale ? { ...fields, locale } : fields);
}

export type PreviewResult = { ok: true; html: string; subject: string } | Refusal;

/** The rendered HTML of one language version, for the preview frame on the mailing's page. */
export async function previewMailing(db: Db, actor: Actor, mailingId: string, locale: Locale, ctx: MailingLinkContext): Promise<PreviewResult> {
  const found = await mailingFor(db, actor, mailingId, 'view');
  if (!found.ok) return found;
  const message = await renderForActor(db, actor, mailingId, locale, ctx);
  if (!message) return { ok: false, reason: 'forbidden' };
  return { ok: true, html: message.html, subject: message.subject };
}

export type TestResult = { ok: true; to: string } | Refusal | { ok: false; reason: 'no_address' };

/**
 * "Send a test to myself": the mail rendered for the sender, in their language, with "[Test]" before
 * the subject, through the ordinary outbox (the dispatcher or the dev mail page shows it).
 */
export async function sendTestMailing(db: Db, actor: Actor, mailingId: string, ctx: MailingLinkContext): Promise<TestResult> {
  return db.transaction(async (tx): Promise<TestResult> => {
    const found = await mailingFor(tx, actor, mailingId, 'edit');
    if (!found.ok) return found;
    const message = await renderForActor(tx, actor, mailingId, null, ctx);
    if (!message || !message.to) return { ok: false, reason: 'no_address' };
    const fallback = (await getBrand(tx)).defaultLocale;
    const fields = await recipientFieldsOf(tx, actorPersonId(actor)!, fallback);
    const prefix = translator(fields?.locale ?? fallback)('mailings.mail.test_prefix');
    await queueMail(tx, { to: message.to, subject: `${prefix} ${message.subject}`, text: message.text, html: message.html, kind: found.mailing.kind });
    await audit(tx, actor, { action: 'create', entityType: 'mailing_test', entityId: mailingId });
    return { ok: true, to: message.to };
  });
}
