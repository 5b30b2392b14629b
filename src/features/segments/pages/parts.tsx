import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { SegmentPreviewRow } from '../audience.js';

/** "Modtagere: 1.234" — or why there is no number (a field to fix). */
export function LiveCount({ view, count, problem }: { view: View; count: number | null; problem?: string | null }): JSX.Element {
  const { t, locale } = view;
  if (problem) return <p class="field-error" safe>{problem}</p>;
  if (count === null) return <p class="muted" safe>{t('segments.count_hint')}</p>;
  return (
    <p class="segment-count">
      <strong safe>{t('segments.recipients')}</strong>
      {': '}
      <span safe>{formatNumber(locale, count)}</span>
    </p>
  );
}

/** The first recipients in name order: who the mail would go to. */
export function PreviewTable({ view, rows, count }: { view: View; rows: SegmentPreviewRow[]; count: number }): JSX.Element {
  const { t, locale } = view;
  if (rows.length === 0) return <p class="muted" safe>{t('segments.no_recipients')}</p>;
  const caption = t('segments.preview_caption', { shown: formatNumber(locale, rows.length), count: formatNumber(locale, count) });
  // The caption stands above the scrolling table, so a phone shows it whole.
  return (
    <>
      <p class="result-count" id="segment-preview-title" safe>
        {caption}
      </p>
      <div class="table-wrap" role="region" aria-labelledby="segment-preview-title" tabindex="0">
        <table class="table">
          <caption class="visually-hidden" safe>
            {caption}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('segments.columns.name')}</th>
              <th scope="col" safe>{t('segments.columns.member_number')}</th>
              <th scope="col" safe>{t('segments.columns.email')}</th>
              <th scope="col" safe>{t('segments.columns.unit')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/members/${r.personId}`} safe>
                    {`${r.firstName} ${r.lastName}`}
                  </a>
                </th>
                <td class="nowrap" safe>{r.memberNumber ?? ''}</td>
                <td class="member-email" safe>{r.email ?? t('segments.no_email')}</td>
                <td safe>{r.unitName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
