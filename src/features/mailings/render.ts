import { randomBytes } from 'node:crypto';
import { escapeHtml } from '@kitajs/html';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isLocale, translator, type Locale } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { markdownToText, renderMarkdown } from '../../platform/html/markdown.js';
import { getBrand } from '../../kernel/organisation.js';
import { invitationEvent } from '../events/index.js';
import type { MailingLinkContext, PreparedMailing, RecipientFields, RenderedMessage } from './contract.js';
import { audienceSource } from './audience-sources.js';
import { linkKey, mailingLinks, signLink } from './link-tokens.js';
import { MERGE_FIELD_PATTERN, resolveMergeField, type MergeField } from './merge-fields.js';
import { buttonHtml, emailDocument, invitationHtml, paletteFor, styleMarkdownHtml, type Palette } from './template.js';
import { mailingContents, mailings, newsletterTopics, type LocalizedText } from './tables.js';

/**
 * Rendering a mailing for many recipients fast: each version's Markdown is rendered once, with every
 * merge field replaced by a marker, and the finished HTML and text are cut at the markers into
 * fixed pieces. Rendering for one recipient is then joining the pieces with their values (escaped
 * for HTML): no Markdown, no templating per recipient.
 */

// Markers are letters and digits only (Markdown leaves them alone), or an https URL for the link
// fields, so `[Tilmeld mig]({{registerLink}})` stays a link through markdown-it's link check.
// The per-process nonce keeps a mailing's own text from ever looking like a marker.
const NONCE = randomBytes(6).toString('hex');
const FIELDS: MergeField[] = ['firstName', 'lastName', 'fullName', 'memberNumber', 'email', 'registerLink', 'unsubscribeLink', 'personalLink'];
const LINK_FIELDS = new Set<MergeField>(['registerLink', 'unsubscribeLink', 'personalLink']);
const MARKER = new RegExp(`https://mf${NONCE}\\.invalid/(\\d+)|mf${NONCE}f(\\d+)e`, 'g');

function marker(field: MergeField): string {
  const i = FIELDS.indexOf(field);
  return LINK_FIELDS.has(field) ? `https://mf${NONCE}.invalid/${i}` : `mf${NONCE}f${i}e`;
}

/**
 * `{{firstName}}` (or `{{Fornavn}}`, `{{förnamn}}`) → its marker; a field this mailing cannot fill
 * stays as written (validation stops those).
 */
function withMarkers(text: string, allowed: ReadonlySet<MergeField>): string {
  return text.replace(MERGE_FIELD_PATTERN, (whole, name: string) => {
    const field = resolveMergeField(name);
    return field && allowed.has(field) ? marker(field) : whole;
  });
}

/** Fixed pieces with a merge field between each two. */
interface Compiled {
  pieces: string[];
  slots: number[];
}

function compile(text: string): Compiled {
  const pieces: string[] = [];
  const slots: number[] = [];
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    pieces.push(text.slice(last, m.index));
    slots.push(Number(m[1] ?? m[2]));
    last = m.index + m[0].length;
  }
  pieces.push(text.slice(last));
  return { pieces, slots };
}

function fill(c: Compiled, values: readonly string[]): string {
  let out = c.pieces[0];
  for (let i = 0; i < c.slots.length; i++) out += values[c.slots[i]] + c.pieces[i + 1];
  return out;
}

function localized(text: LocalizedText | null | undefined, locale: Locale): string {
  if (!text) return '';
  return text[locale] || text.da;
}

/** What a mailing's render needs besides its versions; loaded once. */
interface Setting {
  kind: 'newsletter' | 'service';
  organisationName: string;
  palette: Palette;
  topic: LocalizedText | null;
  topicId: string | null;
  event: InvitedEvent | null;
  baseUrl: string;
  /** The audience source's personal link (a survey's answer link), signed per recipient over the audience ref. */
  personal: { purpose: string; ref: string; url(baseUrl: string, token: string): string } | null;
}

interface InvitedEvent {
  title: string;
  startsAt: Date;
  timeZone: string;
  place: string | null;
}

interface Template {
  subject: Compiled;
  html: Compiled;
  text: Compiled;
}

function compileTemplate(s: Setting, version: { locale: Locale; subject: string; body: string }, reader: Locale): Template {
  const allowed = new Set<MergeField>(['firstName', 'lastName', 'fullName', 'memberNumber', 'email']);
  if (s.event) allowed.add('registerLink');
  if (s.kind === 'newsletter') allowed.add('unsubscribeLink');
  if (s.personal) allowed.add('personalLink');
  const t = translator(reader);
  const topic = localized(s.topic, reader);
  const vars = { topic, organisation: s.organisationName };
  const subject = withMarkers(version.subject.replace(/[\r\n]+/g, ' '), allowed);
  const body = withMarkers(version.body, allowed);

  let afterHtml = '';
  let afterText = '';
  if (s.event) {
    const e = s.event;
    const lines = [t('mailings.mail.when', { when: formatDateTime(reader, e.startsAt, e.timeZone) })];
    if (e.place) lines.push(t('mailings.mail.where', { where: e.place }));
    const button = t('mailings.mail.register_button');
    afterHtml = invitationHtml({ heading: t('mailings.mail.invitation_heading'), title: e.title, lines, button: buttonHtml(marker('registerLink'), button, s.palette) });
    afterText = `\n\n${e.title}\n${lines.join('\n')}\n\n${button}: ${marker('registerLink')}`;
  }

  let footerHtml: string;
  let footerText: string;
  const manage = mailingLinks.myNewsletters(s.baseUrl);
  if (s.kind === 'newsletter') {
    const why = t('mailings.mail.footer_newsletter', vars);
    const unsubscribe = t('mailings.mail.unsubscribe', vars);
    const choose = t('mailings.mail.manage');
    footerHtml =
      `<p style="margin:0 0 8px;">${escapeHtml(why)}</p>` +
      `<p style="margin:0;"><a href="${marker('unsubscribeLink')}" style="color:#4b5563;text-decoration:underline;">${escapeHtml(unsubscribe)}</a>` +
      ` · <a href="${escapeHtml(manage)}" style="color:#4b5563;text-decoration:underline;">${escapeHtml(choose)}</a></p>`;
    footerText = `${why}\n${unsubscribe}: ${marker('unsubscribeLink')}\n${choose}: ${manage}`;
  } else {
    const why = t('mailings.mail.footer_service', vars);
    footerHtml = `<p style="margin:0;">${escapeHtml(why)}</p>`;
    footerText = why;
  }

  const bodyHtml = styleMarkdownHtml(renderMarkdown(body), s.palette);
  const html = emailDocument({
    lang: version.locale,
    footerLang: reader,
    title: escapeHtml(subject),
    organisationName: s.organisationName,
    palette: s.palette,
    bodyHtml,
    afterBodyHtml: afterHtml,
    footerHtml,
  });
  const text = `${markdownToText(body, { baseUrl: s.baseUrl })}${afterText}\n\n-- \n${footerText}\n`;
  return { subject: compile(subject), html: compile(html), text: compile(text) };
}

async function loadSetting(db: Db, m: typeof mailings.$inferSelect, ctx: MailingLinkContext): Promise<Setting> {
  const brand = await getBrand(db);
  let topic: LocalizedText | null = null;
  if (m.topicId) {
    const [row] = await db.select({ name: newsletterTopics.name }).from(newsletterTopics).where(eq(newsletterTopics.id, m.topicId));
    topic = row?.name ?? null;
  }
  let event: InvitedEvent | null = null;
  if (m.eventId) {
    const e = await invitationEvent(db, m.eventId);
    if (e) event = { title: e.title, startsAt: e.startsAt, timeZone: e.timeZone, place: e.place };
  }
  const source = m.audienceSource ? audienceSource(m.audienceSource) : undefined;
  return {
    kind: m.kind,
    personal: source?.link && m.audienceRef ? { ...source.link, ref: m.audienceRef } : null,
    organisationName: brand.name,
    palette: paletteFor(brand.brandColour),
    topic,
    topicId: m.topicId,
    event,
    baseUrl: ctx.baseUrl.replace(/\/+$/, ''),
  };
}

/** Header values may not break a line; nodemailer encodes the rest. */
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/**
 * A mailing compiled for the dispatcher: `render` picks the recipient's language version (else the
 * default one), fills the merge fields, and for a newsletter adds the one-click unsubscribe headers
 * (RFC 8058) — service mail has none, but may carry the threading headers it was sent with. Throws when the mailing does not exist (a bug in the caller).
 */
export async function prepareMailing(db: Db, mailingId: string, ctx: MailingLinkContext): Promise<PreparedMailing> {
  const [m] = await db.select().from(mailings).where(eq(mailings.id, mailingId));
  if (!m) throw new Error(`mailing ${mailingId} does not exist`);
  const rows = await db.select().from(mailingContents).where(eq(mailingContents.mailingId, mailingId));
  const setting = await loadSetting(db, m, ctx);
  const key = await linkKey(db);
  const defaultLocale: Locale = isLocale(m.defaultLocale) ? m.defaultLocale : 'da';
  const versions = new Map<Locale, { locale: Locale; subject: string; body: string }>();
  for (const r of rows) if (isLocale(r.locale)) versions.set(r.locale, { locale: r.locale, subject: r.subject, body: r.body });
  const fallback = versions.get(defaultLocale) ?? [...versions.values()][0];
  if (!fallback) throw new Error(`mailing ${mailingId} has no content`);

  // At most nine templates (version language × reader language), each made when first needed.
  const templates = new Map<string, Template>();
  const templateFor = (reader: Locale): Template => {
    const version = versions.get(reader) ?? fallback;
    const k = `${version.locale}:${reader}`;
    let tpl = templates.get(k);
    if (!tpl) {
      tpl = compileTemplate(setting, version, reader);
      templates.set(k, tpl);
    }
    return tpl;
  };

  const newsletter = setting.kind === 'newsletter' && setting.topicId !== null;
  // A service mail's threading headers (a discussion's Message-ID, In-Reply-To, References), the same
  // for every recipient: each gets the same message, so mail programs thread them alike.
  const threadHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) threadHeaders[k] = oneLine(v);
  return {
    mailingId,
    kind: setting.kind,
    topicId: setting.topicId,
    render(r: RecipientFields): RenderedMessage {
      const reader: Locale = isLocale(r.locale) ? r.locale : defaultLocale;
      const tpl = templateFor(reader);
      const unsubscribe = newsletter && r.personId ? mailingLinks.unsubscribe(setting.baseUrl, signLink(key, 'unsubscribe', r.personId, setting.topicId!)) : '';
      const register = setting.event && r.personId ? mailingLinks.invitation(setting.baseUrl, signLink(key, 'invitation', mailingId, r.personId)) : '';
      const personal = setting.personal && r.personId ? setting.personal.url(setting.baseUrl, signLink(key, setting.personal.purpose, setting.personal.ref, r.personId)) : '';
      // Without a person (deleted since the freeze) the links fall back to the pages that need a log-in.
      const plain = [
        r.firstName,
        r.lastName,
        `${r.firstName} ${r.lastName}`.trim(),
        r.memberNumber ?? '',
        r.email,
        register || `${setting.baseUrl}/events`,
        unsubscribe || mailingLinks.myNewsletters(setting.baseUrl),
        personal || `${setting.baseUrl}/me`,
      ];
      const escaped = plain.map((v) => escapeHtml(v));
      const headers: Record<string, string> = { ...threadHeaders };
      if (unsubscribe) {
        headers['List-Unsubscribe'] = `<${unsubscribe}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      return {
        to: r.email,
        subject: oneLine(fill(tpl.subject, plain)),
        html: fill(tpl.html, escaped),
        text: fill(tpl.text, plain),
        headers,
      };
    },
  };
}
