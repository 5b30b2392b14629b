import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { NetworkSummary } from '../networks.js';
import { joinPolicyLabel, networkKindLabel, networkVisibilityLabel } from '../labels.js';
import { joinPolicies, networkKinds, networkVisibilities } from '../tables.js';
import { Crumbs, JoinControls, NetworkTags, StandingBadge, type OwnCompany } from './parts.js';

export interface NetworkListProps {
  view: View;
  networks: NetworkSummary[];
  /** Unread posts per network the reader is in. */
  unread: Map<string, number>;
  q: string;
  mayCreate: boolean;
  companies: OwnCompany[];
}

function Mine({ view, networks, unread }: { view: View; networks: NetworkSummary[]; unread: Map<string, number> }): JSX.Element {
  const { t, locale } = view;
  const col = { unit: t('networks.list.col_unit'), unread: t('networks.list.col_unread'), activity: t('networks.list.col_activity') };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('networks.list.mine')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('networks.list.col_network')}
            </th>
            <th scope="col" safe>
              {col.unit}
            </th>
            <th scope="col" class="numeric" safe>
              {col.unread}
            </th>
            <th scope="col" safe>
              {col.activity}
            </th>
          </tr>
        </thead>
        <tbody>
          {networks.map((n) => {
            const count = unread.get(n.id) ?? 0;
            return (
              <tr>
                <th scope="row">
                  <a href={`/networks/${n.id}`} safe>
                    {n.name}
                  </a>{' '}
                  <NetworkTags view={view} network={n} />
                </th>
                <td data-label={col.unit} safe>
                  {n.unitName}
                </td>
                <td data-label={col.unread} class="numeric">
                  {count > 0 ? (
                    <Badge kind="info">
                      <span safe>{t('networks.list.unread', { count })}</span>
                    </Badge>
                  ) : (
                    <span class="muted" safe>
                      {t('networks.list.none_unread')}
                    </span>
                  )}
                </td>
                <td data-label={col.activity} safe>
                  {n.lastPostAt ? formatDateTime(locale, n.lastPostAt) : t('networks.list.no_activity')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The networks the reader may see: their own first (unread posts, last activity), then the others
 * (listed ones, those they are invited to or asked to join, and for staff their units'), each with
 * what the reader may do about joining it. A search box narrows both by name and description.
 */
export function NetworkListPage({ view, networks, unread, q, mayCreate, companies }: NetworkListProps): JSX.Element {
  const { t } = view;
  const mine = networks.filter((n) => n.standing?.status === 'active');
  const others = networks.filter((n) => n.standing?.status !== 'active');
  return (
    <Layout view={view} title={t('networks.list.title')}>
      <PageHeader title={t('networks.list.title')} lead={t('networks.list.lead')}>
        {mayCreate ? (
          <a class="button" href="/networks/new" safe>
            {t('networks.list.create')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <form method="get" action="/networks" class="search-form" role="search">
        <label for="network-q" safe>
          {t('networks.list.search_label')}
        </label>
        <input id="network-q" type="search" name="q" value={q} />
        <button type="submit" class="button button-secondary" safe>
          {t('networks.list.search')}
        </button>
      </form>
      <section aria-labelledby="networks-mine">
        <h2 id="networks-mine" safe>
          {t('networks.list.mine')}
        </h2>
        {mine.length === 0 ? <EmptyState title={t('networks.list.empty_mine')} /> : <Mine view={view} networks={mine} unread={unread} />}
      </section>
      <section aria-labelledby="networks-others">
        <h2 id="networks-others" safe>
          {t('networks.list.others')}
        </h2>
        {others.length === 0 ? (
          <EmptyState title={q ? t('networks.list.no_match') : t('networks.list.empty_others')} />
        ) : (
          <ul class="card-list">
            {others.map((n) => (
              <li class="card">
                <h3>
                  <a href={`/networks/${n.id}`} safe>
                    {n.name}
                  </a>
                </h3>
                <p>
                  <NetworkTags view={view} network={n} /> <StandingBadge view={view} network={n} />
                </p>
                <p class="hint" safe>
                  {n.unitName}
                </p>
                {n.description ? <p safe>{n.description}</p> : ''}
                <JoinControls view={view} network={n} companies={companies} idPrefix={`join-${n.id}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** Staff make a network of a unit they are staff of; they become its first coordinator. */
export function NewNetworkPage({ view, form, units }: { view: View; form: FormState; units: { id: string; name: string }[] }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  return (
    <Layout view={view} title={t('networks.new.title')}>
      <Crumbs view={view} />
      <div class="card narrow">
        <h1 safe>{t('networks.new.title')}</h1>
        <p class="lead" safe>
          {t('networks.new.lead')}
        </p>
        <ErrorSummary view={view} errors={e} />
        <form method="post" action="/networks" novalidate>
          <Csrf view={view} />
          <SelectField name="unitId" label={t('fields.unitId')} required value={v.unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} emptyLabel={units.length === 1 ? undefined : t('networks.new.choose')} errors={e} />
          <TextField name="name" label={t('networks.new.name')} required value={v.name} errors={e} />
          <TextArea name="description" label={t('networks.new.description')} value={v.description} rows={4} errors={e} />
          <SelectField name="kind" label={t('networks.new.kind')} hint={t('networks.new.kind_hint')} value={v.kind} options={networkKinds.map((k) => ({ value: k, label: t(networkKindLabel[k]) }))} errors={e} />
          <SelectField name="visibility" label={t('networks.new.visibility')} hint={t('networks.new.visibility_hint')} value={v.visibility} options={networkVisibilities.map((k) => ({ value: k, label: t(networkVisibilityLabel[k]) }))} errors={e} />
          <SelectField name="joinPolicy" label={t('networks.new.join_policy')} value={v.joinPolicy} options={joinPolicies.map((k) => ({ value: k, label: t(joinPolicyLabel[k]) }))} errors={e} />
          <p>
            <button type="submit" class="button" safe>
              {t('networks.new.submit')}
            </button>
          </p>
        </form>
      </div>
    </Layout>
  );
}
