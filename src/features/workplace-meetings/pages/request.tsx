import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { Unit } from '../../organisation/index.js';
import type { FollowedMeeting } from '../requests.js';
import type { Topic } from '../topics.js';
import type { WorkplaceChoice } from '../page-queries.js';
import { PROPOSED_ROWS } from '../page-form.js';
import { StatusBadge } from './parts.js';

/**
 * The public request form (step 1 chooses the district, which decides the workplaces and the topic
 * catalogue on offer; without JavaScript that is a GET form), the receipt, and the follow page.
 */
export function RequestPage({ view, units, unitId, workplaces, topics, form }: { view: View; units: Unit[]; unitId: string | null; workplaces: WorkplaceChoice[]; topics: Topic[]; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const unitOptions = units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }));
  const topicError = e.find((x) => x.path === 'topicIds');
  return (
    <Layout view={view} title={t('wm_page.request_title')}>
      <PageHeader title={t('wm_page.request_title')} lead={t('wm_page.request_lead')} />
      <form method="get" action="/workplace-meetings/request" class="card filters" aria-label={t('wm_page.choose_unit')}>
        <SelectField name="unit" prefix="pick" label={t('wm_page.district')} value={unitId} options={unitOptions} emptyLabel={t('wm_page.choose')} />
        <div class="filter-actions">
          <button type="submit" class="button button-secondary" safe>
            {t('wm_page.choose_unit')}
          </button>
        </div>
      </form>
      {unitId ? (
        <form method="post" action="/workplace-meetings/request" class="card" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={e} />
          <input type="hidden" name="unitId" value={unitId} />
          <fieldset>
            <legend safe>{t('wm_page.workplace')}</legend>
            <SelectField name="workplaceId" label={t('fields.workplaceId')} value={v.workplaceId} errors={e} options={workplaces.map((w) => ({ value: w.id, label: w.name }))} emptyLabel={t('wm_page.not_listed')} />
            <TextField name="newWorkplaceName" label={t('fields.newWorkplaceName')} hint={t('wm_page.new_workplace_hint')} value={v.newWorkplaceName} errors={e} maxlength={200} />
            <TextField name="newWorkplaceAddress" label={t('fields.newWorkplaceAddress')} value={v.newWorkplaceAddress} errors={e} maxlength={300} />
          </fieldset>
          <fieldset>
            <legend safe>{t('wm_page.contact')}</legend>
            <TextField name="contactName" label={t('fields.contactName')} value={v.contactName} errors={e} required autocomplete="name" maxlength={200} />
            <TextField name="contactEmail" type="email" label={t('fields.contactEmail')} value={v.contactEmail} errors={e} required autocomplete="email" maxlength={254} />
            <TextField name="contactPhone" type="tel" label={t('fields.contactPhone')} value={v.contactPhone} errors={e} autocomplete="tel" maxlength={40} />
          </fieldset>
          <fieldset>
            <legend safe>{t('wm_page.proposed_times')}</legend>
            <p class="hint" safe>
              {t('wm_page.proposed_hint')}
            </p>
            {Array.from({ length: PROPOSED_ROWS }, (_, i) => (
              <div class="field-row">
                <TextField name={`proposed.${i}.date`} type="date" label={t('wm_page.proposed_date', { n: i + 1 })} value={v[`proposed.${i}.date`]} errors={e} required={i === 0} />
                <TextField name={`proposed.${i}.start`} type="time" label={t('fields.startTime')} value={v[`proposed.${i}.start`]} errors={e} required={i === 0} />
                <TextField name={`proposed.${i}.end`} type="time" label={t('fields.endTime')} value={v[`proposed.${i}.end`]} errors={e} required={i === 0} />
              </div>
            ))}
          </fieldset>
          <fieldset id="field-topicIds" class={topicError ? 'field field-invalid' : 'field'} aria-describedby={topicError ? 'field-error-topicIds' : undefined}>
            <legend safe>{t('fields.topicIds')}</legend>
            {topicError ? (
              <p class="field-error" id="field-error-topicIds" safe>
                {topicError.message}
              </p>
            ) : (
              ''
            )}
            {topics.map((topic) => (
              <div class="checkbox">
                <input type="checkbox" id={`topic-${topic.id}`} name={`topic.${topic.id}`} value="on" checked={Boolean(v[`topic.${topic.id}`])} />
                <label for={`topic-${topic.id}`} safe>
                  {topic.name}
                </label>
              </div>
            ))}
            <TextField name="freeTopic" label={t('fields.freeTopic')} value={v.freeTopic} errors={e} maxlength={500} />
          </fieldset>
          <TextArea name="questions" label={t('fields.questions')} value={v.questions} errors={e} rows={4} maxlength={5000} />
          <div class="checkbox">
            <input type="checkbox" id="field-nonMembersWelcome" name="nonMembersWelcome" value="on" checked={Boolean(v.nonMembersWelcome)} />
            <label for="field-nonMembersWelcome" safe>
              {t('wm_page.non_members_welcome')}
            </label>
          </div>
          <TextField name="expectedParticipants" type="number" inputmode="numeric" label={t('fields.expectedParticipants')} value={v.expectedParticipants} errors={e} />
          <button type="submit" class="button" safe>
            {t('wm_page.send_request')}
          </button>
        </form>
      ) : (
        ''
      )}
    </Layout>
  );
}

export function RequestSentPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('wm_page.sent_title')}>
      <div class="card narrow">
        <h1 safe>{t('wm_page.sent_title')}</h1>
        <p safe>{t('wm_page.sent_text')}</p>
      </div>
    </Layout>
  );
}

export function BadFollowLinkPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('wm_page.bad_link_title')}>
      <div class="card narrow">
        <h1 safe>{t('wm_page.bad_link_title')}</h1>
        <p safe>{t('wm_page.bad_link_text')}</p>
      </div>
    </Layout>
  );
}

/** What the requester sees behind the secret link: their request and its outcome. */
export function FollowPage({ view, meeting: m }: { view: View; meeting: FollowedMeeting }): JSX.Element {
  const { t, locale } = view;
  const when = (s: string) => formatDateTime(locale, s, m.timeZone);
  const title = t('wm_page.follow_title', { workplace: m.workplaceName });
  return (
    <Layout view={view} title={title}>
      <div class="card">
        <h1 safe>{title}</h1>
        <dl class="facts">
          <dt safe>{t('fields.status')}</dt>
          <dd>
            <StatusBadge view={view} status={m.status} />
          </dd>
          {m.startsAt && m.endsAt ? (
            <>
              <dt safe>{t('wm_page.scheduled_time')}</dt>
              <dd safe>{`${when(m.startsAt)} – ${when(m.endsAt)}`}</dd>
            </>
          ) : (
            <>
              <dt safe>{t('wm_page.proposed_times')}</dt>
              <dd>
                <ul>
                  {m.proposedTimes.map((p) => (
                    <li safe>{`${when(p.startsAt)} – ${when(p.endsAt)}`}</li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          <dt safe>{t('fields.topicIds')}</dt>
          <dd safe>{[...m.topics, ...(m.freeTopic ? [m.freeTopic] : [])].join(', ')}</dd>
          {m.politicianName ? (
            <>
              <dt safe>{t('fields.politicianId')}</dt>
              <dd safe>{m.politicianName}</dd>
            </>
          ) : (
            ''
          )}
          {m.consultantName ? (
            <>
              <dt safe>{t('fields.consultantId')}</dt>
              <dd safe>{m.consultantName}</dd>
            </>
          ) : (
            ''
          )}
          {m.declineReason ? (
            <>
              <dt safe>{t('fields.reason')}</dt>
              <dd safe>{m.declineReason}</dd>
            </>
          ) : (
            ''
          )}
          {m.cancelReason ? (
            <>
              <dt safe>{t('fields.reason')}</dt>
              <dd safe>{m.cancelReason}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {m.eventSlug ? (
          <p>
            <a class="button" href={`/events/${encodeURIComponent(m.eventSlug)}`} safe>
              {t('wm_page.event_link')}
            </a>
          </p>
        ) : (
          ''
        )}
      </div>
    </Layout>
  );
}
