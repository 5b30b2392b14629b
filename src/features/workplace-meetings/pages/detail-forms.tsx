import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { emptyForm } from '../../../platform/html/view.js';
import type { Meeting } from '../schema.js';
import type { Assignable, WorkplaceChoice } from '../page-queries.js';
// The wall-clock date and time a form's fields take, the way the events' staff forms read them.
import { localParts } from '../../../platform/i18n/zoned-time.js';

/** The office's actions on one meeting, each its own small form posting to the same use case as the API. */

export function TakeForm({ view, meeting: m }: { view: View; meeting: Meeting }): JSX.Element {
  const { t } = view;
  return (
    <form method="post" action={`/workplace-meetings/${m.id}/take`} class="card wm-action">
      <h2 safe>{t('wm_page.take')}</h2>
      <p class="hint" safe>
        {t('wm_page.take_hint')}
      </p>
      <Csrf view={view} />
      <button type="submit" class="button" safe>
        {t('wm_page.take')}
      </button>
    </form>
  );
}

/**
 * Scheduling: the time (filled in from the requester's first proposal still ahead, which is what the
 * office most often picks), the politician and the consultant, and for a new workplace the registered one.
 */
export function ScheduleForm({
  view,
  meeting: m,
  form,
  politicians,
  consultants,
  workplaces,
}: {
  view: View;
  meeting: Meeting;
  form: FormState | undefined;
  politicians: Assignable[];
  consultants: Assignable[];
  workplaces: WorkplaceChoice[];
}): JSX.Element {
  const { t } = view;
  const proposal = m.proposedTimes.find((p) => new Date(p.startsAt).getTime() > Date.now());
  const prefilled = !form && proposal !== undefined;
  const sched = form ?? emptyForm(prefilled ? { date: localParts(proposal.startsAt, m.timeZone).date, startTime: localParts(proposal.startsAt, m.timeZone).time, endTime: localParts(proposal.endsAt, m.timeZone).time } : {});
  const sv = sched.values as Record<string, unknown>;
  return (
    <form method="post" action={`/workplace-meetings/${m.id}/schedule`} class="card wm-action" novalidate>
      <h2 safe>{t('wm_page.schedule')}</h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={sched.errors} prefix="schedule" />
      {m.workplaceId === null ? (
        <SelectField prefix="schedule" name="workplaceId" label={t('fields.workplaceId')} hint={t('wm_page.register_first')} value={sv.workplaceId} errors={sched.errors} options={workplaces.map((w) => ({ value: w.id, label: w.name }))} emptyLabel={t('wm_page.choose')} required />
      ) : (
        ''
      )}
      <fieldset class="wm-fieldset">
        <legend safe>{t('wm_page.scheduled_time')}</legend>
        <p class="hint" safe>
          {prefilled ? `${t('wm_page.prefilled_hint')} ${t('wm_page.zone_hint')}` : t('wm_page.zone_hint')}
        </p>
        <div class="wm-time-row">
          <TextField prefix="schedule" name="date" type="date" label={t('fields.date')} value={sv.date} errors={sched.errors} required />
          <TextField prefix="schedule" name="startTime" type="time" label={t('fields.startTime')} value={sv.startTime} errors={sched.errors} required />
          <TextField prefix="schedule" name="endTime" type="time" label={t('fields.endTime')} value={sv.endTime} errors={sched.errors} required />
        </div>
      </fieldset>
      <SelectField prefix="schedule" name="politicianId" label={t('fields.politicianId')} hint={t('wm_page.politician_hint')} value={sv.politicianId} errors={sched.errors} options={politicians.map((p) => ({ value: p.id, label: p.name }))} emptyLabel={t('wm_page.choose')} required />
      <SelectField prefix="schedule" name="consultantId" label={t('fields.consultantId')} value={sv.consultantId} errors={sched.errors} options={consultants.map((p) => ({ value: p.id, label: p.name }))} emptyLabel={t('wm_page.choose')} required />
      <button type="submit" class="button" safe>
        {t('wm_page.schedule')}
      </button>
    </form>
  );
}

export function DeclineForm({ view, meeting: m, form }: { view: View; meeting: Meeting; form: FormState | undefined }): JSX.Element {
  const { t } = view;
  const dec = form ?? emptyForm();
  return (
    <form method="post" action={`/workplace-meetings/${m.id}/decline`} class="card wm-action" novalidate>
      <h2 safe>{t('wm_page.decline')}</h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={dec.errors} prefix="decline" />
      <TextArea prefix="decline" name="reason" label={t('fields.reason')} hint={t('wm_page.decline_hint')} value={(dec.values as Record<string, unknown>).reason} errors={dec.errors} rows={3} maxlength={2000} required />
      <button type="submit" class="button button-danger" safe>
        {t('wm_page.decline')}
      </button>
    </form>
  );
}

export function ReportForm({ view, meeting: m, form }: { view: View; meeting: Meeting; form: FormState | undefined }): JSX.Element {
  const { t } = view;
  const rep = form ?? emptyForm();
  const rv = rep.values as Record<string, unknown>;
  const title = m.status === 'held' ? t('wm_page.report_edit') : t('wm_page.report');
  return (
    <form method="post" action={`/workplace-meetings/${m.id}/report`} class="card wm-action" novalidate>
      <h2 safe>{title}</h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={rep.errors} prefix="report" />
      <TextArea prefix="report" name="note" label={t('fields.note')} hint={t('wm_page.note_hint')} value={rv.note ?? m.reportNote} errors={rep.errors} rows={5} maxlength={10000} required />
      <div class="wm-number-row">
        <TextField prefix="report" name="participants" type="number" inputmode="numeric" label={t('fields.participants')} value={rv.participants ?? m.participants} errors={rep.errors} required />
        <TextField prefix="report" name="membersRecruited" type="number" inputmode="numeric" label={t('fields.membersRecruited')} value={rv.membersRecruited ?? m.membersRecruited} errors={rep.errors} required />
      </div>
      <button type="submit" class="button" safe>
        {title}
      </button>
    </form>
  );
}

/** The office cancels; a requester (not the office) withdraws their own request, which the form says in their words. */
export function CancelForm({ view, meeting: m, form, office }: { view: View; meeting: Meeting; form: FormState | undefined; office: boolean }): JSX.Element {
  const { t } = view;
  const can = form ?? emptyForm();
  const scheduled = m.status === 'scheduled';
  const title = !office ? t('wm_page.withdraw') : scheduled ? t('wm_page.cancel_meeting') : t('wm_page.cancel_request');
  return (
    <form method="post" action={`/workplace-meetings/${m.id}/cancel`} class="card wm-action" novalidate>
      <h2 safe>{title}</h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={can.errors} prefix="cancel" />
      <TextArea prefix="cancel" name="reason" label={t('fields.reason')} hint={office ? t(scheduled ? 'wm_page.cancel_hint' : 'wm_page.cancel_request_hint') : undefined} value={(can.values as Record<string, unknown>).reason} errors={can.errors} rows={2} maxlength={2000} />
      <button type="submit" class="button button-danger" safe>
        {title}
      </button>
    </form>
  );
}
