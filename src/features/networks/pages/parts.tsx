import { Badge, Csrf } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { Locale } from '../../../platform/i18n/i18n.js';
import type { NetworkAccess } from '../access.js';
import { joinPolicyLabel, membershipStatusBadge, membershipStatusLabel, networkKindLabel } from '../labels.js';

/** A member company the reader is a contact person of: they join a network of companies for it. */
export type OwnCompany = { id: string; name: string };

/** The way back: the networks, and the network when the page is inside one. */
export function Crumbs({ view, network }: { view: View; network?: Pick<NetworkAccess, 'id' | 'name'> & Partial<Pick<NetworkAccess, 'kind' | 'notice'>> }): JSX.Element {
  const { t } = view;
  // Every page inside a network of member companies shows the competition-law notice under its path.
  const notice = network?.kind === 'companies' ? <CompetitionNotice view={view} notice={network.notice ?? null} /> : '';
  return (
    <>
    <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
      <a href="/networks" safe>
        {t('networks.nav')}
      </a>
      {network ? (
        <>
          {' / '}
          <a href={`/networks/${network.id}`} safe>
            {network.name}
          </a>
        </>
      ) : (
        ''
      )}
    </nav>
    {notice}
    </>
  );
}

/** The competition-law notice in the reader's language, else Danish, else the built-in text. */
export function noticeText(view: View, notice: Partial<Record<Locale, string>> | null): string {
  const own = notice?.[view.locale]?.trim() || notice?.da?.trim();
  return own || view.t('networks.notice.default');
}

export function CompetitionNotice({ view, notice }: { view: View; notice: Partial<Record<Locale, string>> | null }): JSX.Element {
  return (
    <aside class="card network-notice" role="note" aria-labelledby="network-notice-title">
      {/* Above the page's heading, so not a heading itself: the outline starts with the network's name. */}
      <p id="network-notice-title" class="network-notice-title">
        <strong safe>{view.t('networks.notice.heading')}</strong>
      </p>
      <p safe>{noticeText(view, notice)}</p>
    </aside>
  );
}

/** The reader's standing as a badge, or nothing when they have none. */
export function StandingBadge({ view, network }: { view: View; network: Pick<NetworkAccess, 'standing'> }): JSX.Element {
  if (!network.standing) return '';
  return (
    <Badge kind={membershipStatusBadge[network.standing.status]}>
      <span safe>{view.t(membershipStatusLabel[network.standing.status])}</span>
    </Badge>
  );
}

/**
 * What the reader can do about being in the network, as forms that work without JavaScript: join an
 * open one, ask to join one on request (with a note), accept or decline an invitation, withdraw a
 * request. A network by invitation says so and offers nothing. A network of member companies is
 * joined for one of the reader's companies; without one, it says so.
 */
export function JoinControls({ view, network, companies, idPrefix }: { view: View; network: NetworkAccess; companies: OwnCompany[]; idPrefix: string }): JSX.Element {
  const { t } = view;
  const action = `/networks/${network.id}/join`;
  const status = network.standing?.status;
  if (status === 'active') return '';
  if (status === 'requested')
    return (
      <form method="post" action={`/networks/${network.id}/leave`} class="inline-actions">
        <Csrf view={view} />
        <span class="hint" safe>
          {t('networks.join.requested')}
        </span>
        <button type="submit" class="button button-secondary" safe>
          {t('networks.join.withdraw')}
        </button>
      </form>
    );
  if (status === 'invited')
    return (
      <div class="inline-actions">
        <form method="post" action={action}>
          <Csrf view={view} />
          {network.viaCompanyId ? <input type="hidden" name="memberCompanyId" value={network.viaCompanyId} /> : ''}
          <button type="submit" class="button" safe>
            {t('networks.join.accept')}
          </button>
        </form>
        <form method="post" action={`/networks/${network.id}/leave`}>
          <Csrf view={view} />
          <button type="submit" class="button button-secondary" safe>
            {t('networks.join.decline')}
          </button>
        </form>
      </div>
    );
  if (network.archived) return '';
  if (network.joinPolicy === 'invitation')
    return (
      <p class="hint" safe>
        {t('networks.join.invitation_only')}
      </p>
    );
  if (network.kind === 'companies' && companies.length === 0)
    return (
      <p class="hint" safe>
        {t('networks.join.companies_only')}
      </p>
    );
  const label = network.joinPolicy === 'open' ? t('networks.join.join') : t('networks.join.request');
  return (
    <form method="post" action={action} class="network-join">
      <Csrf view={view} />
      {network.kind === 'companies' ? (
        companies.length === 1 ? (
          <input type="hidden" name="memberCompanyId" value={companies[0].id} />
        ) : (
          <p>
            <label for={`${idPrefix}-company`} safe>
              {t('networks.join.company')}
            </label>
            <select id={`${idPrefix}-company`} name="memberCompanyId">
              {companies.map((c) => (
                <option value={c.id} safe>
                  {c.name}
                </option>
              ))}
            </select>
          </p>
        )
      ) : (
        ''
      )}
      {network.joinPolicy === 'request' ? (
        <p>
          <label for={`${idPrefix}-note`} safe>
            {t('networks.join.note')}
          </label>
          <textarea id={`${idPrefix}-note`} name="note" rows="2"></textarea>
        </p>
      ) : (
        ''
      )}
      <button type="submit" class="button" safe>
        {label}
      </button>
    </form>
  );
}

/** Kind and join policy, as short facts beside the name. */
export function NetworkTags({ view, network }: { view: View; network: Pick<NetworkAccess, 'kind' | 'joinPolicy' | 'visibility' | 'archived'> }): JSX.Element {
  const { t } = view;
  return (
    <span class="network-tags">
      <Badge kind="neutral">
        <span safe>{t(networkKindLabel[network.kind])}</span>
      </Badge>{' '}
      <Badge kind="neutral">
        <span safe>{t(joinPolicyLabel[network.joinPolicy])}</span>
      </Badge>
      {network.visibility === 'hidden' ? (
        <>
          {' '}
          <Badge kind="warning">
            <span safe>{t('networks.visibilities.hidden')}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
      {network.archived ? (
        <>
          {' '}
          <Badge kind="danger">
            <span safe>{t('networks.archived')}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
    </span>
  );
}
