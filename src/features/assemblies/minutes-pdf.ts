import PDFDocument from 'pdfkit';
import { translator, type Translate } from '../../platform/i18n/i18n.js';
import { formatDateTime } from '../../platform/i18n/format.js';
import { winAnsi } from '../../platform/pdf/win-ansi.js';
import { assemblyKindLabel } from './labels.js';
import type { MinutesContent, MinutesElection, MinutesMotion, MinutesPoll } from './minutes-content.js';

/*
 * The minutes as a PDF, made with pdfkit, in the standard Helvetica (text folded into WinAnsi by the
 * platform's `winAnsi`, see there).
 */

export type MinutesPdfOptions = {
  /** The organisation's name for the top of the first page. */
  organisation?: string;
  /** Off in tests, so that the text can be read back from the file. */
  compress?: boolean;
};

const MARGIN = 56;

/** The minutes as a PDF file in the content's language. */
export function minutesPdf(m: MinutesContent, opts: MinutesPdfOptions = {}): Promise<Buffer> {
  const t = translator(m.locale);
  const a = m.assembly;
  const title = t('minutes.pdf_title', { title: a.title });
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: opts.compress ?? true,
    lang: m.locale,
    displayTitle: true,
    // The document's properties are UTF-16 text strings: no folding needed there.
    info: { Title: title, Author: opts.organisation ?? a.unitName, Subject: a.unitName, CreationDate: new Date() },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const body = (text: string, o: PDFKit.Mixins.TextOptions = {}) => doc.font('Helvetica').fontSize(11).fillColor('#000').text(winAnsi(text), { width, ...o });
  const bold = (text: string, size = 11) => doc.font('Helvetica-Bold').fontSize(size).fillColor('#000').text(winAnsi(text), { width });
  const quiet = (text: string) => doc.font('Helvetica').fontSize(10).fillColor('#444').text(winAnsi(text), { width });
  const labelled = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(winAnsi(`${label}: `), { continued: true, width });
    doc.font('Helvetica').text(winAnsi(value));
  };
  const gap = (lines = 0.5) => doc.moveDown(lines);

  if (opts.organisation) quiet(opts.organisation);
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000').text(winAnsi(title), { width });
  quiet(`${a.unitName} · ${t(assemblyKindLabel[a.kind])}`);
  gap();
  labelled(t('minutes.when'), a.when);
  if (a.place) labelled(t('fields.place'), a.place);
  labelled(t('fields.chairPersonId'), a.chairName ?? '–');
  labelled(t('fields.minuteTakerPersonId'), a.minuteTakerName ?? '–');
  labelled(t('minutes.present'), t('minutes.present_of_roll', { present: a.present, roll: a.rollSize }) + (a.proxies > 0 ? ` ${t('minutes.proxies', { n: a.proxies })}` : ''));
  if (!a.publishedAt) {
    gap();
    bold(t('minutes.draft_notice'));
  }

  for (const item of m.items) {
    gap(1);
    bold(`${item.position}. ${item.title}`, 13);
    gap(0.3);
    if (item.notes) body(item.notes);
    if (item.decision) {
      gap(0.3);
      labelled(t('fields.decision'), item.decision);
    }
    for (const motion of item.motions) pdfMotion(motion);
    for (const poll of item.polls) pdfPoll(poll);
    for (const election of item.elections) pdfElection(election);
    if (!item.notes && !item.decision && item.motions.length + item.polls.length + item.elections.length === 0) quiet(t('minutes.nothing_recorded'));
  }
  if (m.otherMotions.length > 0) {
    gap(1);
    bold(t('minutes.other_motions'), 13);
    for (const motion of m.otherMotions) pdfMotion(motion);
  }

  gap(1.5);
  bold(t('minutes.approvals'), 13);
  gap(0.3);
  body(a.approvedByChairAt ? t('minutes.approved_by_chair', { name: a.chairName ?? '–', at: formatDateTime(m.locale, a.approvedByChairAt, a.timeZone) }) : t('minutes.awaiting_chair'));
  body(a.approvedByTakerAt ? t('minutes.approved_by_taker', { name: a.minuteTakerName ?? '–', at: formatDateTime(m.locale, a.approvedByTakerAt, a.timeZone) }) : t('minutes.awaiting_taker'));
  if (a.publishedAt) body(t('minutes.published_at', { at: formatDateTime(m.locale, a.publishedAt, a.timeZone) }));

  function pdfMotion(motion: MinutesMotion) {
    gap(0.3);
    labelled(t('minutes.motion', { number: motion.number, title: motion.title }), motion.stateText);
    for (const am of motion.amendments) quiet(`${t('minutes.amendment', { number: am.number })}: ${am.stateText}`);
  }

  function pdfPoll(poll: MinutesPoll) {
    gap(0.3);
    labelled(t('minutes.poll_label'), poll.title);
    bold(poll.summary);
    quiet(poll.rule);
    quiet(poll.ballot);
    if (poll.counted) quiet(poll.counted);
    for (const g of poll.named ?? []) quiet(`${g.choice}: ${g.names.join(', ')}`);
  }

  function pdfElection(e: MinutesElection) {
    gap(0.3);
    labelled(t('minutes.election_label'), e.title);
    if (!e.decided) {
      quiet(t('minutes.election.undecided'));
      return;
    }
    if (e.unopposed) quiet(t('minutes.election.unopposed'));
    for (const x of e.elected) body(electedLine(t, x, e.termEndsText));
    for (const lot of e.lots) quiet(lot);
  }

  // Every page's foot: the title and "page n of N" (the pages are kept until the end to count them).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#555')
      .text(winAnsi(`${a.title} · ${t('minutes.page_of', { page: i + 1, pages: range.count })}`), MARGIN, doc.page.height - MARGIN / 2 - 8, { width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** "Name, board member (34 votes), until 1 May 2027". */
export function electedLine(t: Translate, x: { name: string; seatText: string; votes: number | null }, until: string): string {
  return x.votes === null ? t('minutes.election.elected', { name: x.name, seat: x.seatText, until }) : t('minutes.election.elected_votes', { name: x.name, seat: x.seatText, count: x.votes, until });
}
