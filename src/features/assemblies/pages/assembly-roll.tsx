import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { AssemblyView } from '../queries.js';
import type { RollEntry } from '../roll.js';

/** The electoral roll as it was frozen, with who is in the hall (staff and board of the unit). */
export function AssemblyRollPage({ view, a, roll }: { view: View; a: AssemblyView; roll: RollEntry[] }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('assembly_page.roll_title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>
      </nav>
      <PageHeader title={t('assembly_page.roll_title')} lead={t('assembly_page.roll_lead', { cutoff: formatDate(view.locale, `${a.rollCutoffOn}T12:00:00Z`, a.timeZone), n: roll.length })} />
      {roll.length === 0 ? (
        <EmptyState title={t('assembly_page.roll_not_taken')} />
      ) : (
        <table class="table table-cards">
          <caption class="visually-hidden" safe>
            {t('assembly_page.roll_title')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('fields.name')}</th>
              <th scope="col" safe>{t('fields.memberNumber')}</th>
              <th scope="col" safe>{t('assembly_page.present')}</th>
            </tr>
          </thead>
          <tbody>
            {roll.map((r) => (
              <tr>
                <td data-label={t('fields.name')} safe>{r.name}</td>
                <td data-label={t('fields.memberNumber')} safe>{r.memberNumber ?? '–'}</td>
                <td data-label={t('assembly_page.present')} safe>{r.present ? t('assembly_page.yes') : t('assembly_page.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
