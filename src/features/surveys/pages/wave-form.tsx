import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formLabel, languageLabel, translations } from './survey-input.js';

export interface WaveFormProps {
  view: View;
  form: FormState;
  survey: { id: string; title: string; unitName: string; anonymous: boolean; questionCount: number };
  /** The segments the reader may ask, of the survey's unit or below. */
  segments: { id: string; name: string }[];
}

/**
 * Planning a wave: its name, when it opens and closes (on the organisation's clock), who it asks (a
 * segment, or every active member of the unit and below), up to two reminders to those who have not
 * answered, and an own invitation if the feature's is not wanted. A wave whose time has come opens
 * at once and invites.
 */
export function WaveFormPage({ view, form, survey, segments }: WaveFormProps): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const label = (f: string) => formLabel(t, f);
  const title = t('surveys.wave_form.title');
  const invitationNames = ['invitation.subject', 'invitation.body'].flatMap((n) => ['da', ...translations].map((l) => `${n}.${l}`));
  const ownInvitation = invitationNames.some((n) => typeof v[n] === 'string' && (v[n] as string).trim() !== '') || e.some((x) => invitationNames.includes(x.path));
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/surveys" safe>
          {t('surveys.nav')}
        </a>
        {' › '}
        <a href={`/surveys/${survey.id}`} safe>
          {survey.title}
        </a>
      </nav>
      <PageHeader title={title} lead={t('surveys.wave_form.lead', { survey: survey.title, count: survey.questionCount })} />
      <ErrorSummary view={view} errors={e} />
      <form method="post" action={`/surveys/${survey.id}/waves`} class="card form event-form" novalidate>
        <Csrf view={view} />
        <fieldset class="form-section">
          <legend safe>{t('surveys.wave_form.when_legend')}</legend>
          <TextField name="name" label={label('name')} hint={t('surveys.wave_form.name_hint')} value={v.name} errors={e} />
          <div class="grid compact field-pair">
            <TextField name="opensAt" type="datetime-local" label={label('opensAt')} hint={t('surveys.wave_form.opens_hint')} value={v.opensAt} errors={e} required />
            <TextField name="closesAt" type="datetime-local" label={label('closesAt')} hint={t('surveys.wave_form.closes_hint')} value={v.closesAt} errors={e} required />
          </div>
        </fieldset>
        <fieldset class="form-section">
          <legend safe>{t('surveys.wave_form.audience_legend')}</legend>
          <SelectField
            name="segmentId"
            label={label('segmentId')}
            hint={t('surveys.wave_form.audience_hint')}
            value={v.segmentId}
            options={[{ value: '', label: t('surveys.wave_form.audience_all', { unit: survey.unitName }) }, ...segments.map((s) => ({ value: s.id, label: s.name }))]}
            errors={e}
          />
        </fieldset>
        <fieldset class="form-section">
          <legend safe>{t('surveys.wave_form.reminders_legend')}</legend>
          <p class="hint" safe>
            {t('surveys.wave_form.reminders_hint')}
          </p>
          <div class="grid compact field-pair">
            <TextField name="reminders.0" type="datetime-local" label={label('reminders.0')} value={v['reminders.0']} errors={e} />
            <TextField name="reminders.1" type="datetime-local" label={label('reminders.1')} value={v['reminders.1']} errors={e} />
          </div>
        </fieldset>
        <details class="history" open={ownInvitation}>
          <summary safe>{t('surveys.wave_form.invitation_summary')}</summary>
          <p class="hint" safe>
            {survey.anonymous ? `${t('surveys.wave_form.invitation_hint')} ${t('surveys.wave_form.invitation_anonymous')}` : t('surveys.wave_form.invitation_hint')}
          </p>
          <TextField name="invitation.subject.da" label={label('invitation.subject.da')} value={v['invitation.subject.da']} errors={e} />
          <TextArea name="invitation.body.da" label={label('invitation.body.da')} hint={t('surveys.wave_form.invitation_body_hint', { link: '{{personalLink}}' })} value={v['invitation.body.da']} errors={e} rows={6} />
          {translations.map((l) => (
            <fieldset class="form-section">
              <legend safe>{t(languageLabel[l])}</legend>
              <TextField name={`invitation.subject.${l}`} label={label(`invitation.subject.${l}`)} value={v[`invitation.subject.${l}`]} errors={e} />
              <TextArea name={`invitation.body.${l}`} label={label(`invitation.body.${l}`)} value={v[`invitation.body.${l}`]} errors={e} rows={4} />
            </fieldset>
          ))}
        </details>
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {t('surveys.wave_form.submit')}
          </button>
          <a class="button button-secondary" href={`/surveys/${survey.id}`} safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
