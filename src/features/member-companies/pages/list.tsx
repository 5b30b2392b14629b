import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, ErrorSummary, PageHeader, Pagination, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { countries, countryLabel, type CompanyFilter, type CompanySummary } from '../schema.js';

export function filterQuery(filter: Partial<CompanyFilter>, page?: number): string {
  const q = new URLSearchParams();
  if (filter.q) q.set('q', filter.q);
  if (filter.country) q.set('country', filter.country);
  if (page && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/member-companies?${s}` : '/member-companies';
}

/** "12 34 56 78" and "556036-0793": the numbers as people read them. */
export function formatCompanyNumber(c: { cvr: string | null; orgNumber: string | null }): string {
  if (c.cvr) return c.cvr.replace(/^(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1 $2 $3 $4');
  if (c.orgNumber) return c.orgNumber.replace(/^(\d{6})(\d{4})$/, '$1-$2');
  return '–';
}

export function CompanyListPage({ view, data, filter, form, canCreate }: { view: View; data: { items: CompanySummary[]; total: number; page: number; pageSize: number }; filter: Partial<CompanyFilter>; form: FormState; canCreate: boolean }): JSX.Element {
  const { t, locale } = view;
  const v = { ...filter, ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('companies.title')}>
      <PageHeader title={t('companies.title')} lead={t('companies.lead')}>
        {canCreate ? (
          <a href="/member-companies/new" class="button" safe>
            {t('companies.new')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="get" action="/member-companies" class="filters card" role="search" aria-label={t('companies.filter')}>
        <TextField name="q" type="search" label={t('companies.search')} hint={t('companies.search_hint')} value={v.q} errors={form.errors} />
        <SelectField name="country" label={t('fields.country')} value={v.country} errors={form.errors} emptyLabel={t('companies.any')} options={countries.map((c) => ({ value: c, label: t(countryLabel[c]) }))} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/member-companies" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <p class="result-count" role="status" safe>
        {t('companies.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={t('companies.empty_title')} text={t('companies.empty_text')} />
      ) : (
        <div class="table-wrap" role="region" aria-label={t('companies.title')} tabindex="0">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('companies.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('fields.name')}</th>
                <th scope="col" safe>{t('companies.number')}</th>
                <th scope="col" safe>{t('fields.city')}</th>
                <th scope="col" safe>{t('fields.unitId')}</th>
                <th scope="col" class="numeric" safe>{t('companies.contacts')}</th>
                <th scope="col" class="numeric" safe>{t('companies.workplaces')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/member-companies/${c.id}`} safe>
                      {c.name}
                    </a>
                  </th>
                  <td class="mono nowrap">
                    <span safe>{formatCompanyNumber(c)}</span> <span class="muted">{c.country}</span>
                  </td>
                  <td safe>{c.city ?? ''}</td>
                  <td safe>{c.unitName ?? ''}</td>
                  <td class="numeric" safe>{formatNumber(locale, c.contacts)}</td>
                  <td class="numeric" safe>{formatNumber(locale, c.workplaces)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={data.page} pageCount={Math.ceil(data.total / data.pageSize)} hrefFor={(p) => filterQuery(filter, p)} />
    </Layout>
  );
}
