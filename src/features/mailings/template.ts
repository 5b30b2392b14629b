import { escapeHtml } from '@kitajs/html';
import { contrast, ensureContrast } from '../../platform/html/colour.js';
import type { Locale } from '../../platform/i18n/i18n.js';

/**
 * The e-mail around a mailing's text. Mail clients ignore style sheets and most of CSS, so the
 * layout is nested tables with inline styles: one column, at most 600 px wide and 100 % on a phone,
 * system fonts at 16 px, the organisation's colour (darkened until white text on it is readable)
 * in the header bar and the button. Everything passed in is HTML already (escaped by the caller);
 * the merge-field markers inside it are filled per recipient afterwards.
 */

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT = '#1f2937';
const MUTED = '#4b5563';

export interface Palette {
  brand: string;
  onBrand: string;
}

export function paletteFor(brandColour: string): Palette {
  const brand = ensureContrast(brandColour, '#ffffff', 4.5);
  const onBrand = contrast(brand, '#ffffff') >= contrast(brand, '#111111') ? '#ffffff' : '#111111';
  return { brand, onBrand };
}

/** markdown-it writes bare tags; mail clients need the look on each element. */
export function styleMarkdownHtml(html: string, palette: Palette): string {
  return html
    .replace(/<p>/g, '<p style="margin:0 0 16px;">')
    .replace(/<h1>/g, `<h1 style="margin:0 0 16px;font-size:24px;line-height:1.25;color:${TEXT};">`)
    .replace(/<h2>/g, `<h2 style="margin:24px 0 12px;font-size:20px;line-height:1.3;color:${TEXT};">`)
    .replace(/<h([3-6])>/g, `<h$1 style="margin:20px 0 8px;font-size:17px;line-height:1.3;color:${TEXT};">`)
    .replace(/<a href=/g, `<a style="color:${palette.brand};text-decoration:underline;" href=`)
    .replace(/<(ul|ol)>/g, '<$1 style="margin:0 0 16px;padding-left:24px;">')
    .replace(/<li>/g, '<li style="margin:0 0 4px;">')
    .replace(/<blockquote>/g, `<blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:4px solid #d1d5db;color:${MUTED};">`)
    .replace(/<table>/g, '<table style="border-collapse:collapse;margin:0 0 16px;">')
    .replace(/<(th|td)( style="[^"]*")?>/g, '<$1 style="border:1px solid #d1d5db;padding:4px 8px;text-align:left;">')
    .replace(/<code>/g, '<code style="font-family:Menlo,Consolas,monospace;font-size:14px;">')
    .replace(/<hr>/g, '<hr style="border:0;border-top:1px solid #e5e7eb;margin:24px 0;">');
}

/** A button made of a table cell: the one form every mail client draws as a button. */
export function buttonHtml(href: string, label: string, palette: Palette): string {
  return (
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:16px 0;"><tr>` +
    `<td align="center" bgcolor="${palette.brand}" style="border-radius:6px;background-color:${palette.brand};">` +
    `<a href="${href}" style="display:inline-block;padding:14px 32px;font-family:${FONT};font-size:18px;font-weight:bold;line-height:1.2;color:${palette.onBrand};text-decoration:none;border-radius:6px;">${escapeHtml(label)}</a>` +
    `</td></tr></table>`
  );
}

/** The event block of an invitation: title, when, where, and the register button. */
export function invitationHtml(a: { heading: string; title: string; lines: string[]; button: string }): string {
  return (
    `<div style="margin:8px 0 0;padding:16px;border:1px solid #e5e7eb;border-radius:6px;background-color:#f9fafb;">` +
    `<p style="margin:0 0 4px;font-size:14px;color:${MUTED};">${escapeHtml(a.heading)}</p>` +
    `<p style="margin:0 0 8px;font-size:18px;font-weight:bold;color:${TEXT};">${escapeHtml(a.title)}</p>` +
    a.lines.map((l) => `<p style="margin:0 0 4px;">${escapeHtml(l)}</p>`).join('') +
    a.button +
    `</div>`
  );
}

export interface EmailDocument {
  /** The language of the version: the document's `lang`. */
  lang: Locale;
  /** The footer is in the recipient's own language, which may differ. */
  footerLang: Locale;
  title: string;
  organisationName: string;
  palette: Palette;
  bodyHtml: string;
  /** Shown under the text (the invitation's event and button), or empty. */
  afterBodyHtml: string;
  footerHtml: string;
}

export function emailDocument(d: EmailDocument): string {
  const footerLang = d.footerLang !== d.lang ? ` lang="${d.footerLang}"` : '';
  return (
    `<!DOCTYPE html>\n<html lang="${d.lang}" dir="ltr"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="x-apple-disable-message-reformatting">` +
    `<title>${d.title}</title></head>` +
    `<body style="margin:0;padding:0;background-color:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f3f4f6;"><tr>` +
    `<td align="center" style="padding:24px 8px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border-radius:6px;">` +
    `<tr><td style="padding:20px 24px;background-color:${d.palette.brand};border-radius:6px 6px 0 0;font-family:${FONT};font-size:20px;font-weight:bold;line-height:1.3;color:${d.palette.onBrand};">${escapeHtml(d.organisationName)}</td></tr>` +
    `<tr><td style="padding:24px;font-family:${FONT};font-size:16px;line-height:1.5;color:${TEXT};word-wrap:break-word;">${d.bodyHtml}${d.afterBodyHtml}</td></tr>` +
    `<tr><td${footerLang} style="padding:16px 24px 24px;border-top:1px solid #e5e7eb;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};">${d.footerHtml}</td></tr>` +
    `</table></td></tr></table></body></html>`
  );
}
