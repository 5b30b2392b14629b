import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import type { Unit } from '../../../kernel/units.js';
import type { FollowedMeeting } from '../requests.js';
import type { Topic } from '../topics.js';
import type { WorkplaceChoice } from '../page-queries.js';
import { PROPOSED_ROWS } from '../page-form.js';
import { StatusBadge } from './parts.js';
import { formatSpan } from './format.js';
import { followStatusText } from '../labels.js';

/**
 * The public request form. Step 1 chooses the district, which decides the workplaces and the topic
 * catalogue on offer (without JavaScript that is a GET form); step 2 is the request itself, in the
 * order a workplace thinks of it: where, who to answer, when, what about.
 */
export function RequestPage({ view, units, unitId, workplaces, topics, form }: { view: View; units: Unit[]; unitId: string | null; workplaces: WorkplaceChoice[]; topics: Topic[]; form: FormState }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const unitOptions = units.map((u) => ({ value: u.id, label: u.kind === 'district' ? u.name : `${'— '.repeat(u.depth)}${u.name}` }));
  const topicError = e.find((x) => x.path === 'topicIds');
  // The three proposals share the labels date, start and end: the summary says which proposal is meant
  // ("Forslag 2: Start skal ligge ude i fremtiden."); beside the field its fieldset already says so.
  const summary = e.map((x) => {
    const m = /^proposed\.(\d)\./.exec(x.path);
    return m ? { ...x, message: `${t('wm_page.proposal', { n: Number(m[1]) + 1 })}: ${x.message}` } : x;
  });
  return (
    <Layout view={view} title={t('wm_page.request_title')}>
      <PageHeader title={t('wm_page.request_title')} lead={t('wm_page.request_lead')} />
      <form method="get" action="/workplace-meetings/request" class="card wm-step" aria-label={t('wm_page.choose_unit')}>
        <h2 safe>{t('wm_page.step_district')}</h2>
        <div class="wm-pick-row">
          <SelectField name="unit" prefix="pick" label={t('wm_page.district')} hint={unitId ? undefined : t('wm_page.district_hint')} value={unitId} options={unitOptions} emptyLabel={t('wm_page.choose')} />
          <div class="filter-actions">
            <button type="submit" class={unitId ? 'button button-secondary' : 'button'} safe>
              {unitId ? t('wm_page.change_unit') : t('wm_page.choose_unit')}
            </button>
          </div>
        </div>
      </form>
      {unitId ? (
        <form method="post" action="/workplace-meetings/request" class="card wm-step wm-request-form" novalidate>
          <h2 safe>{t('wm_page.step_request')}</h2>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={summary} />
          <input type="hidden" name="unitId" value={unitId} />
          <fieldset class="wm-fieldset">
            <legend safe>{t('wm_page.workplace')}</legend>
            <SelectField name="workplaceId" label={t('fields.workplaceId')} value={v.workplaceId} errors={e} options={workplaces.map((w) => ({ value: w.id, label: w.name }))} emptyLabel={t('wm_page.not_listed')} />
            <div class="wm-pair">
              <TextField name="newWorkplaceName" label={t('fields.newWorkplaceName')} hint={t('wm_page.new_workplace_hint')} value={v.newWorkplaceName} errors={e} maxlength={200} />
              <TextField name="newWorkplaceAddress" label={t('fields.newWorkplaceAddress')} hint={t('wm_page.new_address_hint')} value={v.newWorkplaceAddress} errors={e} maxlength={300} autocomplete="street-address" />
            </div>
          </fieldset>
          <fieldset class="wm-fieldset">
            <legend safe>{t('wm_page.contact')}</legend>
            <p class="hint" safe>
              {t('wm_page.contact_hint')}
            </p>
            <TextField name="contactName" label={t('fields.name')} value={v.contactName} errors={e} required autocomplete="name" maxlength={200} />
            <div class="wm-pair">
              <TextField name="contactEmail" type="email" label={t('fields.email')} value={v.contactEmail} errors={e} required autocomplete="email" maxlength={254} />
              <TextField name="contactPhone" type="tel" label={t('fields.phone')} value={v.contactPhone} errors={e} autocomplete="tel" maxlength={40} />
            </div>
          </fieldset>
          <fieldset class="wm-fieldset">
            <legend safe>{t('wm_page.proposed_times')}</legend>
            <p class="hint" safe>
              {t('wm_page.proposed_hint')}
            </p>
            {Array.from({ length: PROPOSED_ROWS }, (_, i) => (
              <fieldset class="wm-proposal">
                <legend safe>{i === 0 ? t('wm_page.proposal', { n: i + 1 }) : t('wm_page.proposal_optional', { n: i + 1 })}</legend>
                <div class="wm-time-row">
                  <TextField name={`proposed.${i}.date`} type="date" label={t('fields.date')} value={v[`proposed.${i}.date`]} errors={e} required={i === 0} />
                  <TextField name={`proposed.${i}.start`} type="time" label={t('fields.start')} value={v[`proposed.${i}.start`]} errors={e} required={i === 0} />
                  <TextField name={`proposed.${i}.end`} type="time" label={t('fields.end')} value={v[`proposed.${i}.end`]} errors={e} required={i === 0} />
                </div>
              </fieldset>
            ))}
          </fieldset>
          <fieldset id="field-topicIds" tabindex="-1" class={topicError ? 'wm-fieldset field-invalid' : 'wm-fieldset'} aria-describedby={topicError ? 'field-error-topicIds' : 'field-hint-topicIds'}>
            <legend safe>{t('fields.topicIds')}</legend>
            <p class="hint" id="field-hint-topicIds" safe>
              {t('wm_page.topics_hint')}
            </p>
            {topicError ? (
              <p class="field-error" id="field-error-topicIds" safe>
                {topicError.message}
              </p>
            ) : (
              ''
            )}
            {topics.length ? (
              <ul class="wm-checks">
                {topics.map((topic) => (
                  <li class="wm-check">
                    <input type="checkbox" id={`topic-${topic.id}`} name={`topic.${topic.id}`} value="on" checked={Boolean(v[`topic.${topic.id}`])} />
                    <label for={`topic-${topic.id}`} safe>
                      {topic.name}
                    </label>
                  </li>
                ))}
              </ul>
            ) : (
              ''
            )}
            <TextField name="freeTopic" label={t('fields.freeTopic')} value={v.freeTopic} errors={e} maxlength={500} />
          </fieldset>
          <fieldset class="wm-fieldset">
            <legend safe>{t('wm_page.about_meeting')}</legend>
            <TextArea name="questions" label={t('fields.questions')} hint={t('wm_page.questions_hint')} value={v.questions} errors={e} rows={4} maxlength={5000} />
            <div class="wm-check wm-check-field">
              <input type="checkbox" id="field-nonMembersWelcome" name="nonMembersWelcome" value="on" checked={Boolean(v.nonMembersWelcome)} aria-describedby="field-hint-nonMembersWelcome" />
              <label for="field-nonMembersWelcome" safe>
                {t('wm_page.non_members_welcome')}
              </label>
              <p class="hint" id="field-hint-nonMembersWelcome" safe>
                {t('wm_page.non_members_hint')}
              </p>
            </div>
            <div class="wm-narrow-field">
              <TextField name="expectedParticipants" type="number" inputmode="numeric" label={t('fields.expectedParticipants')} value={v.expectedParticipants} errors={e} />
            </div>
          </fieldset>
          <button type="submit" class="button button-large" safe>
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
        <p>
          <a href="/" safe>
            {t('wm_page.back_home')}
          </a>
        </p>
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

/** What the requester sees behind the secret link: their request, what its status means, and its outcome. */
export function FollowPage({ view, meeting: m }: { view: View; meeting: FollowedMeeting }): JSX.Element {
  const { t, locale } = view;
  const span = (s: string, e: string) => formatSpan(locale, s, e, m.timeZone);
  const title = t('wm_page.follow_title', { workplace: m.workplaceName });
  const reason = m.declineReason ?? m.cancelReason;
  return (
    <Layout view={view} title={title}>
      <PageHeader title={title} />
      <div class="wm-status-line">
        <StatusBadge view={view} status={m.status} />
        <span safe>{t(followStatusText[m.status])}</span>
      </div>
      <section class="card" aria-labelledby="follow-facts">
        <h2 id="follow-facts" safe>
          {m.startsAt && m.endsAt ? t('wm_page.meeting_section') : t('wm_page.request_section')}
        </h2>
        <dl class="facts">
          {m.startsAt && m.endsAt ? (
            <>
              <dt safe>{t('wm_page.scheduled_time')}</dt>
              <dd safe>{span(m.startsAt, m.endsAt)}</dd>
            </>
          ) : (
            <>
              <dt safe>{t('wm_page.proposed_times')}</dt>
              <dd>
                <ol class="wm-times">
                  {m.proposedTimes.map((p) => (
                    <li safe>{span(p.startsAt, p.endsAt)}</li>
                  ))}
                </ol>
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
          {reason ? (
            <>
              <dt safe>{t('fields.reason')}</dt>
              <dd safe>{reason}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {m.eventSlug && (m.status === 'scheduled' || m.status === 'held') ? (
          <p>
            <a class={m.status === 'scheduled' ? 'button' : undefined} href={`/events/${encodeURIComponent(m.eventSlug)}`} safe>
              {m.status === 'scheduled' ? t('wm_page.event_link') : t('wm_page.event_link_past')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
    </Layout>
  );
}
