import { PrintLayout } from '../../../platform/html/layout.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { FigureTable } from '../figures.js';
import { FigureSection } from './figure-section.js';

export interface PackProps {
  view: View;
  year: number;
  unitName: string;
  from: string;
  to: string;
  figures: FigureTable[];
  now: Date;
  pdfHref: string;
}

/**
 * The board pack: a year's figures on one printable page of its own, without the site's menu or
 * forms, for the annual report item of the general assembly. Every figure has its chart and its
 * table, so the paper carries the numbers; the PDF has the same tables.
 */
export function PackPage({ view, year, unitName, from, to, figures, now, pdfHref }: PackProps): JSX.Element {
  const { t, locale, org } = view;
  const title = t('insights.pack.title', { year });
  return (
    <PrintLayout view={view} title={title} bodyClass="insight-pack">
      <header class="insight-pack-header">
        <p class="insight-pack-org" safe>
          {org.name}
        </p>
        <h1 safe>{title}</h1>
        <p class="lead" safe>
          {t('insights.pack.lead', { unit: unitName, from: formatDate(locale, `${from}T12:00:00Z`), to: formatDate(locale, `${to}T12:00:00Z`) })}
        </p>
        <p class="muted" safe>
          {t('insights.pack.printed', { date: formatDate(locale, now) })}
        </p>
        <p class="no-print">
          <a href={pdfHref} safe>
            {t('insights.pack.pdf')}
          </a>
        </p>
      </header>
      {figures.map((f) => (
        <FigureSection view={view} table={f} print />
      ))}
    </PrintLayout>
  );
}
