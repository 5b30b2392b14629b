import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { emptyForm } from '../../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import type { Meeting } from '../schema.js';
import type { Assignable, WorkplaceChoice } from '../page-queries.js';
import { StatusBadge } from './parts.js';

export interface DetailMay {
  manage: boolean;
  report: boolean;
  cancel: boolean;
}

export interface DetailForms {
  decline?: FormState;
  schedule?: FormState;
  report?: FormState;
  cancel?: FormState;
}

function Fact({ label, value }: { label: string; value: string | null | undefined }): JSX.Element {
  if (value === null || value === undefined || value === '') return '';
  return (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value}</dd>
    </>
  );
}

/** One meeting for staff: everything the requester wrote, and the office's actions for its status. */
export function MeetingPage({
  view,
  meeting: m,
  may,
  forms,
  politicians,
  consultants,
  workplaces,
}: {
  view: View;
  meeting: Meeting;
  may: DetailMay;
  forms: DetailForms;
  politicians: Assignable[];
  consultants: Assignable[];
  workplaces: WorkplaceChoice[];
}): JSX.Element {
  const { t, locale } = view;
  const when = (s: string) => formatDateTime(locale, s, m.timeZone);
  const open = m.status === 'new' || m.status === 'in_progress';
  const started = m.startsAt !== null && new Date(m.startsAt).getTime() <= Date.now();
  const sched = forms.schedule ?? emptyForm();
  const sv = sched.values as Record<string, unknown>;
  const dec = forms.decline ?? emptyForm();
  const rep = forms.report ?? emptyForm();
  const can = forms.cancel ?? emptyForm();
  return (
    <Layout view={view} title={m.workplaceName}>
      <PageHeader title={m.workplaceName} lead={m.unitName} />
      <div class="card">
        <dl class="facts">
          <dt safe>{t('fields.status')}</dt>
          <dd>
            <StatusBadge view={view} status={m.status} />
          </dd>
          <Fact label={t('fields.newWorkplaceAddress')} value={m.newWorkplaceAddress} />
          <Fact label={t('fields.contactName')} value={m.contactName} />
          <Fact label={t('fields.contactEmail')} value={m.contactEmail} />
          <Fact label={t('fields.contactPhone')} value={m.contactPhone} />
          <dt safe>{t('wm_page.proposed_times')}</dt>
          <dd>
            <ul>
              {m.proposedTimes.map((p) => (
                <li safe>{`${when(p.startsAt)} – ${when(p.endsAt)}`}</li>
              ))}
            </ul>
          </dd>
          <Fact label={t('fields.topicIds')} value={m.topics.map((x) => x.name).join(', ')} />
          <Fact label={t('fields.freeTopic')} value={m.freeTopic} />
          <Fact label={t('fields.questions')} value={m.questions} />
          <Fact label={t('wm_page.non_members_welcome')} value={t(m.nonMembersWelcome ? 'wm_page.yes' : 'wm_page.no')} />
          <Fact label={t('fields.expectedParticipants')} value={m.expectedParticipants === null ? null : formatNumber(locale, m.expectedParticipants)} />
          <Fact label={t('wm_page.scheduled_time')} value={m.startsAt && m.endsAt ? `${when(m.startsAt)} – ${when(m.endsAt)}` : null} />
          <Fact label={t('fields.politicianId')} value={m.politician?.name} />
          <Fact label={t('fields.consultantId')} value={m.consultant?.name} />
          <Fact label={t('fields.reason')} value={m.declineReason ?? m.cancelReason} />
          <Fact label={t('fields.note')} value={m.reportNote} />
          <Fact label={t('fields.participants')} value={m.participants === null ? null : formatNumber(locale, m.participants)} />
          <Fact label={t('fields.membersRecruited')} value={m.membersRecruited === null ? null : formatNumber(locale, m.membersRecruited)} />
        </dl>
        {m.eventSlug ? (
          <p>
            <a href={`/events/${encodeURIComponent(m.eventSlug)}`} safe>
              {t('wm_page.event_link')}
            </a>
          </p>
        ) : (
          ''
        )}
      </div>

      {may.manage && m.status === 'new' ? (
        <form method="post" action={`/workplace-meetings/${m.id}/take`} class="card">
          <Csrf view={view} />
          <button type="submit" class="button" safe>
            {t('wm_page.take')}
          </button>
        </form>
      ) : (
        ''
      )}

      {may.manage && open ? (
        <form method="post" action={`/workplace-meetings/${m.id}/schedule`} class="card" novalidate>
          <h2 safe>{t('wm_page.schedule')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={sched.errors} prefix="schedule" />
          {m.workplaceId === null ? (
            <SelectField prefix="schedule" name="workplaceId" label={t('fields.workplaceId')} hint={t('wm_page.register_first')} value={sv.workplaceId} errors={sched.errors} options={workplaces.map((w) => ({ value: w.id, label: w.name }))} emptyLabel={t('wm_page.choose')} required />
          ) : (
            ''
          )}
          <TextField prefix="schedule" name="date" type="date" label={t('fields.date')} hint={t('wm_page.zone_hint')} value={sv.date} errors={sched.errors} required />
          <TextField prefix="schedule" name="startTime" type="time" label={t('fields.startTime')} value={sv.startTime} errors={sched.errors} required />
          <TextField prefix="schedule" name="endTime" type="time" label={t('fields.endTime')} value={sv.endTime} errors={sched.errors} required />
          <SelectField prefix="schedule" name="politicianId" label={t('fields.politicianId')} value={sv.politicianId} errors={sched.errors} options={politicians.map((p) => ({ value: p.id, label: p.name }))} emptyLabel={t('wm_page.choose')} required />
          <SelectField prefix="schedule" name="consultantId" label={t('fields.consultantId')} value={sv.consultantId} errors={sched.errors} options={consultants.map((p) => ({ value: p.id, label: p.name }))} emptyLabel={t('wm_page.choose')} required />
          <button type="submit" class="button" safe>
            {t('wm_page.schedule')}
          </button>
        </form>
      ) : (
        ''
      )}

      {may.manage && open ? (
        <form method="post" action={`/workplace-meetings/${m.id}/decline`} class="card" novalidate>
          <h2 safe>{t('wm_page.decline')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={dec.errors} prefix="decline" />
          <TextArea prefix="decline" name="reason" label={t('fields.reason')} hint={t('wm_page.decline_hint')} value={(dec.values as Record<string, unknown>).reason} errors={dec.errors} rows={3} maxlength={2000} required />
          <button type="submit" class="button button-danger" safe>
            {t('wm_page.decline')}
          </button>
        </form>
      ) : (
        ''
      )}

      {may.report && (m.status === 'scheduled' || m.status === 'held') && started ? (
        <form method="post" action={`/workplace-meetings/${m.id}/report`} class="card" novalidate>
          <h2 safe>{t('wm_page.report')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={rep.errors} prefix="report" />
          <TextArea prefix="report" name="note" label={t('fields.note')} value={(rep.values as Record<string, unknown>).note ?? m.reportNote} errors={rep.errors} rows={5} maxlength={10000} required />
          <TextField prefix="report" name="participants" type="number" inputmode="numeric" label={t('fields.participants')} value={(rep.values as Record<string, unknown>).participants ?? m.participants} errors={rep.errors} required />
          <TextField prefix="report" name="membersRecruited" type="number" inputmode="numeric" label={t('fields.membersRecruited')} value={(rep.values as Record<string, unknown>).membersRecruited ?? m.membersRecruited} errors={rep.errors} required />
          <button type="submit" class="button" safe>
            {t('wm_page.report')}
          </button>
        </form>
      ) : (
        ''
      )}

      {may.cancel && (open || m.status === 'scheduled') ? (
        <form method="post" action={`/workplace-meetings/${m.id}/cancel`} class="card" novalidate>
          <h2 safe>{t('wm_page.cancel')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={can.errors} prefix="cancel" />
          <TextArea prefix="cancel" name="reason" label={t('fields.reason')} value={(can.values as Record<string, unknown>).reason} errors={can.errors} rows={2} maxlength={2000} />
          <button type="submit" class="button button-danger" safe>
            {t('wm_page.cancel')}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}
