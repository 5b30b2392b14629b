import { Layout } from '../../../platform/html/layout.js';
import { Badge, CheckboxField, Csrf, EmptyState, ErrorSummary, SelectField, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { NetworkAccess } from '../access.js';
import type { NetworkMemberRow } from '../membership.js';
import { networkRoleLabel } from '../labels.js';
import { Crumbs } from './parts.js';

export interface MembersPageProps {
  view: View;
  network: NetworkAccess;
  members: NetworkMemberRow[];
  coordinating: boolean;
  /** Staff of the unit: they attach coordinators and staff experts. */
  organising: boolean;
  /** The member companies a coordinator may add (a network of companies). */
  companyOptions: { id: string; name: string }[];
  /** The staff an organiser may attach. */
  staffOptions: { id: string; name: string }[];
  addForm: FormState;
  staffForm: FormState;
}

function RemoveButton({ view, network, row, label }: { view: View; network: NetworkAccess; row: NetworkMemberRow; label: string }): JSX.Element {
  return (
    <form method="post" action={`/networks/${network.id}/members/${row.id}/remove`} class="inline-form">
      <Csrf view={view} />
      <button type="submit" class="button-link danger" safe>
        {label}
      </button>
    </form>
  );
}

function Requests({ view, network, rows }: { view: View; network: NetworkAccess; rows: NetworkMemberRow[] }): JSX.Element {
  const { t, locale } = view;
  return (
    <section aria-labelledby="requests-title" id="requests">
      <h2 id="requests-title" safe>
        {t('networks.members.requests')}
      </h2>
      {rows.length === 0 ? (
        <p class="muted" safe>
          {t('networks.members.no_requests')}
        </p>
      ) : (
        <ul class="card-list">
          {rows.map((r) => (
            <li class="card" id={`member-${r.id}`}>
              <h3 safe>{r.name}</h3>
              <p class="hint" safe>
                {t('networks.members.asked_on', { date: formatDate(locale, r.createdAt) })}
              </p>
              {r.requestNote ? <blockquote safe>{r.requestNote}</blockquote> : ''}
              <form method="post" action={`/networks/${network.id}/members/${r.id}/decision`}>
                <Csrf view={view} />
                <input type="hidden" name="approve" value="true" />
                <button type="submit" class="button" safe>
                  {t('networks.members.approve')}
                </button>
              </form>
              <form method="post" action={`/networks/${network.id}/members/${r.id}/decision`}>
                <Csrf view={view} />
                <input type="hidden" name="approve" value="false" />
                <p>
                  <label for={`decline-${r.id}`} safe>
                    {t('networks.members.decline_reason')}
                  </label>
                  <textarea id={`decline-${r.id}`} name="reason" rows="2" required></textarea>
                </p>
                <button type="submit" class="button button-secondary" safe>
                  {t('networks.members.decline')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Who is in the network: people with their roles, companies with their contact persons. Coordinators
 * also see the requests (approve, or decline with a reason) and the invitations, add or invite
 * members and remove them; staff of the unit attach coordinators and staff experts. A refusal (the
 * last coordinator stays) comes back as a message at the top.
 */
export function MembersPage({ view, network, members, coordinating, organising, companyOptions, staffOptions, addForm, staffForm }: MembersPageProps): JSX.Element {
  const { t, locale } = view;
  const active = members.filter((m) => m.status === 'active');
  const requested = members.filter((m) => m.status === 'requested');
  const invited = members.filter((m) => m.status === 'invited');
  const title = t('networks.members.title', { network: network.name });
  const col = { role: t('networks.members.col_role'), since: t('networks.members.col_since'), actions: t('networks.members.col_actions') };
  // The last coordinator stays (the use case refuses it), so the page does not offer it.
  const coordinators = members.filter((m) => m.role === 'coordinator' && m.status === 'active').length;
  const mayRemove = (m: NetworkMemberRow) => coordinating && (m.role === 'member' || organising) && !(m.role === 'coordinator' && m.status === 'active' && coordinators <= 1);
  const av = addForm.values as Record<string, unknown>;
  const sv = staffForm.values as Record<string, unknown>;
  return (
    <Layout view={view} title={title}>
      <Crumbs view={view} network={network} />
      <h1 safe>{title}</h1>
      {coordinating ? <Requests view={view} network={network} rows={requested} /> : ''}
      <section aria-labelledby="participants">
        <h2 id="participants" safe>
          {t('networks.members.participants')}
        </h2>
        {active.length === 0 ? (
          <EmptyState title={t('networks.members.empty')} />
        ) : (
          <div class="table-wrap">
            <table class="table table-cards">
              <caption class="visually-hidden" safe>
                {t('networks.members.participants')}
              </caption>
              <thead>
                <tr>
                  <th scope="col" safe>
                    {t('networks.members.col_name')}
                  </th>
                  <th scope="col" safe>
                    {col.role}
                  </th>
                  <th scope="col" safe>
                    {col.since}
                  </th>
                  {coordinating ? (
                    <th scope="col" safe>
                      {col.actions}
                    </th>
                  ) : (
                    ''
                  )}
                </tr>
              </thead>
              <tbody>
                {active.map((m) => (
                  <tr id={`member-${m.id}`}>
                    <th scope="row">
                      <span safe>{m.name}</span>
                      {m.memberCompanyId ? (
                        <span class="cell-note" safe>
                          {m.contacts.length > 0 ? t('networks.members.contacts', { names: m.contacts.join(', ') }) : t('networks.members.no_contacts')}
                        </span>
                      ) : (
                        ''
                      )}
                    </th>
                    <td data-label={col.role}>
                      <Badge kind={m.role === 'member' ? 'neutral' : 'info'}>
                        <span safe>{m.memberCompanyId ? t('networks.members.company') : t(networkRoleLabel[m.role])}</span>
                      </Badge>
                    </td>
                    <td data-label={col.since}>
                      {m.joinedAt ? formatDate(locale, m.joinedAt) : ''}
                    </td>
                    {coordinating ? <td data-label={col.actions}>{mayRemove(m) ? <RemoveButton view={view} network={network} row={m} label={t('networks.members.remove', { name: m.name })} /> : ''}</td> : ''}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {coordinating ? (
        <>
          <section aria-labelledby="invitations">
            <h2 id="invitations" safe>
              {t('networks.members.invitations')}
            </h2>
            {invited.length === 0 ? (
              <p class="muted" safe>
                {t('networks.members.no_invitations')}
              </p>
            ) : (
              <ul class="plain-list">
                {invited.map((m) => (
                  <li id={`member-${m.id}`}>
                    <span safe>{m.name}</span> <RemoveButton view={view} network={network} row={m} label={t('networks.members.withdraw_invitation', { name: m.name })} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="add-member" class="card">
            <h2 id="add-member" safe>
              {t('networks.members.add')}
            </h2>
            <ErrorSummary view={view} errors={addForm.errors} prefix="add" />
            <form method="post" action={`/networks/${network.id}/members`} novalidate>
              <Csrf view={view} />
              {network.kind === 'companies' ? (
                <SelectField name="memberCompanyId" prefix="add" label={t('networks.members.company_field')} required value={av.memberCompanyId} options={companyOptions.map((c) => ({ value: c.id, label: c.name }))} emptyLabel={t('networks.members.choose')} errors={addForm.errors} />
              ) : (
                <TextField name="member" prefix="add" label={t('networks.members.member_field')} hint={t('networks.members.member_hint')} required value={av.member} errors={addForm.errors} />
              )}
              <CheckboxField name="invite" label={t('networks.members.invite')} hint={t('networks.members.invite_hint')} checked={av.invite === 'on'} />
              <button type="submit" class="button" safe>
                {t('networks.members.add_submit')}
              </button>
            </form>
          </section>
        </>
      ) : (
        ''
      )}
      {organising ? (
        <section aria-labelledby="attach-staff" class="card">
          <h2 id="attach-staff" safe>
            {t('networks.members.attach_staff')}
          </h2>
          <ErrorSummary view={view} errors={staffForm.errors} prefix="staff" />
          <form method="post" action={`/networks/${network.id}/members`} novalidate>
            <Csrf view={view} />
            <SelectField name="staffId" prefix="staff" label={t('networks.members.staff_field')} required value={sv.staffId} options={staffOptions.map((s) => ({ value: s.id, label: s.name }))} emptyLabel={t('networks.members.choose')} errors={staffForm.errors} />
            <SelectField
              name="role"
              prefix="staff"
              label={t('networks.members.role_field')}
              value={sv.role}
              options={(['expert', 'coordinator'] as const).map((r) => ({ value: r, label: t(networkRoleLabel[r]) }))}
              errors={staffForm.errors}
            />
            <button type="submit" class="button" safe>
              {t('networks.members.attach_submit')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
