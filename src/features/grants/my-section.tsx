import type { Actor } from '../../platform/actor.js';
import { Badge } from '../../platform/html/components.js';
import { formatDate } from '../../platform/i18n/format.js';
import type { MyPageContext, MyPageSection } from '../../kernel/my-page.js';
import { applicationStatusLabel } from './labels.js';
import { money } from './mails.js';
import { myApplications, openPoolsFor, type ApplicationSummary } from './queries.js';

const statusKind = (s: ApplicationSummary['status']) =>
  s === 'granted' || s === 'paid_out' || s === 'reported' ? 'success' : s === 'rejected' ? 'danger' : s === 'report_due' ? 'warning' : s === 'submitted' || s === 'in_review' ? 'info' : 'neutral';

/**
 * "My applications" on my page: the person's applications to a pool (and those they are a
 * co-applicant on) with their state, and the pools they may apply to now. Nothing when there is
 * neither, so a member who never meets a pool never sees the word.
 */
async function render({ db, personId, locale, t }: MyPageContext): Promise<JSX.Element | null> {
  // The open pools are asked of the register for this person; their access roles play no part.
  const person: Actor = { kind: 'person', personId, firstName: '', lastName: '', grants: [] };
  const [mine, open] = await Promise.all([myApplications(db, personId), openPoolsFor(db, person)]);
  if (mine.length === 0 && open.length === 0) return null;
  return (
    <section class="card" aria-labelledby="me-grants">
      <h2 id="me-grants" safe>
        {t('grant_page.my.heading')}
      </h2>
      {mine.length === 0 ? (
        <p class="muted" safe>
          {t('grant_page.my.none')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table table-cards">
            <caption class="visually-hidden" safe>
              {t('grant_page.my.heading')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>
                  {t('grant_page.my.col_title')}
                </th>
                <th scope="col" safe>
                  {t('grant_page.my.col_pool')}
                </th>
                <th scope="col" safe>
                  {t('grant_page.my.col_status')}
                </th>
                <th scope="col" safe>
                  {t('grant_page.my.col_amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {mine.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={`/grants/applications/${a.id}`} safe>
                      {a.title}
                    </a>
                  </th>
                  <td data-label={t('grant_page.my.col_pool')} safe>
                    {a.poolName}
                  </td>
                  <td data-label={t('grant_page.my.col_status')}>
                    <span>
                      <Badge kind={statusKind(a.status)}>
                        <span safe>{t(applicationStatusLabel[a.status])}</span>
                      </Badge>
                      {a.reportOverdue ? (
                        <span class="field-error" safe>
                          {` ${t('grant_page.application.overdue')}`}
                        </span>
                      ) : (
                        ''
                      )}
                    </span>
                  </td>
                  <td data-label={t('grant_page.my.col_amount')} class="nowrap" safe>
                    {money(locale, a.granted ?? a.requested, a.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open.length > 0 ? (
        <>
          <h3 safe>{t('grant_page.my.open_heading')}</h3>
          <ul class="plain-list">
            {open.map((p) => (
              <li>
                <a href={`/grants/pools/${p.id}/apply`} safe>
                  {t('grant_page.my.apply_to', { pool: p.name })}
                </a>{' '}
                <span class="muted" safe>
                  {t('grant_page.my.open_terms', { unit: p.unitName, max: money(locale, p.maxPerApplication, p.currency), closes: formatDate(locale, p.closesOn) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
    </section>
  );
}

export const grantsMySection: MyPageSection = { key: 'grants', order: 30, render };
