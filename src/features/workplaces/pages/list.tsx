import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, ErrorSummary, PageHeader, Pagination, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { Unit } from '../../../kernel/units.js';
import { employerKinds } from '../../../kernel/tables.js';
import { employerKindLabel } from '../../../kernel/labels.js';
import { vacancyLabel } from '../labels.js';
import { vacancies, type WorkplaceFilter } from '../schema.js';
import type { WorkplacePage } from '../list.js';
import { formatRate } from './parts.js';

export function filterQuery(filter: Partial<WorkplaceFilter>, page?: number): string {
  const q = new URLSearchParams();
  for (const key of ['q', 'unit', 'employerKind', 'vacancy'] as const) if (filter[key]) q.set(key, String(filter[key]));
  if (page && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/workplaces?${s}` : '/workplaces';
}

export function InOffice({ view, yes }: { view: View; yes: boolean }): JSX.Element {
  return yes ? (
    <Badge kind="success">
      <span safe>{view.t('workplaces.in_office')}</span>
    </Badge>
  ) : (
    <Badge kind="warning">
      <span safe>{view.t('workplaces.vacant')}</span>
    </Badge>
  );
}

export function WorkplaceListPage({ view, data, filter, form, units, canCreate }: { view: View; data: WorkplacePage; filter: Partial<WorkplaceFilter>; form: FormState; units: Unit[]; canCreate: boolean }): JSX.Element {
  const { t, locale } = view;
  const v = { ...filter, ...form.values } as Record<string, unknown>;
  const pageCount = Math.ceil(data.total / data.pageSize);
  return (
    <Layout view={view} title={t('workplaces.title')}>
      <PageHeader title={t('workplaces.title')} lead={t('workplaces.lead')}>
        {canCreate ? (
          <a href="/workplaces/new" class="button" safe>
            {t('workplaces.new')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/workplaces" class="filters card" role="search" aria-label={t('workplaces.filter')}>
        <TextField name="q" type="search" label={t('workplaces.search')} hint={t('workplaces.search_hint')} value={v.q} errors={form.errors} />
        {units.length > 0 ? (
          <SelectField name="unit" label={t('fields.unitId')} value={v.unit} errors={form.errors} emptyLabel={t('workplaces.any')} options={units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))} />
        ) : (
          ''
        )}
        <SelectField name="employerKind" label={t('fields.employerKind')} value={v.employerKind} errors={form.errors} emptyLabel={t('workplaces.any')} options={employerKinds.map((k) => ({ value: k, label: t(employerKindLabel[k]) }))} />
        <SelectField name="vacancy" label={t('workplaces.coverage_filter')} value={v.vacancy} errors={form.errors} emptyLabel={t('workplaces.any')} options={vacancies.map((k) => ({ value: k, label: t(vacancyLabel[k]) }))} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/workplaces" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <p class="result-count" role="status" safe>
        {t('workplaces.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={t('workplaces.empty_title')} text={t('workplaces.empty_text')} />
      ) : (
        <div class="table-wrap" role="region" aria-label={t('workplaces.title')} tabindex="0">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('workplaces.table_caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('fields.name')}</th>
                <th scope="col" safe>{t('fields.unitId')}</th>
                <th scope="col" safe>{t('workplaces.employer')}</th>
                <th scope="col" class="numeric" safe>{t('workplaces.employees')}</th>
                <th scope="col" class="numeric" safe>{t('workplaces.members')}</th>
                <th scope="col" class="numeric" safe>{t('workplaces.organisation_rate')}</th>
                <th scope="col" safe>{t('workplaces.steward')}</th>
                <th scope="col" safe>{t('workplaces.safety_rep')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((w) => (
                <tr>
                  <th scope="row">
                    <a href={`/workplaces/${w.id}`} safe>
                      {w.name}
                    </a>
                    {w.city ? (
                      <span class="muted cell-note" safe>
                        {w.city}
                      </span>
                    ) : (
                      ''
                    )}
                  </th>
                  <td safe>{w.unitName}</td>
                  <td safe>{w.memberCompanyName ?? w.employerName ?? t(employerKindLabel[w.employerKind])}</td>
                  <td class="numeric" safe>{formatNumber(locale, w.employees)}</td>
                  <td class="numeric" safe>{formatNumber(locale, w.members)}</td>
                  <td class="numeric" safe>{formatRate(locale, w.organisationRate)}</td>
                  <td>
                    <InOffice view={view} yes={w.stewardInOffice} />
                  </td>
                  <td>
                    <InOffice view={view} yes={w.safetyRepInOffice} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={data.page} pageCount={pageCount} hrefFor={(p) => filterQuery(filter, p)} />
    </Layout>
  );
}
