import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader, Pagination, SelectField, TextField } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import { roleKindLabel } from '../../../kernel/labels.js';
import { membershipStatusLabel, sortKeyLabel, sortOrderLabel } from '../labels.js';
import type { MemberPage } from '../queries.js';
import { filterRoles, sortKeys, type MemberListFilter } from '../schema.js';
import { membershipStatuses } from '../tables.js';
import { day, StatusBadge } from './shared.js';

export interface ListOptions {
  units: { id: string; name: string; depth: number }[];
  types: { id: string; name: string }[];
  workplaces: { id: string; name: string }[];
}

/** The list's query string without the page, for page links and the export of the same list. */
export function filterQuery(f: MemberListFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of ['q', 'unit', 'status', 'type', 'role', 'workplace'] as const) if (f[k]) q.set(k, String(f[k]));
  if (f.sort !== 'name') q.set('sort', f.sort);
  if (f.order !== 'asc') q.set('order', f.order);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export function MemberListPage({
  view,
  filter,
  data,
  options,
  canCreate,
  canExport,
  canImport,
}: {
  view: View;
  filter: MemberListFilter;
  data: MemberPage;
  options: ListOptions;
  canCreate: boolean;
  canExport: boolean;
  canImport: boolean;
}): JSX.Element {
  const { t, locale } = view;
  const sorted = (key: (typeof sortKeys)[number]) => (filter.sort === key ? (filter.order === 'desc' ? 'descending' : 'ascending') : undefined);
  const pageCount = Math.max(1, Math.ceil(data.total / data.pageSize));
  const base = filterQuery(filter);
  // One text per column, for its header and for the cells' labels when the table turns into cards on a phone.
  const col = { number: t('fields.memberNumber'), status: t('fields.status'), type: t('fields.typeId'), unit: t('members.unit'), joined: t('fields.joinedOn'), email: t('fields.email') };
  return (
    <Layout view={view} title={t('members.title')}>
      <PageHeader title={t('members.title')} lead={t('members.lead')}>
        {canCreate ? (
          <a href="/members/new" class="button" safe>
            {t('members.new')}
          </a>
        ) : (
          ''
        )}
        {canImport ? (
          <a href="/members/import" class="button button-secondary" safe>
            {t('import.nav')}
          </a>
        ) : (
          ''
        )}
        {canExport ? (
          <a href={`/members/export.csv${base ? `?${base}` : ''}`} class="button button-secondary" download="" safe>
            {t('members.export')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <form method="get" action="/members" class="filters card" role="search" aria-label={t('members.filter_label')}>
        <TextField name="q" type="search" label={t('members.search')} hint={t('members.search_hint')} value={filter.q} />
        <SelectField
          name="unit"
          label={t('members.unit')}
          value={filter.unit}
          emptyLabel={t('members.any')}
          options={options.units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))}
        />
        <SelectField name="status" label={t('fields.status')} value={filter.status} emptyLabel={t('members.any')} options={membershipStatuses.map((s) => ({ value: s, label: t(membershipStatusLabel[s]) }))} />
        <SelectField name="type" label={t('fields.typeId')} value={filter.type} emptyLabel={t('members.any')} options={options.types.map((ty) => ({ value: ty.id, label: ty.name }))} />
        <SelectField name="role" label={t('members.role')} value={filter.role} emptyLabel={t('members.any')} options={filterRoles.map((r) => ({ value: r, label: t(roleKindLabel[r]) }))} />
        <SelectField name="workplace" label={t('members.workplace')} value={filter.workplace} emptyLabel={t('members.any')} options={options.workplaces.map((w) => ({ value: w.id, label: w.name }))} />
        <SelectField name="sort" label={t('members.sort')} value={filter.sort} options={sortKeys.map((s) => ({ value: s, label: t(sortKeyLabel[s]) }))} />
        <SelectField name="order" label={t('members.order')} value={filter.order} options={(['asc', 'desc'] as const).map((o) => ({ value: o, label: t(sortOrderLabel[o]) }))} />
        <div class="filter-actions">
          <button type="submit" class="button" safe>
            {t('form.filter')}
          </button>
          <a href="/members" class="button button-secondary" safe>
            {t('form.reset')}
          </a>
        </div>
      </form>
      <p class="result-count" role="status" safe>
        {t('members.count', { count: data.total, formatted: formatNumber(locale, data.total) })}
      </p>
      {data.items.length === 0 ? (
        <EmptyState title={t('members.empty_title')} text={t('members.empty_text')} />
      ) : (
        <div class="table-wrap" role="region" aria-label={t('members.title')} tabindex="0">
          <table class="table table-cards">
            <caption class="visually-hidden" safe>
              {t('members.caption', { page: data.page, count: pageCount })}
            </caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={sorted('name')} safe>
                  {t('members.col.name')}
                </th>
                <th scope="col" aria-sort={sorted('number')} safe>
                  {col.number}
                </th>
                <th scope="col" safe>
                  {col.status}
                </th>
                <th scope="col" safe>
                  {col.type}
                </th>
                <th scope="col" safe>
                  {col.unit}
                </th>
                <th scope="col" aria-sort={sorted('joined')} safe>
                  {col.joined}
                </th>
                <th scope="col" safe>
                  {col.email}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((m) => (
                <tr>
                  <th scope="row" class="member-name">
                    <a href={`/members/${m.id}`} safe>
                      {`${m.lastName}, ${m.firstName}`}
                    </a>
                  </th>
                  <td class="mono" data-label={col.number} safe>
                    {m.memberNumber}
                  </td>
                  <td data-label={col.status}>
                    <StatusBadge view={view} status={m.status} />
                  </td>
                  <td data-label={col.type} safe>
                    {m.typeName}
                  </td>
                  <td data-label={col.unit} safe>
                    {m.unitName}
                  </td>
                  <td class="nowrap" data-label={col.joined} safe>
                    {day(view, m.joinedOn)}
                  </td>
                  <td class="member-email" data-label={col.email} safe>
                    {m.email ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination view={view} page={data.page} pageCount={pageCount} hrefFor={(p) => `/members?${filterQuery(filter, { page: String(p) })}`} />
    </Layout>
  );
}
