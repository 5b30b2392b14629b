import PDFDocument from 'pdfkit';
import type { Locale, Translate } from '../../platform/i18n/i18n.js';
import { formatDate } from '../../platform/i18n/format.js';
import { winAnsi } from '../../platform/pdf/win-ansi.js';
import type { FigureTable } from './figures.js';
import { cellText } from './format.js';
import { figureLead, figureTitle } from './pages/figure-section.js';

const MARGIN = 48;

export interface PackPdfInput {
  organisation: string;
  year: number;
  unitName: string;
  from: string;
  to: string;
  figures: FigureTable[];
  locale: Locale;
  t: Translate;
  now: Date;
  /** Off in tests, so that the text can be read back from the file. */
  compress?: boolean;
}

/**
 * The board pack as a PDF (A4, pdfkit, the standard Helvetica): the year's figures one after the
 * other, each with its heading, what it counts, and its table; a table wider than the page is set in
 * a smaller size, a table longer than the page goes on over the next with its header repeated.
 */
export function packPdf(p: PackPdfInput): Promise<Buffer> {
  const { t, locale } = p;
  const title = t('insights.pack.title', { year: p.year });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, compress: p.compress ?? true, lang: locale, displayTitle: true, info: { Title: title, Author: p.organisation } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;

  doc.font('Helvetica').fontSize(10).fillColor('#444').text(winAnsi(p.organisation), { width });
  doc.font('Helvetica-Bold').fontSize(20).fillColor('#000').text(winAnsi(title), { width });
  doc
    .font('Helvetica')
    .fontSize(11)
    .text(winAnsi(t('insights.pack.lead', { unit: p.unitName, from: formatDate(locale, `${p.from}T12:00:00Z`), to: formatDate(locale, `${p.to}T12:00:00Z`) })), { width });
  doc.fontSize(10).fillColor('#444').text(winAnsi(t('insights.pack.printed', { date: formatDate(locale, p.now) })), { width });

  for (const f of p.figures) {
    doc.moveDown(1.2);
    if (doc.y > bottom() - 80) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(14).fillColor('#000').text(winAnsi(t(figureTitle[f.figure])), { width });
    doc.font('Helvetica').fontSize(9.5).fillColor('#444').text(winAnsi(t(figureLead[f.figure])), { width });
    doc.moveDown(0.4);
    if (f.rows.length === 0) {
      doc.font('Helvetica').fontSize(10).fillColor('#000').text(winAnsi(t('insights.empty')), { width });
      continue;
    }
    const size = f.columns.length > 7 ? 7.5 : f.columns.length > 5 ? 8.5 : 9.5;
    const first = Math.min(width * 0.34, 150);
    const rest = (width - first) / Math.max(1, f.columns.length - 1);
    const colX = f.columns.map((_, i) => (i === 0 ? MARGIN : MARGIN + first + (i - 1) * rest));
    const colW = f.columns.map((_, i) => (i === 0 ? first : rest) - 4);
    const line = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size).fillColor('#000');
      const h = Math.max(...cells.map((c, i) => doc.heightOfString(winAnsi(c), { width: colW[i] })));
      if (doc.y + h > bottom()) {
        doc.addPage();
        if (!bold) line(header, true);
      }
      const y = doc.y;
      cells.forEach((c, i) => doc.text(winAnsi(c), colX[i], y, { width: colW[i], align: i === 0 ? 'left' : 'right' }));
      doc.x = MARGIN;
      doc.y = y + h + 2;
    };
    const header = f.columns.map((c) => c.label);
    line(header, true);
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).strokeColor('#888').lineWidth(0.5).stroke();
    doc.y += 2;
    for (const r of f.rows) line(f.columns.map((c) => cellText(locale, c, r[c.key] ?? null, f.currency)), false);
  }
  doc.end();
  return done;
}
