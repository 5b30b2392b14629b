import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AssemblySummary } from '../queries.js';
import { assemblyKindLabel, assemblyStatusLabel } from '../labels.js';

/** The assemblies to come that the reader may see; staff call new ones from here. */
export function AssemblyListPage({ view, items, mayCreate }: { view: View; items: AssemblySummary[]; mayCreate: boolean }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('assembly_page.list_title')}>
      <PageHeader title={t('assembly_page.list_title')} lead={t('assembly_page.list_lead')}>
        {mayCreate ? (
          <a href="/assemblies/new" class="button" safe>
            {t('assembly_page.create')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {items.length === 0 ? (
        <EmptyState title={t('assembly_page.list_empty')} />
      ) : (
        <ul class="card-list">
          {items.map((a) => (
            <li class="card">
              <h2>
                <a href={`/assemblies/${a.id}`} safe>
                  {a.title}
                </a>
              </h2>
              <p>
                <span safe>{formatDateTime(view.locale, a.startsAt, a.timeZone)}</span>
                {a.place ? <span safe>{` · ${a.place}`}</span> : ''}
                <span safe>{` · ${a.unitName} · ${t(assemblyKindLabel[a.kind])}`}</span>
              </p>
              <Badge kind={a.status === 'in_session' ? 'success' : a.status === 'draft' ? 'neutral' : 'info'}>
                <span safe>{t(assemblyStatusLabel[a.status])}</span>
              </Badge>
              {a.onRoll ? (
                <>
                  {' '}
                  <Badge kind="success">
                    <span safe>{t('assembly_page.on_roll')}</span>
                  </Badge>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/assemblies/archive" safe>
          {t('assembly_page.to_archive')}
        </a>
      </p>
    </Layout>
  );
}
