import { Layout } from '../../../platform/html/layout.js';
import { ErrorSummary, PageHeader } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { Meeting } from '../schema.js';
import type { Assignable, WorkplaceChoice } from '../page-queries.js';
import { StatusBadge } from './parts.js';
import { formatSpan } from './format.js';
import { CancelForm, DeclineForm, ReportForm, ScheduleForm, TakeForm } from './detail-forms.js';
import { meetingStatusText } from '../labels.js';

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
  /** Refusals about the meeting as a whole (its status changed meanwhile): told at the top, with no field to link to. */
  general?: FieldError[];
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

/** The meeting as it was planned and, once held, as it went: shown first once there is something to show. */
function MeetingFacts({ view, meeting: m }: { view: View; meeting: Meeting }): JSX.Element {
  const { t, locale } = view;
  if (!m.startsAt || !m.endsAt) return '';
  return (
    <section class="card" aria-labelledby="meeting-title">
      <h2 id="meeting-title" safe>
        {t('wm_page.meeting_section')}
      </h2>
      <dl class="facts">
        <Fact label={t('wm_page.scheduled_time')} value={formatSpan(locale, m.startsAt, m.endsAt, m.timeZone)} />
        <Fact label={t('fields.politicianId')} value={m.politician?.name} />
        <Fact label={t('fields.consultantId')} value={m.consultant?.name} />
        <Fact label={t('fields.note')} value={m.reportNote} />
        <Fact label={t('fields.participants')} value={m.participants === null ? null : formatNumber(locale, m.participants)} />
        <Fact label={t('fields.membersRecruited')} value={m.membersRecruited === null ? null : formatNumber(locale, m.membersRecruited)} />
      </dl>
      {m.eventSlug && m.status !== 'cancelled' ? (
        <p>
          <a href={`/events/${encodeURIComponent(m.eventSlug)}`} safe>
            {m.status === 'held' ? t('wm_page.event_link_past') : t('wm_page.event_link')}
          </a>
        </p>
      ) : (
        ''
      )}
    </section>
  );
}

/** Everything the requester wrote. */
function RequestFacts({ view, meeting: m }: { view: View; meeting: Meeting }): JSX.Element {
  const { t, locale } = view;
  return (
    <section class="card" aria-labelledby="request-title">
      <h2 id="request-title" safe>
        {t('wm_page.request_section')}
      </h2>
      <dl class="facts">
        {m.workplaceId === null ? <Fact label={t('fields.newWorkplaceName')} value={m.workplaceName} /> : ''}
        <Fact label={t('fields.newWorkplaceAddress')} value={m.newWorkplaceAddress} />
        <Fact label={t('fields.contactName')} value={m.contactName} />
        <dt safe>{t('fields.contactEmail')}</dt>
        <dd>
          <a href={`mailto:${m.contactEmail}`} safe>
            {m.contactEmail}
          </a>
        </dd>
        {m.contactPhone ? (
          <>
            <dt safe>{t('fields.contactPhone')}</dt>
            <dd>
              <a href={`tel:${m.contactPhone.replace(/\s+/g, '')}`} safe>
                {m.contactPhone}
              </a>
            </dd>
          </>
        ) : (
          ''
        )}
        <dt safe>{t('wm_page.proposed_times')}</dt>
        <dd>
          <ol class="wm-times">
            {m.proposedTimes.map((p) => (
              <li safe>{formatSpan(locale, p.startsAt, p.endsAt, m.timeZone)}</li>
            ))}
          </ol>
        </dd>
        <Fact label={t('fields.topicIds')} value={m.topics.map((x) => x.name).join(', ')} />
        <Fact label={t('fields.freeTopic')} value={m.freeTopic} />
        <Fact label={t('fields.questions')} value={m.questions} />
        <Fact label={t('wm_page.non_members_welcome')} value={t(m.nonMembersWelcome ? 'wm_page.yes' : 'wm_page.no')} />
        <Fact label={t('fields.expectedParticipants')} value={m.expectedParticipants === null ? null : formatNumber(locale, m.expectedParticipants)} />
      </dl>
    </section>
  );
}

/**
 * One meeting: its status with what it means, the meeting (once scheduled) and the request, and beside
 * them the actions the reader may take in this status (take, schedule, decline, report, cancel).
 */
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
  const { t } = view;
  const open = m.status === 'new' || m.status === 'in_progress';
  const started = m.startsAt !== null && new Date(m.startsAt).getTime() <= Date.now();
  const reason = m.declineReason ?? m.cancelReason;
  const actions = [
    may.manage && m.status === 'new' ? <TakeForm view={view} meeting={m} /> : '',
    may.manage && open ? <ScheduleForm view={view} meeting={m} form={forms.schedule} politicians={politicians} consultants={consultants} workplaces={workplaces} /> : '',
    may.manage && open ? <DeclineForm view={view} meeting={m} form={forms.decline} /> : '',
    may.report && (m.status === 'scheduled' || m.status === 'held') && started ? <ReportForm view={view} meeting={m} form={forms.report} /> : '',
    may.cancel && (open || m.status === 'scheduled') ? <CancelForm view={view} meeting={m} form={forms.cancel} office={may.manage} /> : '',
  ].filter((x) => x !== '');
  return (
    <Layout view={view} title={m.workplaceName}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/workplace-meetings" safe>
          {t('wm_page.queue_title')}
        </a>
      </nav>
      <PageHeader title={m.workplaceName} lead={m.unitName} />
      <ErrorSummary view={view} errors={forms.general ?? []} prefix="general" />
      <div class="wm-status-line">
        <StatusBadge view={view} status={m.status} />
        <span safe>{t(meetingStatusText[m.status])}</span>
      </div>
      {reason ? (
        <p class="wm-reason">
          <strong safe>{`${t('fields.reason')}: `}</strong>
          <span safe>{reason}</span>
        </p>
      ) : (
        ''
      )}
      <div class={actions.length ? 'grid grid-sidebar align-start wm-detail' : 'wm-detail'}>
        <div>
          <MeetingFacts view={view} meeting={m} />
          <RequestFacts view={view} meeting={m} />
        </div>
        {actions.length ? <div class="wm-actions">{actions}</div> : ''}
      </div>
    </Layout>
  );
}
