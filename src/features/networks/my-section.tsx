import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { Badge } from '../../platform/html/components.js';
import { loadGrants } from '../../kernel/grants.js';
import type { MyPageContext, MyPageSection } from '../../kernel/my-page.js';
import { networkIdsOfSql } from './access.js';
import { listNetworks } from './networks.js';

/**
 * The reader's unread posts in each network they take part in, in one statement: a thread's posts
 * past the last one they read, hidden threads left out.
 */
export async function unreadByNetwork(db: Db, personId: string | null): Promise<Map<string, number>> {
  if (!personId) return new Map();
  const rows = await queryRows<{ networkId: string; unread: number }>(
    db,
    sql`select t.network_id as "networkId", sum(greatest(t.post_count - coalesce(r.seq, 0), 0))::int as unread
        from network_threads t
        left join network_thread_reads r on r.thread_id = t.id and r.person_id = ${personId}::uuid
        where t.hidden_at is null and t.network_id in (${networkIdsOfSql(personId)})
        group by t.network_id`,
  );
  return new Map(rows.map((r) => [r.networkId, r.unread]));
}

/** "Networks" on my page: the networks the person is in, with unread posts, and the invitations waiting for them. */
async function render({ db, personId, t }: MyPageContext): Promise<JSX.Element | null> {
  const actor: Actor = { kind: 'person', personId, firstName: '', lastName: '', grants: await loadGrants(db, personId) };
  const [all, unread] = await Promise.all([listNetworks(db, actor), unreadByNetwork(db, personId)]);
  const mine = all.filter((n) => n.standing?.status === 'active');
  const invited = all.filter((n) => n.standing?.status === 'invited');
  if (mine.length === 0 && invited.length === 0) return null;
  return (
    <section class="card" aria-labelledby="me-networks">
      <h2 id="me-networks" safe>
        {t('networks.my.heading')}
      </h2>
      {invited.length > 0 ? (
        <>
          <h3 safe>{t('networks.my.invitations')}</h3>
          <ul class="plain-list">
            {invited.map((n) => (
              <li>
                <a href={`/networks/${n.id}`} safe>
                  {n.name}
                </a>{' '}
                <span class="cell-note" safe>
                  {t('networks.my.invited_hint')}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      {mine.length > 0 ? (
        <ul class="plain-list">
          {mine.map((n) => {
            const count = unread.get(n.id) ?? 0;
            return (
              <li>
                <a href={`/networks/${n.id}`} safe>
                  {n.name}
                </a>{' '}
                {count > 0 ? (
                  <Badge kind="info">
                    <span safe>{t('networks.list.unread', { count })}</span>
                  </Badge>
                ) : (
                  ''
                )}
              </li>
            );
          })}
        </ul>
      ) : (
        ''
      )}
      <p>
        <a href="/networks" safe>
          {t('networks.my.all')}
        </a>
      </p>
    </section>
  );
}

export const networksMySection: MyPageSection = { key: 'networks', order: 38, render };
