import { Layout } from '../../platform/html/layout.js';
import { PageHeader } from '../../platform/html/components.js';
import type { View } from '../../platform/html/view.js';
import { accessRoleLabel, hasRole, isAdmin } from '../../platform/actor.js';
import { aboutTextFor, type Organisation } from '../../kernel/organisation.js';
import type { Unit } from '../../kernel/units.js';
import { LatestNews, type PostRow } from '../news/index.js';

export function FrontPage({ view, org, districts, news = [] }: { view: View; org: Organisation; districts: Unit[]; news?: PostRow[] }): JSX.Element {
  const { t } = view;
  const about = aboutTextFor(org, view.locale);
  return (
    <Layout view={view} title={org.name}>
      <section class="hero">
        <h1 safe>{org.name}</h1>
        <p class="lead" safe>
          {about.split(/\n{2,}/)[0] ?? ''}
        </p>
        {view.actor.kind === 'anonymous' ? (
          <p class="form-actions">
            <a href="/join" class="button button-large" safe>
              {t('join.cta')}
            </a>
            <a href="/login" class="button button-large button-secondary" safe>
              {t('home.login_cta')}
            </a>
          </p>
        ) : (
          <p>
            <a href="/start" class="button button-large" safe>
              {t('home.go_to_start')}
            </a>
          </p>
        )}
      </section>
      <LatestNews view={view} posts={news} />
      <div class="grid grid-2">
        <section class="card" aria-labelledby="about-title">
          <h2 id="about-title" safe>
            {t('home.about_title', { organisation: org.shortName })}
          </h2>
          {about
            .split(/\n{2,}/)
            .slice(1)
            .map((p) => (
              <p safe>{p}</p>
            ))}
          <dl class="facts">
            {org.address ? (
              <>
                <dt safe>{t('fields.address')}</dt>
                <dd safe>{org.address}</dd>
              </>
            ) : (
              ''
            )}
            {org.phone ? (
              <>
                <dt safe>{t('fields.phone')}</dt>
                <dd>
                  <a href={`tel:${org.phone.replace(/\s+/g, '')}`} safe>
                    {org.phone}
                  </a>
                </dd>
              </>
            ) : (
              ''
            )}
            {org.email ? (
              <>
                <dt safe>{t('fields.email')}</dt>
                <dd>
                  <a href={`mailto:${org.email}`} safe>
                    {org.email}
                  </a>
                </dd>
              </>
            ) : (
              ''
            )}
          </dl>
        </section>
        <section class="card" aria-labelledby="districts-title">
          <h2 id="districts-title" safe>
            {t('home.districts_title')}
          </h2>
          {districts.length === 0 ? (
            <p class="muted" safe>
              {t('home.no_districts')}
            </p>
          ) : (
            <ul class="unit-list">
              {districts.map((d) => (
                <li>
                  <strong safe>{d.name}</strong>
                  {d.phone || d.email ? (
                    <span class="muted">
                      {d.phone ? (
                        <a href={`tel:${d.phone.replace(/\s+/g, '')}`} safe>
                          {d.phone}
                        </a>
                      ) : (
                        ''
                      )}
                      {d.phone && d.email ? ' · ' : ''}
                      {d.email ? (
                        <a href={`mailto:${d.email}`} safe>
                          {d.email}
                        </a>
                      ) : (
                        ''
                      )}
                    </span>
                  ) : (
                    ''
                  )}
                </li>
              ))}
            </ul>
          )}
          <p class="home-meeting-link">
            <span safe>{t('wm_page.front_question')}</span>{' '}
            <a href="/workplace-meetings/request" safe>
              {t('wm_page.request_title')}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}

interface Tile {
  href: string;
  title: string;
  text: string;
}

export function StartPage({ view, units, workplaces }: { view: View; units: Unit[]; workplaces: ReadonlyMap<string, string> }): JSX.Element {
  const { t, actor } = view;
  const name = actor.kind === 'person' ? actor.firstName : '';
  const grants = actor.kind === 'person' ? actor.grants : [];
  const unitName = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? '') : t('start.whole_organisation'));
  // A steward's or safety rep's role reaches their workplaces, not a unit: name those.
  const scopeOf = (g: (typeof grants)[number]) =>
    g.workplaces.size > 0 ? [...g.workplaces].map((id) => workplaces.get(id) ?? '').filter(Boolean).join(', ') : unitName(g.unitId);
  const tiles: Tile[] = [{ href: '/account', title: t('start.tile_account'), text: t('start.tile_account_text') }];
  if (isAdmin(actor) || hasRole(actor, 'staff')) tiles.push({ href: '/admin', title: t('start.tile_admin'), text: t('start.tile_admin_text') });
  if (isAdmin(actor)) {
    tiles.push({ href: '/admin/organisation', title: t('admin.organisation'), text: t('admin.organisation_text') });
    tiles.push({ href: '/admin/audit', title: t('admin.audit'), text: t('admin.audit_text') });
  }
  return (
    <Layout view={view} title={t('start.title')}>
      <PageHeader title={t('start.greeting', { name })} lead={t('start.lead', { organisation: view.org.name })} />
      {grants.length > 0 ? (
        <section aria-labelledby="roles-title" class="card">
          <h2 id="roles-title" safe>
            {t('start.your_roles')}
          </h2>
          <ul class="role-list">
            {grants.map((g) => (
              <li>
                <span class="badge badge-info" safe>
                  {t(accessRoleLabel[g.role])}
                </span>{' '}
                <span safe>{scopeOf(g)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ''
      )}
      <ul class="tiles">
        {tiles.map((tile) => (
          <li class="tile">
            <a href={tile.href}>
              <span class="tile-title" safe>
                {tile.title}
              </span>
              <span class="tile-text" safe>
                {tile.text}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
