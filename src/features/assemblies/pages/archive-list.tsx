import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { assemblyKindLabel, assemblyStatusLabel } from '../labels.js';
import type { ArchiveEntry } from '../minutes-archive.js';

function Decisions({ view, e }: { view: View; e: ArchiveEntry }): JSX.Element {
  const { t } = view;
  const d = e.decisions;
  if (!d) return '';
  if (d.adopted.length === 0 && d.elected.length === 0) {
    return (
      <p class="hint" safe>
        {t('archive.no_decisions')}
      </p>
    );
  }
  return (
    <>
      {d.adopted.length > 0 ? (
        <>
          <h3 safe>{t('archive.adopted')}</h3>
          <ul>
            {d.adopted.map((m) => (
              <li safe>{t('minutes.motion', { number: m.number, title: m.title })}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {d.elected.length > 0 ? (
        <>
          <h3 safe>{t('archive.elected')}</h3>
          <ul>
            {d.elected.map((x) => (
              <li safe>{`${x.name} (${x.seatKind === 'member' ? t('minutes.election.member') : t('minutes.election.substitute')}; ${x.election})`}</li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * Past assemblies the reader may see, newest first: the date, the unit, links to the minutes (page
 * and PDF) and the decisions — the adopted motions and the elected. Public minutes are listed for
 * anyone, logged in or not.
 */
export function ArchivePage({ view, entries }: { view: View; entries: ArchiveEntry[] }): JSX.Element {
  const { t, locale } = view;
  const anonymous = view.actor.kind === 'anonymous';
  return (
    <Layout view={view} title={t('archive.title')}>
      {anonymous ? (
        ''
      ) : (
        <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
          <a href="/assemblies" safe>
            {t('assembly_page.list_title')}
          </a>
        </nav>
      )}
      <PageHeader title={t('archive.title')} lead={anonymous ? t('archive.lead_public') : t('archive.lead')} />
      {entries.length === 0 ? (
        <EmptyState title={t('archive.empty')} />
      ) : (
        <ul class="card-list">
          {entries.map((e) => (
            <li class="card">
              <h2>
                {e.mayView ? (
                  <a href={`/assemblies/${e.id}`} safe>
                    {e.title}
                  </a>
                ) : (
                  <span safe>{e.title}</span>
                )}
              </h2>
              <p safe>{`${formatDate(locale, e.startsAt, e.timeZone)} · ${e.unitName} · ${t(assemblyKindLabel[e.kind])}`}</p>
              <p>
                <Badge kind={e.status === 'minutes_published' ? 'success' : 'info'}>
                  <span safe>{t(assemblyStatusLabel[e.status])}</span>
                </Badge>
              </p>
              {e.mayReadMinutes ? (
                <ul class="link-list">
                  <li>
                    <a href={`/assemblies/${e.id}/minutes`}>
                      <span safe>{e.minutesPublishedAt ? t('archive.minutes') : t('archive.minutes_draft')}</span>
                      <span class="visually-hidden" safe>{` ${t('archive.minutes_of', { title: e.title })}`}</span>
                    </a>
                  </li>
                  <li>
                    <a href={`/assemblies/${e.id}/minutes.pdf`}>
                      <span safe>{t('archive.pdf')}</span>
                      <span class="visually-hidden" safe>{` ${t('archive.pdf_of', { title: e.title })}`}</span>
                    </a>
                  </li>
                </ul>
              ) : (
                <p class="hint" safe>
                  {t('archive.minutes_pending')}
                </p>
              )}
              <Decisions view={view} e={e} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
