import { ErrorSummary, PageHeader, SelectField, TextField } from '../../../platform/html/components.js';
import { Layout } from '../../../platform/html/layout.js';
import type { View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import type { FigureTable } from '../figures.js';
import type { FigureName } from '../schema.js';
import { FigureSection, figureTitle } from './figure-section.js';

export interface DashboardFilter {
  unit: string;
  from: string;
  to: string;
  grain: string;
}

export interface DashboardProps {
  view: View;
  units: { id: string; name: string; depth: number }[];
  /** Every unit the reader sees (no unit chosen) may be offered as "all my units". */
  allLabel: string;
  filter: DashboardFilter;
  errors: FieldError[];
  figures: FigureTable[];
  /** The query string of the filter in force, for the CSV links and the board pack (`?unit=…`). */
  query: string;
  packYear: number;
}

/**
 * The board's and the office's dashboard: a filter (unit, first and last day, cohorts by year or by
 * month) that is a plain GET form, then every figure as a chart with its table and its CSV. A range
 * the reader may not ask for shows the form with the errors and no figures at all.
 */
export function DashboardPage(props: DashboardProps): JSX.Element {
  const { view, filter, errors } = props;
  const { t } = view;
  const unitOptions = props.units.map((u) => ({ value: u.id, label: `${'\u00a0\u00a0'.repeat(u.depth)}${u.name}` }));
  return (
    <Layout view={view} title={t('insights.title')}>
      <PageHeader title={t('insights.title')} lead={t('insights.lead')} />
      <ErrorSummary view={view} errors={errors} />
      <form method="get" action="/insights" class="card insight-filter" aria-label={t('insights.filter')}>
        <div class="insight-filter-fields">
          <SelectField name="unit" label={t('insights.unit')} value={filter.unit} options={unitOptions} emptyLabel={props.allLabel} errors={errors} />
          <TextField name="from" type="date" label={t('insights.from')} value={filter.from} errors={errors} />
          <TextField name="to" type="date" label={t('insights.to')} value={filter.to} errors={errors} />
          <SelectField
            name="grain"
            label={t('insights.grain')}
            value={filter.grain}
            options={[
              { value: 'year', label: t('insights.grain_year') },
              { value: 'month', label: t('insights.grain_month') },
            ]}
            errors={errors}
          />
        </div>
        <button type="submit" class="button" safe>
          {t('insights.show')}
        </button>
      </form>
      {props.figures.length > 0 ? (
        <>
          <nav class="insight-contents" aria-label={t('insights.contents')}>
            <ul>
              {props.figures.map((f) => (
                <li>
                  <a href={`#${f.figure}`} safe>
                    {t(figureTitle[f.figure as FigureName])}
                  </a>
                </li>
              ))}
              <li>
                <a href={`/insights/pack?year=${props.packYear}${filter.unit ? `&unit=${encodeURIComponent(filter.unit)}` : ''}`} safe>
                  {t('insights.pack.link', { year: props.packYear })}
                </a>
              </li>
            </ul>
          </nav>
          {props.figures.map((f) => (
            <FigureSection view={view} table={f} csvHref={`/insights/${f.figure}.csv${props.query}`} />
          ))}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
