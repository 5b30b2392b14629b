import { Layout } from '../../../platform/html/layout.js';
import { ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { backgroundHint, backgroundLabel } from '../labels.js';
import { backgroundVariables, type BackgroundVariable } from '../tables.js';
import { QuestionFields } from './question-form.js';
import { formLabel, languageLabel, translations } from './survey-input.js';

/** The survey being changed, as its settings form needs it; absent for a new survey. */
export interface SurveyFormTarget {
  id: string;
  title: string;
  unitName: string;
  anonymous: boolean;
  background: BackgroundVariable[];
  archived: boolean;
  /** A wave has opened: anonymity and background variables are fixed. */
  fixed: boolean;
}

export interface SurveyFormProps {
  view: View;
  form: FormState;
  /** The units the reader's staff grant reaches (a new survey only). */
  units?: { id: string; name: string }[];
  survey?: SurveyFormTarget;
  /** The installation's smallest group, which no survey goes below. */
  minGroup: number;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

/** Anonymity and background variables, to choose (a new survey, or before any wave opened) or to read (fixed). */
function Privacy({ view, form, survey, minGroup }: { view: View; form: FormState; survey?: SurveyFormTarget; minGroup: number }): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  if (survey?.fixed) {
    return (
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.privacy_legend')}</legend>
        <p class="hint" safe>
          {t('surveys.builder.fixed_note')}
        </p>
        <dl class="facts">
          <dt safe>{t('surveys.builder.anonymous')}</dt>
          <dd safe>{survey.anonymous ? t('surveys.builder.anonymous_yes') : t('surveys.builder.anonymous_no')}</dd>
          <dt safe>{t('surveys.builder.background')}</dt>
          <dd safe>{survey.background.length > 0 ? survey.background.map((b) => t(backgroundLabel[b])).join(', ') : t('surveys.builder.background_none')}</dd>
        </dl>
      </fieldset>
    );
  }
  return (
    <fieldset class="form-section">
      <legend safe>{t('surveys.builder.privacy_legend')}</legend>
      <ChoiceGroup
        name="anonymous"
        type="radio"
        legend={t('surveys.builder.anonymous')}
        options={[
          { value: 'yes', label: t('surveys.builder.anonymous_yes'), hint: t('surveys.builder.anonymous_yes_hint', { min: minGroup }) },
          { value: 'no', label: t('surveys.builder.anonymous_no'), hint: t('surveys.builder.anonymous_no_hint') },
        ]}
        checked={list(v.anonymous)}
        errors={e}
      />
      <ChoiceGroup
        name="background"
        type="checkbox"
        legend={t('surveys.builder.background')}
        hint={t('surveys.builder.background_hint')}
        options={backgroundVariables.map((b) => ({ value: b, label: t(backgroundLabel[b]), hint: t(backgroundHint[b]) }))}
        checked={list(v.background)}
        errors={e}
      />
    </fieldset>
  );
}

/**
 * A survey's form: a new survey with its unit, settings and first question (a survey needs one), or
 * the settings of one (with archiving). Anonymity and background variables are explained where
 * they are chosen, and shown read-only once a wave has opened. A plain POST: it works without JavaScript.
 */
export function SurveyFormPage({ view, form, units, survey, minGroup }: SurveyFormProps): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const label = (f: string) => formLabel(t, f);
  const title = survey ? t('surveys.builder.settings_title', { survey: survey.title }) : t('surveys.builder.new_title');
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/surveys" safe>
          {t('surveys.nav')}
        </a>
        {survey ? (
          <>
            {' › '}
            <a href={`/surveys/${survey.id}`} safe>
              {survey.title}
            </a>
          </>
        ) : (
          ''
        )}
      </nav>
      <PageHeader title={title} lead={survey ? survey.unitName : t('surveys.builder.new_lead')} />
      <ErrorSummary view={view} errors={e} />
      <form method="post" action={survey ? `/surveys/${survey.id}` : '/surveys'} class="card form event-form" novalidate>
        <Csrf view={view} />
        <fieldset class="form-section">
          <legend safe>{t('surveys.builder.about_legend')}</legend>
          {units ? <SelectField name="unitId" label={label('unitId')} hint={t('surveys.builder.unit_hint')} value={v.unitId} options={units.map((u) => ({ value: u.id, label: u.name }))} errors={e} required /> : ''}
          <TextField name="title.da" label={label('title.da')} value={v['title.da']} errors={e} required />
          <TextArea name="intro.da" label={label('intro.da')} hint={t('surveys.builder.intro_hint')} value={v['intro.da']} errors={e} rows={4} />
          {translations.map((l) => {
            const names = [`title.${l}`, `intro.${l}`];
            const open = names.some((n) => typeof v[n] === 'string' && (v[n] as string).trim() !== '') || e.some((x) => names.includes(x.path));
            return (
              <details class="history" open={open}>
                <summary safe>{t('surveys.builder.translation_summary', { language: t(languageLabel[l]) })}</summary>
                <TextField name={`title.${l}`} label={label(`title.${l}`)} value={v[`title.${l}`]} errors={e} />
                <TextArea name={`intro.${l}`} label={label(`intro.${l}`)} value={v[`intro.${l}`]} errors={e} rows={3} />
              </details>
            );
          })}
        </fieldset>
        <Privacy view={view} form={form} survey={survey} minGroup={minGroup} />
        <TextField name="minGroup" label={label('minGroup')} hint={t('surveys.builder.min_group_hint', { min: minGroup })} value={v.minGroup} errors={e} inputmode="numeric" />
        {survey ? (
          ''
        ) : (
          <>
            <h2 safe>{t('surveys.builder.first_question')}</h2>
            <p class="hint" safe>
              {t('surveys.builder.first_question_hint')}
            </p>
            <QuestionFields view={view} form={form} />
          </>
        )}
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {survey ? t('surveys.builder.save_settings') : t('surveys.builder.create')}
          </button>
          <a class="button button-secondary" href={survey ? `/surveys/${survey.id}` : '/surveys'} safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
      {survey ? (
        <section class="card event-form" aria-labelledby="survey-archive">
          <h2 id="survey-archive" safe>
            {survey.archived ? t('surveys.builder.unarchive_heading') : t('surveys.builder.archive_heading')}
          </h2>
          <p safe>{survey.archived ? t('surveys.builder.unarchive_text') : t('surveys.builder.archive_text')}</p>
          <form method="post" action={`/surveys/${survey.id}`}>
            <Csrf view={view} />
            <input type="hidden" name="intent" value={survey.archived ? 'unarchive' : 'archive'} />
            <button type="submit" class="button button-secondary" safe>
              {survey.archived ? t('surveys.builder.unarchive') : t('surveys.builder.archive')}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </Layout>
  );
}
