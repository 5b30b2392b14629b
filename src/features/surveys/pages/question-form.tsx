import { Layout } from '../../../platform/html/layout.js';
import { CheckboxField, ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FieldError } from '../../../platform/errors.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { questionTypeHint, questionTypeLabel } from '../labels.js';
import { answerValues, inLocale, type Question } from '../questions.js';
import { questionTypes } from '../tables.js';
import { formLabel, languageLabel, translations } from './survey-input.js';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
const has = (v: Record<string, unknown>, names: readonly string[]) => names.some((n) => typeof v[n] === 'string' && (v[n] as string).trim() !== '');

/** A question of the survey as a condition's choice: its key and text, and the answers a condition may name. */
function conditionOption(view: View, q: Question): { value: string; label: string } {
  const values = answerValues(q);
  const text = inLocale(q.text, view.locale);
  return { value: q.key, label: values.length > 0 ? `${q.key}: ${text} (${values.join(', ')})` : `${q.key}: ${text}` };
}

export interface QuestionFieldsProps {
  view: View;
  form: FormState;
  /** The questions a condition may refer to (those before this one that have no condition of their own); absent: no condition (the first question). */
  earlier?: readonly Question[];
}

/**
 * A question's fields: what it asks (in Danish, with its key, type, help and section), then what
 * each type needs (choices, scale, statements, bounds), the condition, and the translations, each
 * language folded away unless it has text or an error. Fields another type needs are ignored.
 */
export function QuestionFields({ view, form, earlier }: QuestionFieldsProps): JSX.Element {
  const { t } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const label = (f: string) => formLabel(t, f);
  return (
    <>
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.question_legend')}</legend>
        <TextArea name="text.da" label={label('text.da')} hint={t('surveys.builder.text_hint')} value={v['text.da']} errors={e} rows={2} required />
        <TextField name="key" label={label('key')} hint={t('surveys.builder.key_hint')} value={v.key} errors={e} autocomplete="off" />
        <ChoiceGroup
          name="type"
          type="radio"
          legend={label('type')}
          options={questionTypes.map((q) => ({ value: q, label: t(questionTypeLabel[q]), hint: t(questionTypeHint[q]) }))}
          checked={list(v.type)}
          errors={e}
        />
        <TextArea name="help.da" label={label('help.da')} hint={t('surveys.builder.help_hint')} value={v['help.da']} errors={e} rows={2} />
        <TextField name="section.da" label={label('section.da')} hint={t('surveys.builder.section_hint')} value={v['section.da']} errors={e} />
        <CheckboxField name="required" label={label('required')} hint={t('surveys.builder.required_hint')} checked={v.required === 'on' || v.required === true} errors={e} />
      </fieldset>
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.options_legend')}</legend>
        <TextArea name="options" label={label('options')} hint={t('surveys.builder.options_hint')} value={v.options} errors={e} rows={5} />
      </fieldset>
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.scale_legend')}</legend>
        <ChoiceGroup
          name="scale"
          type="radio"
          legend={label('scale')}
          options={[
            { value: '1-5', label: t('surveys.builder.scale_1_5') },
            { value: '0-10', label: t('surveys.builder.scale_0_10') },
          ]}
          checked={[String(v.scale ?? '1-5')]}
          errors={e}
        />
        <div class="grid compact field-pair">
          <TextField name="minLabel.da" label={label('minLabel.da')} hint={t('surveys.builder.min_label_hint')} value={v['minLabel.da']} errors={e} />
          <TextField name="maxLabel.da" label={label('maxLabel.da')} hint={t('surveys.builder.max_label_hint')} value={v['maxLabel.da']} errors={e} />
        </div>
      </fieldset>
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.statements_legend')}</legend>
        <TextArea name="statements" label={label('statements')} hint={t('surveys.builder.statements_hint')} value={v.statements} errors={e} rows={4} />
      </fieldset>
      <fieldset class="form-section">
        <legend safe>{t('surveys.builder.number_legend')}</legend>
        <div class="grid compact field-pair">
          <TextField name="numberMin" label={label('numberMin')} value={v.numberMin} errors={e} inputmode="numeric" />
          <TextField name="numberMax" label={label('numberMax')} value={v.numberMax} errors={e} inputmode="numeric" />
        </div>
      </fieldset>
      {earlier ? (
        <fieldset class="form-section">
          <legend safe>{t('surveys.builder.condition_legend')}</legend>
          <p class="hint" safe>
            {t('surveys.builder.condition_intro')}
          </p>
          <SelectField
            name="condition.key"
            label={label('condition.key')}
            value={v['condition.key']}
            options={earlier.map((q) => conditionOption(view, q))}
            emptyLabel={t('surveys.builder.condition_none')}
            errors={e}
          />
          <TextField name="condition.values" label={label('condition.values')} hint={t('surveys.builder.condition_values_hint')} value={v['condition.values']} errors={e} />
        </fieldset>
      ) : (
        ''
      )}
      {translations.map((l) => {
        const names = [`text.${l}`, `help.${l}`, `section.${l}`, `options.${l}`, `minLabel.${l}`, `maxLabel.${l}`, `statements.${l}`];
        const open = has(v, names) || e.some((x) => names.includes(x.path));
        return (
          <details class="history" open={open}>
            <summary safe>{t('surveys.builder.translation_summary', { language: t(languageLabel[l]) })}</summary>
            <p class="hint" safe>
              {t('surveys.builder.translation_hint')}
            </p>
            <TextArea name={`text.${l}`} label={label(`text.${l}`)} value={v[`text.${l}`]} errors={e} rows={2} />
            <TextArea name={`help.${l}`} label={label(`help.${l}`)} value={v[`help.${l}`]} errors={e} rows={2} />
            <TextField name={`section.${l}`} label={label(`section.${l}`)} value={v[`section.${l}`]} errors={e} />
            <TextArea name={`options.${l}`} label={label(`options.${l}`)} hint={t('surveys.builder.options_translation_hint')} value={v[`options.${l}`]} errors={e} rows={4} />
            <div class="grid compact field-pair">
              <TextField name={`minLabel.${l}`} label={label(`minLabel.${l}`)} value={v[`minLabel.${l}`]} errors={e} />
              <TextField name={`maxLabel.${l}`} label={label(`maxLabel.${l}`)} value={v[`maxLabel.${l}`]} errors={e} />
            </div>
            <TextArea name={`statements.${l}`} label={label(`statements.${l}`)} hint={t('surveys.builder.statements_translation_hint')} value={v[`statements.${l}`]} errors={e} rows={3} />
          </details>
        );
      })}
    </>
  );
}

export interface QuestionFormProps {
  view: View;
  survey: { id: string; title: string };
  form: FormState;
  earlier: readonly Question[];
  /** The question being changed (absent: a new one), with the waves that have asked it. */
  question?: { key: string; text: string; askedIn: string[] };
}

/**
 * Adding a question to a survey, or changing one. A question a wave has asked keeps its meaning:
 * the page says what may change and that a changed meaning needs a new key.
 */
export function QuestionFormPage({ view, survey, form, earlier, question }: QuestionFormProps): JSX.Element {
  const { t } = view;
  const title = question ? t('surveys.builder.edit_question_title', { question: question.text }) : t('surveys.builder.new_question_title');
  const action = question ? `/surveys/${survey.id}/questions/${question.key}` : `/surveys/${survey.id}/questions`;
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
      <PageHeader title={title} lead={survey.title} />
      {question && question.askedIn.length > 0 ? (
        <div class="flash flash-info">
          <p safe>{t('surveys.builder.in_use_note', { waves: question.askedIn.join(', ') })}</p>
        </div>
      ) : (
        ''
      )}
      <ErrorSummary view={view} errors={form.errors} />
      <form method="post" action={action} class="card form event-form" novalidate>
        <Csrf view={view} />
        <QuestionFields view={view} form={form} earlier={earlier} />
        <div class="form-actions">
          <button type="submit" class="button" safe>
            {question ? t('surveys.builder.save_question') : t('surveys.builder.add_question')}
          </button>
          <a class="button button-secondary" href={`/surveys/${survey.id}`} safe>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}
