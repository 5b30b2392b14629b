import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime, formatNumber } from '../../../platform/i18n/format.js';
import { locales } from '../../../platform/i18n/i18n.js';
import { BODY_MAX, SUBJECT_MAX } from '../schema.js';
import { languageNameLabel, mergeFieldLabel } from '../labels.js';
import { mergeFieldNames } from '../merge-fields.js';

export interface FormOptions {
  units: { id: string; name: string; depth: number }[];
  segments: { id: string; name: string; unitName: string }[];
  topics: { id: string; name: string }[];
  events: { id: string; title: string; startsAt: Date; timeZone: string }[];
}

/** The recipients a segment reaches today, in the form's live region (also the htmx partial). */
export function SegmentCount({ view, count }: { view: View; count: number | null }): JSX.Element {
  const { t, locale } = view;
  if (count === null) return <p class="muted" safe>{t('mailings.form.count_hint')}</p>;
  return (
    <p>
      <strong safe>{t('mailings.recipients')}</strong>
      {': '}
      <span safe>{formatNumber(locale, count)}</span>
    </p>
  );
}

const MERGE_HELP = ['firstName', 'lastName', 'fullName', 'memberNumber', 'email', 'registerLink', 'unsubscribeLink'] as const;

/**
 * Compose or change a draft: who it goes to (unit, segment with its live count), what it is (a
 * newsletter on a topic, or service mail with the reason), an optional event to invite to, and the
 * text per language in Markdown. Works without JavaScript; htmx only refreshes the count.
 */
export function MailingFormPage({
  view,
  form,
  options,
  count,
  mailingId,
}: {
  view: View;
  form: FormState;
  options: FormOptions;
  count: number | null;
  mailingId: string | null;
}): JSX.Element {
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  const errors = form.errors;
  const title = mailingId ? t('mailings.form.edit_title') : t('mailings.form.new_title');
  const kind = v.kind === 'service' ? 'service' : 'newsletter';
  const kindError = errors.find((e) => e.path === 'kind');
  const main = typeof v.locale === 'string' ? v.locale : view.org.defaultLocale;
  return (
    <Layout view={view} title={title}>
      <p class="breadcrumbs">
        <a href={mailingId ? `/mailings/${mailingId}` : '/mailings'} safe>
          {mailingId ? t('mailings.back_to_mailing') : t('mailings.title')}
        </a>
      </p>
      <PageHeader title={title} />
      <ErrorSummary view={view} errors={errors} />
      <form method="post" action={mailingId ? `/mailings/${mailingId}` : '/mailings'} class="card" novalidate>
        <Csrf view={view} />
        <h2 safe>{t('mailings.form.recipients')}</h2>
        <SelectField
          name="unitId"
          label={t('fields.unitId')}
          hint={t('mailings.form.unit_hint')}
          value={v.unitId}
          errors={errors}
          emptyLabel={t('mailings.form.unit_from_segment')}
          options={options.units.map((u) => ({ value: u.id, label: `${'— '.repeat(u.depth)}${u.name}` }))}
        />
        <div hx-get="/mailings/segment-count" hx-trigger="change" hx-target="#segment-count" hx-include="#field-segmentId">
          <SelectField
            name="segmentId"
            label={t('fields.segmentId')}
            value={v.segmentId}
            errors={errors}
            required
            emptyLabel={t('mailings.form.choose')}
            options={options.segments.map((s) => ({ value: s.id, label: `${s.name} (${s.unitName})` }))}
          />
        </div>
        <div id="segment-count" aria-live="polite">
          <SegmentCount view={view} count={count} />
        </div>

        <fieldset id="field-kind" class={kindError ? 'choice-field field-invalid' : 'choice-field'}>
          <legend safe>{t('fields.kind')}</legend>
          <div class="choice-options">
            <label class="choice">
              <input type="radio" name="kind" value="newsletter" checked={kind === 'newsletter'} />
              <span safe>{t('mailings.kind.newsletter')}</span>
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="service" checked={kind === 'service'} />
              <span safe>{t('mailings.kind.service')}</span>
            </label>
          </div>
          <p class="hint" safe>
            {t('mailings.form.kind_hint')}
          </p>
        </fieldset>
        <SelectField
          name="topicId"
          label={t('fields.topicId')}
          hint={t('mailings.form.topic_hint')}
          value={v.topicId}
          errors={errors}
          emptyLabel={t('mailings.form.choose')}
          options={options.topics.map((x) => ({ value: x.id, label: x.name }))}
        />
        <TextArea name="serviceReason" label={t('fields.serviceReason')} hint={t('mailings.form.service_reason_hint')} value={v.serviceReason} errors={errors} rows={2} maxlength={1000} />
        <SelectField
          name="eventId"
          label={t('fields.eventId')}
          hint={t('mailings.form.event_hint')}
          value={v.eventId}
          errors={errors}
          emptyLabel={t('mailings.form.no_event')}
          options={options.events.map((e) => ({ value: e.id, label: `${e.title} (${formatDateTime(locale, e.startsAt, e.timeZone)})` }))}
        />

        <h2 safe>{t('mailings.form.texts')}</h2>
        <SelectField
          name="locale"
          label={t('fields.locale')}
          hint={t('mailings.form.locale_hint')}
          value={main}
          errors={errors}
          options={locales.map((l) => ({ value: l, label: t(languageNameLabel[l]) }))}
        />
        <details class="card">
          <summary safe>{t('mailings.form.merge_fields')}</summary>
          <p class="hint" safe>
            {t('mailings.form.merge_fields_hint')}
          </p>
          <dl class="facts">
            {MERGE_HELP.map((f) => {
              // The reader's own name for the field first; the other languages' names work as well.
              const own = mergeFieldNames[f][locale];
              const others = [...new Set(locales.map((l) => mergeFieldNames[f][l]))].filter((n) => n !== own).map((n) => `{{${n}}}`);
              return (
                <>
                  <dt>
                    <code safe>{`{{${own}}}`}</code>
                  </dt>
                  <dd>
                    <span safe>{t(mergeFieldLabel[f])}</span>
                    <span class="cell-note muted" safe>
                      {t('mailings.form.merge_also', { names: others.join(', ') })}
                    </span>
                  </dd>
                </>
              );
            })}
          </dl>
        </details>
        {locales.map((l) => (
          <fieldset class="card">
            <legend safe>{t(languageNameLabel[l])}</legend>
            <p class="hint" safe>
              {l === main ? t('mailings.form.main_version') : t('mailings.form.translation')}
            </p>
            <TextField name={`subject_${l}`} label={t('mailings.form.subject')} value={v[`subject_${l}`]} errors={errors} maxlength={SUBJECT_MAX} required={l === main} />
            <TextArea name={`body_${l}`} label={t('mailings.form.body')} hint={t('mailings.form.body_hint')} value={v[`body_${l}`]} errors={errors} rows={12} maxlength={BODY_MAX} required={l === main} />
          </fieldset>
        ))}
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {t('mailings.form.save')}
          </button>
          <a href={mailingId ? `/mailings/${mailingId}` : '/mailings'} class="button button-secondary" safe>
            {t('mailings.form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
