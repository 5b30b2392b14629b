import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { listStaff } from '../profiles.js';

type StaffRow = Awaited<ReturnType<typeof listStaff>>[number];

/** Everyone on the staff, whether they have an entry and whether it shows; each links to its form. */
export function DirectoryAdminPage({ view, staff }: { view: View; staff: StaffRow[] }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('directory.manage')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/admin" safe>
          {t('nav.admin')}
        </a>
        <span aria-hidden="true"> / </span>
        <a href="/directory" safe>
          {t('directory.title')}
        </a>
      </nav>
      <PageHeader title={t('directory.manage')} lead={t('directory.manage_lead')} />
      {staff.length === 0 ? (
        <EmptyState title={t('directory.no_staff')} />
      ) : (
        <div class="table-wrap" role="region" aria-label={t('directory.manage')} tabindex="0">
          <table class="table">
            <caption class="visually-hidden" safe>
              {t('directory.manage')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('fields.name')}</th>
                <th scope="col" safe>{t('fields.title')}</th>
                <th scope="col" safe>{t('directory.office')}</th>
                <th scope="col" safe>{t('directory.status')}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr>
                  <th scope="row">
                    <a href={`/admin/directory/${s.personId}`} safe>
                      {`${s.firstName} ${s.lastName}`}
                    </a>
                  </th>
                  <td safe>{s.title ?? ''}</td>
                  <td safe>{s.unitName ?? ''}</td>
                  <td>
                    {s.published === null ? (
                      <Badge kind="neutral">
                        <span safe>{t('directory.no_entry')}</span>
                      </Badge>
                    ) : s.published ? (
                      <Badge kind="success">
                        <span safe>{t('directory.published')}</span>
                      </Badge>
                    ) : (
                      <Badge kind="warning">
                        <span safe>{t('directory.hidden')}</span>
                      </Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
