import { Layout } from '../../../platform/html/layout.js';
import { Badge, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { Translate } from '../../../platform/i18n/i18n.js';
import { labelName, labelOf } from '../../../platform/i18n/labels.js';
import { auditActionLabel, auditActorKindLabel } from '../../../platform/audit/audit.js';
import { fieldName } from '../../../platform/errors.js';
import { roleKindLabel } from '../../../kernel/labels.js';
import type { LimitedMember, MemberDetail } from '../member-detail.js';
import { Crumbs, day, period, StatusBadge } from './shared.js';

/** Who acted, when the trail names no person: the system, someone anonymous, or an integration's token. */
function actorKindName(t: Translate, kind: string): string {
  const key = labelOf(auditActorKindLabel, kind);
  return key ? t(key) : kind === 'token' ? t('audit.token') : kind;
}

const languageNames: Record<string, string> = { da: 'Dansk', sv: 'Svenska', en: 'English' };

function Fact({ label, value }: { label: string; value: string | null | undefined }): JSX.Element {
  return (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value || '–'}</dd>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: JSX.Element }): JSX.Element {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A wide table that scrolls sideways on a phone, reachable by keyboard. */
function Table({ label, head, children }: { label: string; head: string[]; children: JSX.Element }): JSX.Element {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabindex="0">
      <table class="table">
        <caption class="visually-hidden" safe>
          {label}
        </caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function MemberDetailPage({ view, detail, canEdit }: { view: View; detail: MemberDetail; canEdit: boolean }): JSX.Element {
  const { t, locale } = view;
  const { person: p, membership: m } = detail;
  const name = `${p.firstName} ${p.lastName}`;
  return (
    <Layout view={view} title={name}>
      <Crumbs view={view} />
      <PageHeader title={name} lead={m ? t('members.number_lead', { number: m.memberNumber }) : t('members.no_membership')}>
        {canEdit && m ? (
          <>
            <a href={`/members/${p.id}/edit`} class="button" safe>
              {t('members.edit')}
            </a>
            <a href={`/members/${p.id}/status`} class="button button-secondary" safe>
              {t('members.change_status')}
            </a>
          </>
        ) : (
          ''
        )}
      </PageHeader>
      <div class="grid grid-2">
        <Section id="contact" title={t('members.contact')}>
          <dl class="facts">
            <Fact label={t('fields.email')} value={p.email} />
            {p.extraEmails.length > 0 ? <Fact label={t('fields.extraEmails')} value={p.extraEmails.join(', ')} /> : ''}
            <Fact label={t('fields.phone')} value={p.phone} />
            <Fact label={t('fields.addressLine')} value={[p.addressLine, [p.postalCode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')} />
            <Fact label={t('fields.country')} value={p.country} />
            <Fact label={t('fields.dateOfBirth')} value={day(view, p.dateOfBirth)} />
            <Fact label={t('fields.preferredLocale')} value={p.preferredLocale ? languageNames[p.preferredLocale] : t('members.no_locale')} />
          </dl>
        </Section>
        <Section id="membership" title={t('members.membership')}>
          {m ? (
            <dl class="facts">
              <Fact label={t('fields.memberNumber')} value={m.memberNumber} />
              <dt safe>{t('fields.status')}</dt>
              <dd>
                <StatusBadge view={view} status={m.status} />{' '}
                <span safe>{t('members.since', { date: day(view, m.statusSince) })}</span>
              </dd>
              <Fact label={t('fields.typeId')} value={m.typeName} />
              <Fact label={t('fields.unitId')} value={m.unitName} />
              <Fact label={t('fields.sections')} value={detail.sections.map((s) => s.name).join(', ')} />
              <Fact label={t('fields.joinedOn')} value={day(view, m.joinedOn)} />
              <Fact label={t('members.email_confirmed')} value={m.emailConfirmed ? t('members.yes') : t('members.no')} />
            </dl>
          ) : (
            <p class="muted" safe>
              {t('members.no_membership_text')}
            </p>
          )}
        </Section>
      </div>

      <Section id="employments" title={t('members.employments')}>
        {detail.employments.length === 0 ? (
          <p class="muted" safe>
            {t('members.no_employments')}
          </p>
        ) : (
          <Table label={t('members.employments')} head={[t('members.workplace'), t('fields.jobTitle'), t('members.leader'), t('members.period_label')]}>
            <>
              {detail.employments.map((e) => (
                <tr>
                  <td safe>{e.workplaceName}</td>
                  <td safe>{e.jobTitle ?? ''}</td>
                  <td safe>{e.isLeader ? t('members.yes') : t('members.no')}</td>
                  <td class="nowrap" safe>
                    {period(view, e.startsOn, e.endsOn)}
                  </td>
                </tr>
              ))}
            </>
          </Table>
        )}
      </Section>

      <Section id="roles" title={t('members.roles_title')}>
        {detail.roles.length === 0 ? (
          <p class="muted" safe>
            {t('members.no_roles')}
          </p>
        ) : (
          <Table label={t('members.roles_title')} head={[t('members.role'), t('members.where'), t('members.period_label')]}>
            <>
              {detail.roles.map((r) => (
                <tr>
                  <td safe>{t(roleKindLabel[r.role])}</td>
                  <td safe>{r.workplaceName ?? r.unitName ?? t('members.whole_organisation')}</td>
                  <td class="nowrap" safe>
                    {period(view, r.startsOn, r.endsOn)}
                  </td>
                </tr>
              ))}
            </>
          </Table>
        )}
      </Section>

      <Section id="history" title={t('members.history')}>
        {detail.events.length === 0 ? (
          <p class="muted" safe>
            {t('members.no_history')}
          </p>
        ) : (
          <Table label={t('members.history')} head={[t('fields.onDate'), t('fields.status'), t('fields.typeId'), t('fields.unitId'), t('fields.reason'), t('members.by')]}>
            <>
              {detail.events.map((e) => (
                <tr>
                  <td class="nowrap" safe>
                    {day(view, e.onDate)}
                  </td>
                  <td>
                    <StatusBadge view={view} status={e.status} />
                  </td>
                  <td safe>{e.typeName ?? ''}</td>
                  <td safe>{e.unitName ?? ''}</td>
                  <td safe>{e.reason ?? ''}</td>
                  <td safe>{e.actorName ?? ''}</td>
                </tr>
              ))}
            </>
          </Table>
        )}
      </Section>

      <Section id="trail" title={t('members.trail')}>
        <>
          <p class="muted" safe>
            {t('members.trail_lead')}
          </p>
          {detail.trail.length === 0 ? (
            <EmptyState title={t('members.no_trail')} />
          ) : (
            <Table label={t('members.trail')} head={[t('audit.when'), t('audit.actor'), t('audit.action'), t('audit.fields')]}>
              <>
                {detail.trail.map((a) => (
                  <tr>
                    <td class="nowrap" safe>
                      {formatDateTime(locale, a.at)}
                    </td>
                    <td safe>{a.actorName ?? actorKindName(t, a.actorKind)}</td>
                    <td>
                      <Badge kind={a.action === 'view' ? 'neutral' : 'info'}>
                        <span safe>{labelName(t, auditActionLabel, a.action)}</span>
                      </Badge>
                    </td>
                    <td safe>{(a.fields ?? []).map((f) => fieldName(t, f)).join(', ')}</td>
                  </tr>
                ))}
              </>
            </Table>
          )}
        </>
      </Section>
    </Layout>
  );
}

/** What a steward sees of a colleague at their workplace. */
export function ColleaguePage({ view, person }: { view: View; person: LimitedMember }): JSX.Element {
  const { t } = view;
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <Layout view={view} title={name}>
      <PageHeader title={name} lead={t('members.limited_lead')} />
      <section class="card narrow" aria-labelledby="colleague">
        <h2 id="colleague" class="visually-hidden" safe>
          {t('members.contact')}
        </h2>
        <dl class="facts">
          <Fact label={t('members.is_member')} value={person.isMember ? t('members.yes') : t('members.no')} />
          {person.jobs.map((j) => (
            <Fact label={j.workplaceName} value={j.jobTitle ?? ''} />
          ))}
          <dt safe>{t('fields.email')}</dt>
          <dd>{person.email ? <a href={`mailto:${person.email}`} safe>{person.email}</a> : '–'}</dd>
          <dt safe>{t('fields.phone')}</dt>
          <dd>{person.phone ? <a href={`tel:${person.phone.replace(/\s+/g, '')}`} safe>{person.phone}</a> : '–'}</dd>
        </dl>
      </section>
    </Layout>
  );
}
