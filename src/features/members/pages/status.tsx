import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { membershipStatusLabel, statusActionLabel } from '../labels.js';
import type { MemberRow } from '../queries.js';
import { today, type StatusAction } from '../schema.js';
import { Crumbs, day, StatusBadge } from './shared.js';

/** Resign, expel, record a death or reinstate: only the changes possible from the current status are offered. */
export function StatusPage({ view, member, actions, form }: { view: View; member: MemberRow; actions: StatusAction[]; form: FormState }): JSX.Element {
  const { t } = view;
  const name = `${member.firstName} ${member.lastName}`;
  const v = { onDate: today(), action: actions[0], ...form.values } as Record<string, unknown>;
  return (
    <Layout view={view} title={t('members.status_title', { name })}>
      <Crumbs view={view}>
        <span aria-hidden="true"> / </span>
        <a href={`/members/${member.id}`} safe>
          {name}
        </a>
      </Crumbs>
      <PageHeader title={t('members.status_title', { name })} />
      <section class="card narrow">
        <p>
          <span safe>{t('members.status_current')}</span> <StatusBadge view={view} status={member.status} />{' '}
          <span safe>{t('members.since', { date: day(view, member.statusSince) })}</span>
        </p>
        {actions.length === 0 ? (
          <p class="muted" safe>
            {t('members.no_actions', { status: t(membershipStatusLabel[member.status]) })}
          </p>
        ) : (
          <form method="post" action={`/members/${member.id}/status`} novalidate>
            <ErrorSummary view={view} errors={form.errors} />
            <Csrf view={view} />
            <SelectField name="action" label={t('fields.action')} value={v.action} errors={form.errors} required options={actions.map((a) => ({ value: a, label: t(statusActionLabel[a]) }))} />
            <TextField name="onDate" type="date" label={t('fields.onDate')} value={v.onDate} errors={form.errors} required />
            <TextArea name="reason" label={t('fields.reason')} hint={t('members.reason_hint')} value={v.reason} errors={form.errors} rows={3} maxlength={500} />
            <div class="form-actions">
              <button type="submit" class="button" safe>
                {t('members.change_status')}
              </button>
              <a href={`/members/${member.id}`} class="button button-secondary" safe>
                {t('form.cancel')}
              </a>
            </div>
          </form>
        )}
      </section>
    </Layout>
  );
}
