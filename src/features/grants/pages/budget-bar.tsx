import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { PoolFigures } from '../access.js';
import { money } from '../mails.js';
import type { Currency } from '../tables.js';

/** A part of the budget as a share of it, 0–100, for the bar's widths and the table's percentages. */
const share = (part: number, whole: number): number => (whole > 0 ? Math.min(100, Math.max(0, (part / whole) * 100)) : 0);
/** SVG lengths as percentages of the bar, rounded so the markup stays short and stable. */
const pct = (n: number): string => `${Math.round(n * 100) / 100}%`;

type Part = 'paid' | 'unpaid' | 'left';

/** A part's swatch: the same shape and class (and, for what is granted but not paid, the same hatching) as in the bar. */
function Swatch({ part, id }: { part: Part; id: string }): JSX.Element {
  return (
    <svg class="grant-swatch" width="14" height="14" aria-hidden="true" focusable="false">
      <rect class={`grant-bar-${part}`} x="0" y="0" width="14" height="14" rx="2" fill={part === 'unpaid' ? `url(#${id}-hatch)` : undefined} />
    </svg>
  );
}

/**
 * The pool's budget at a glance: one bar of the whole budget, split into what is paid out, what is
 * granted but not yet paid, and what is left, with the same figures in a table beside it (the house
 * rule for charts: the SVG is named by a one-line summary for screen readers; the table is the data).
 * What is granted but not paid is hatched as well as coloured, so the parts differ without colour.
 * The SVG carries classes and presentation attributes only: the CSP forbids inline styles.
 * `id` keeps the pattern and the clip path apart when a page shows more than one bar.
 */
export function BudgetBar({ view, figures, currency, id = 'budget' }: { view: View; figures: PoolFigures; currency: Currency; id?: string }): JSX.Element {
  const { t, locale } = view;
  const m = (minor: number) => money(locale, minor, currency);
  const paid = Math.min(figures.paidOut, figures.granted);
  const unpaid = Math.max(0, figures.granted - paid);
  const left = Math.max(0, figures.left);
  const paidWidth = share(paid, figures.budget);
  const unpaidWidth = Math.min(share(unpaid, figures.budget), 100 - paidWidth);
  const summary = t('grant_page.budget.summary', { budget: m(figures.budget), granted: m(figures.granted), paid: m(paid), left: m(left) });
  const percent = (minor: number) => t('grant_page.budget.percent', { value: formatNumber(locale, Math.round(share(minor, figures.budget))) });
  const rows: { key: string; label: string; amount: number; part?: Part; sub?: boolean }[] = [
    { key: 'budget', label: t('grant_page.budget.budget'), amount: figures.budget },
    { key: 'granted', label: t('grant_page.budget.granted'), amount: figures.granted },
    { key: 'paid', label: t('grant_page.budget.paid'), amount: paid, part: 'paid', sub: true },
    { key: 'unpaid', label: t('grant_page.budget.unpaid'), amount: unpaid, part: 'unpaid', sub: true },
    { key: 'left', label: t('grant_page.budget.left'), amount: left, part: 'left' },
  ];
  return (
    <div class="grant-budget">
      <svg class="grant-bar" width="100%" height="36" role="img" aria-label={summary} focusable="false">
        <title safe>{summary}</title>
        <defs>
          <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect class="grant-bar-unpaid-ground" x="0" y="0" width="8" height="8" />
            <rect class="grant-bar-unpaid-stripe" x="0" y="0" width="4" height="8" />
          </pattern>
          <clipPath id={`${id}-clip`}>
            <rect x="0" y="0" width="100%" height="36" rx="6" />
          </clipPath>
        </defs>
        <g clip-path={`url(#${id}-clip)`}>
          <rect class="grant-bar-left" x="0" y="0" width="100%" height="36" />
          {paidWidth > 0 ? <rect class="grant-bar-paid" x="0" y="0" width={pct(paidWidth)} height="36" /> : ''}
          {unpaidWidth > 0 ? <rect class="grant-bar-unpaid" x={pct(paidWidth)} y="0" width={pct(unpaidWidth)} height="36" fill={`url(#${id}-hatch)`} /> : ''}
        </g>
        <rect class="grant-bar-frame" x="1" y="1" width="99.8%" height="34" rx="6" />
      </svg>
      {figures.budget === 0 ? (
        <p class="muted" safe>
          {t('grant_page.budget.no_budget')}
        </p>
      ) : (
        ''
      )}
      <div class="grant-budget-figures">
        <table class="table grant-budget-table">
          <caption class="visually-hidden" safe>
            {t('grant_page.budget.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>
                {t('grant_page.budget.col_figure')}
              </th>
              <th scope="col" class="numeric" safe>
                {t('grant_page.budget.col_amount')}
              </th>
              <th scope="col" class="numeric" safe>
                {t('grant_page.budget.col_share')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr data-figure={r.key}>
                <th scope="row" class={r.sub ? 'grant-budget-sub' : undefined}>
                  {r.part ? <Swatch part={r.part} id={id} /> : ''}
                  <span safe>{r.label}</span>
                </th>
                <td class="numeric nowrap" safe>
                  {m(r.amount)}
                </td>
                <td class="numeric nowrap" safe>
                  {percent(r.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
