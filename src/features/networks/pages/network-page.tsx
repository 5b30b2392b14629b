import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, ErrorSummary, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { StaffContact, type DirectoryEntry } from '../../directory/index.js';
import type { NetworkMeetingList } from '../meetings.js';
import type { NetworkView } from '../networks.js';
import type { NotificationMode } from '../tables.js';
import type { ThreadSummary } from '../threads.js';
import { networkKindLabel, networkRoleLabel } from '../labels.js';
import { NotificationChoice } from '../notification-routes.js';
import { MeetingsSection } from './meetings.js';
import { CompetitionNotice, Crumbs, JoinControls, NetworkTags, StandingBadge, type OwnCompany } from './parts.js';

/** What the reader of the inside gets on the page besides the network itself. */
export interface NetworkInside {
  threads: ThreadSummary[];
  meetings: NetworkMeetingList;
  /** Their notification choice (null: an organiser who is not a participant). */
  mode: NotificationMode | null;
  coordinating: boolean;
  mayPost: boolean;
  threadForm: FormState;
  meetingForm: FormState;
}

export interface NetworkPageProps {
  view: View;
  network: NetworkView;
  /** The staff experts' and coordinators' directory entries, where they have one. */
  entries: Map<string, DirectoryEntry>;
  companies: OwnCompany[];
  inside: NetworkInside | null;
}

function Staff({ view, network, entries }: Pick<NetworkPageProps, 'view' | 'network' | 'entries'>): JSX.Element {
  const { t } = view;
  if (network.staff.length === 0) return '';
  return (
    <section aria-labelledby="network-staff">
      <h2 id="network-staff" safe>
        {t('networks.page.staff')}
      </h2>
      <ul class="card-list">
        {network.staff.map((s) => {
          const entry = entries.get(s.personId);
          return (
            <li class="card">
              <p>
                <Badge kind="info">
                  <span safe>{t(networkRoleLabel[s.role])}</span>
                </Badge>
              </p>
              {entry ? (
                <StaffContact view={view} entry={entry} />
              ) : (
                <h3 class="staff-name" safe>
                  {`${s.firstName} ${s.lastName}`}
                </h3>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Threads({ view, threads }: { view: View; threads: ThreadSummary[] }): JSX.Element {
  const { t, locale } = view;
  if (threads.length === 0) return <EmptyState title={t('networks.threads.empty')} />;
  const col = { posts: t('networks.threads.col_posts'), last: t('networks.threads.col_last') };
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('networks.threads.title')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('networks.threads.col_thread')}
            </th>
            <th scope="col" class="numeric" safe>
              {col.posts}
            </th>
            <th scope="col" safe>
              {col.last}
            </th>
          </tr>
        </thead>
        <tbody>
          {threads.map((th) => (
            <tr>
              <th scope="row">
                <a href={`/networks/threads/${th.id}`} safe>
                  {th.title}
                </a>{' '}
                {th.pinned ? (
                  <Badge kind="neutral">
                    <span safe>{t('networks.threads.pinned')}</span>
                  </Badge>
                ) : (
                  ''
                )}{' '}
                {th.locked ? (
                  <Badge kind="warning">
                    <span safe>{t('networks.threads.locked')}</span>
                  </Badge>
                ) : (
                  ''
                )}{' '}
                {th.hidden ? (
                  <Badge kind="danger">
                    <span safe>{t('networks.threads.hidden')}</span>
                  </Badge>
                ) : (
                  ''
                )}{' '}
                {th.expertAnswered ? (
                  <Badge kind="success">
                    <span safe>{t('networks.threads.expert_answered')}</span>
                  </Badge>
                ) : (
                  ''
                )}{' '}
                {th.unread > 0 ? (
                  <Badge kind="info">
                    <span safe>{t('networks.threads.unread', { count: th.unread })}</span>
                  </Badge>
                ) : (
                  ''
                )}
                {th.authorName ? (
                  <span class="cell-note" safe>
                    {t('networks.threads.by', { name: th.authorName })}
                  </span>
                ) : (
                  ''
                )}
              </th>
              <td data-label={col.posts} class="numeric" safe>
                {String(th.postCount)}
              </td>
              <td data-label={col.last} safe>
                {formatDateTime(locale, th.lastPostAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NewThread({ view, networkId, form }: { view: View; networkId: string; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  return (
    <details class="card" id="new-thread" open={form.errors.length > 0}>
      <summary safe>{t('networks.threads.new')}</summary>
      <ErrorSummary view={view} errors={form.errors} />
      <form method="post" action={`/networks/${networkId}/threads`} novalidate>
        <Csrf view={view} />
        <TextField name="title" label={t('networks.threads.title_field')} required value={v.title} errors={form.errors} />
        <TextArea name="body" label={t('networks.threads.body_field')} hint={t('networks.markdown_hint')} required value={v.body} rows={6} errors={form.errors} />
        <button type="submit" class="button" safe>
          {t('networks.threads.start')}
        </button>
      </form>
    </details>
  );
}

/**
 * A network's page. Everyone who sees it reads its name, description, unit and staff, and may join
 * or ask to (or accept an invitation); a network of member companies puts the competition-law notice
 * first. Those inside also get the threads, a new thread, search, the files, the meetings, their
 * notification choice and the way out.
 */
export function NetworkPage({ view, network, entries, companies, inside }: NetworkPageProps): JSX.Element {
  const { t } = view;
  const n = network;
  return (
    <Layout view={view} title={n.name}>
      <Crumbs view={view} />
      {n.kind === 'companies' ? <CompetitionNotice view={view} notice={n.notice} /> : ''}
      <div class="page-header">
        <div>
          <h1 safe>{n.name}</h1>
          <p>
            <NetworkTags view={view} network={n} /> <StandingBadge view={view} network={n} />
          </p>
          <p class="hint" safe>
            {t('networks.page.unit_kind', { unit: n.unitName, kind: t(networkKindLabel[n.kind]) })}
          </p>
        </div>
        {inside ? (
          <div class="page-actions">
            <a class="button button-secondary" href={`/networks/${n.id}/members`} safe>
              {n.counts ? t('networks.page.members_link', { count: n.counts.participants + n.counts.companies }) : t('networks.page.members')}
            </a>{' '}
            <a class="button button-secondary" href={`/networks/${n.id}/files`} safe>
              {n.counts ? t('networks.page.files_link', { count: n.counts.files }) : t('networks.page.files')}
            </a>
          </div>
        ) : (
          ''
        )}
      </div>
      {n.description ? (
        <p class="lead" safe>
          {n.description}
        </p>
      ) : (
        ''
      )}
      <JoinControls view={view} network={n} companies={companies} idPrefix="join" />
      {inside && inside.coordinating && n.counts && n.counts.requests > 0 ? (
        <p>
          <a href={`/networks/${n.id}/members#requests`} safe>
            {t('networks.page.requests_waiting', { count: n.counts.requests })}
          </a>
        </p>
      ) : (
        ''
      )}
      <Staff view={view} network={n} entries={entries} />
      {inside ? (
        <>
          <section aria-labelledby="network-threads" id="threads">
            <h2 id="network-threads" safe>
              {t('networks.threads.title')}
            </h2>
            <form method="get" action={`/networks/${n.id}/search`} class="search-form" role="search">
              <label for="network-search" safe>
                {t('networks.search.label')}
              </label>
              <input id="network-search" type="search" name="q" />
              <button type="submit" class="button button-secondary" safe>
                {t('networks.search.submit')}
              </button>
            </form>
            <Threads view={view} threads={inside.threads} />
            {inside.mayPost ? <NewThread view={view} networkId={n.id} form={inside.threadForm} /> : ''}
          </section>
          <MeetingsSection view={view} networkId={n.id} meetings={inside.meetings} coordinating={inside.coordinating} needsAgenda={n.kind === 'companies'} form={inside.meetingForm} />
          {inside.mode ? (
            <section aria-labelledby="network-notify">
              <h2 id="network-notify" safe>
                {t('networks.page.notifications')}
              </h2>
              <NotificationChoice t={t} networkId={n.id} mode={inside.mode} csrf={view.csrfToken} />
            </section>
          ) : (
            ''
          )}
          {n.standing?.status === 'active' ? (
            <form method="post" action={`/networks/${n.id}/leave`} class="network-leave">
              <Csrf view={view} />
              <button type="submit" class="button button-danger" safe>
                {t('networks.page.leave')}
              </button>
            </form>
          ) : (
            ''
          )}
        </>
      ) : (
        ''
      )}
    </Layout>
  );
}
