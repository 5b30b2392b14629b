import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate, formatNumber } from '../../../platform/i18n/format.js';
import type { Employee, Office, WorkplaceDetail } from '../schema.js';
import { employerKindLabel } from '../../../kernel/labels.js';
import { officeLabel } from '../labels.js';
import { InOffice } from './list.js';
import { Crumbs, formatPeriod, formatRate } from './parts.js';

interface Abilities {
  /** Staff of the unit: edit the workplace, appoint, add and end employments. */
  manage: boolean;
  /** Staff, board and admins may follow a member's name to the register. */
  linkMembers: boolean;
  /** The workplace's own stewards and safety reps may open every colleague's contact page. */
  linkColleagues: boolean;
  /** Phone and e-mail are shown (stewards here, staff and board of the unit). */
  contacts: boolean;
}

function address(w: WorkplaceDetail): string {
  return [w.addressLine, [w.postalCode, w.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

function CurrentOffices({ view, workplaceId, label, held, manage }: { view: View; workplaceId: string; label: string; held: Office[]; manage: boolean }): JSX.Element {
  const { t, locale } = view;
  const current = held.filter((o) => o.current);
  return (
    <div class="coverage-item">
      <h3 safe>{label}</h3>
      {current.length === 0 ? (
        <p>
          <InOffice view={view} yes={false} /> <span safe>{t('workplaces.vacant_text')}</span>
        </p>
      ) : (
        <ul class="plain-list">
          {current.map((o) => (
            <li>
              <strong safe>{`${o.firstName} ${o.lastName}`}</strong>{' '}
              <span class="muted" safe>
                {o.endsOn ? t('workplaces.period', { period: formatPeriod(locale, o.startsOn, o.endsOn) }) : t('workplaces.since', { date: formatDate(locale, o.startsOn) })}
              </span>
              {manage ? (
                <>
                  {' '}
                  <a href={`/workplaces/${workplaceId}/offices/${o.assignmentId}/end`} class="button button-small button-secondary" aria-label={t('workplaces.end_office_named', { name: `${o.firstName} ${o.lastName}` })} safe>
                    {t('workplaces.end')}
                  </a>
                </>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OfficeHistory({ view, held }: { view: View; held: Office[] }): JSX.Element {
  const { t, locale } = view;
  const past = held.filter((o) => !o.current);
  if (past.length === 0) return '';
  return (
    <details class="history">
      <summary safe>{t('workplaces.history', { count: past.length })}</summary>
      <div class="table-wrap" role="region" aria-label={t('workplaces.history_caption')} tabindex="0">
        <table class="table">
          <caption class="visually-hidden" safe>
            {t('workplaces.history_caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col" safe>{t('workplaces.office')}</th>
              <th scope="col" safe>{t('fields.name')}</th>
              <th scope="col" safe>{t('workplaces.period_heading')}</th>
            </tr>
          </thead>
          <tbody>
            {past.map((o) => (
              <tr>
                <td safe>{t(officeLabel[o.role])}</td>
                <td safe>{`${o.firstName} ${o.lastName}`}</td>
                <td safe>{formatPeriod(locale, o.startsOn, o.endsOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function PeopleTable({ view, workplaceId, people, can }: { view: View; workplaceId: string; people: Employee[]; can: Abilities }): JSX.Element {
  const { t } = view;
  const yes = t('workplaces.yes');
  const no = t('workplaces.no');
  // One text per column, for its header and for the cells' labels when the table turns into cards on a phone.
  const col = { jobTitle: t('fields.jobTitle'), leader: t('fields.isLeader'), member: t('workplaces.member'), phone: t('fields.phone'), email: t('fields.email'), actions: t('form.actions') };
  return (
    <div class="table-wrap" role="region" aria-label={t('workplaces.people_caption')} tabindex="0">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('workplaces.people_caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>{t('fields.name')}</th>
            <th scope="col" safe>{col.jobTitle}</th>
            <th scope="col" safe>{col.leader}</th>
            <th scope="col" safe>{col.member}</th>
            {can.contacts ? <th scope="col" safe>{col.phone}</th> : ''}
            {can.contacts ? <th scope="col" safe>{col.email}</th> : ''}
            {can.manage ? <th scope="col" safe>{col.actions}</th> : ''}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr>
              <th scope="row">
                {can.linkColleagues || (can.linkMembers && p.isMember) ? (
                  <a href={`/members/${p.personId}`} safe>
                    {`${p.firstName} ${p.lastName}`}
                  </a>
                ) : (
                  <span safe>{`${p.firstName} ${p.lastName}`}</span>
                )}
              </th>
              <td data-label={col.jobTitle} safe>
                {p.jobTitle ?? ''}
              </td>
              <td data-label={col.leader} safe>
                {p.isLeader ? yes : no}
              </td>
              <td data-label={col.member}>
                {p.isMember ? (
                  <Badge kind="success">
                    <span safe>{yes}</span>
                  </Badge>
                ) : (
                  <Badge kind="neutral">
                    <span safe>{no}</span>
                  </Badge>
                )}
              </td>
              {can.contacts ? <td data-label={col.phone}>{p.phone ? <a href={`tel:${p.phone.replace(/\s+/g, '')}`} safe>{p.phone}</a> : '–'}</td> : ''}
              {can.contacts ? <td data-label={col.email}>{p.email ? <a href={`mailto:${p.email}`} safe>{p.email}</a> : '–'}</td> : ''}
              {can.manage ? (
                <td data-label={col.actions}>
                  <a href={`/workplaces/${workplaceId}/employments/${p.employmentId}/end`} aria-label={t('workplaces.end_employment_named', { name: `${p.firstName} ${p.lastName}` })} safe>
                    {t('workplaces.end')}
                  </a>
                </td>
              ) : (
                ''
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkplaceDetailPage({ view, w, can }: { view: View; w: WorkplaceDetail; can: Abilities }): JSX.Element {
  const { t, locale } = view;
  // Members first, then the colleagues to recruit; each group in name order from the register.
  const people = [...w.people.members, ...w.people.nonMembers];
  const place = address(w);
  return (
    <Layout view={view} title={w.name}>
      <Crumbs view={view} trail={[{ href: '/workplaces', label: t('workplaces.title') }]} />
      <PageHeader title={w.name} lead={w.memberCompanyName ?? w.employerName ?? t(employerKindLabel[w.employerKind])}>
        {can.manage ? (
          <a href={`/workplaces/${w.id}/edit`} class="button button-secondary" safe>
            {t('workplaces.edit')}
          </a>
        ) : (
          ''
        )}
        <a href={`/workplace-meetings/request?workplace=${w.id}`} class="button button-secondary" safe>
          {t('wm_page.request_title')}
        </a>
      </PageHeader>
      <div class="grid grid-sidebar align-start">
        <section class="card" aria-labelledby="coverage-title">
          <h2 id="coverage-title" safe>
            {t('workplaces.coverage')}
          </h2>
          <div class="grid grid-2 compact">
            <CurrentOffices view={view} workplaceId={w.id} label={t('workplaces.stewards')} held={w.coverage.stewards} manage={can.manage} />
            <CurrentOffices view={view} workplaceId={w.id} label={t('workplaces.safety_reps')} held={w.coverage.safetyReps} manage={can.manage} />
          </div>
          {can.manage ? (
            <p>
              <a href={`/workplaces/${w.id}/offices/new`} class="button button-small" safe>
                {t('workplaces.appoint')}
              </a>
            </p>
          ) : (
            ''
          )}
          <OfficeHistory view={view} held={[...w.coverage.stewards, ...w.coverage.safetyReps]} />
        </section>
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title" safe>
            {t('workplaces.facts')}
          </h2>
          <dl class="facts">
            <dt safe>{t('workplaces.organisation_rate')}</dt>
            <dd>
              <strong class="rate" safe>
                {formatRate(locale, w.organisationRate)}
              </strong>{' '}
              <span class="muted" safe>
                {t('workplaces.rate_of', { members: formatNumber(locale, w.members), employees: formatNumber(locale, w.employees) })}
              </span>
            </dd>
            <dt safe>{t('fields.unitId')}</dt>
            <dd safe>{w.unitName}</dd>
            <dt safe>{t('workplaces.employer')}</dt>
            <dd>
              {w.memberCompanyId && w.memberCompanyName ? (
                can.manage ? (
                  <a href={`/member-companies/${w.memberCompanyId}`} safe>
                    {w.memberCompanyName}
                  </a>
                ) : (
                  <span safe>{w.memberCompanyName}</span>
                )
              ) : (
                <span safe>{w.employerName ?? ''}</span>
              )}
              <span class="muted cell-note" safe>
                {t(employerKindLabel[w.employerKind])}
              </span>
            </dd>
            <dt safe>{t('fields.pNumber')}</dt>
            <dd class="mono" safe>{w.pNumber ?? '–'}</dd>
            <dt safe>{t('fields.address')}</dt>
            <dd safe>{place || '–'}</dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="people-title">
        <div class="page-header">
          <h2 id="people-title" safe>
            {t('workplaces.people', { count: people.length })}
          </h2>
          {can.manage ? (
            <div class="page-actions">
              <a href={`/workplaces/${w.id}/employments/new`} class="button button-small" safe>
                {t('workplaces.add_employment')}
              </a>
            </div>
          ) : (
            ''
          )}
        </div>
        <p class="muted" safe>
          {t('workplaces.people_lead', { members: formatNumber(locale, w.people.members.length), nonMembers: formatNumber(locale, w.people.nonMembers.length) })}
        </p>
        {people.length === 0 ? <EmptyState title={t('workplaces.no_people')} /> : <PeopleTable view={view} workplaceId={w.id} people={people} can={can} />}
      </section>
    </Layout>
  );
}
