import type { FieldError } from '../../../platform/errors.js';
import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader } from '../../../platform/html/components.js';
import { Markdown } from '../../../platform/html/markdown.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { intlTag } from '../../../platform/i18n/i18n.js';
import type { AnswerForm, Respondent } from '../answering.js';
import { inLocale, type Question } from '../questions.js';
import type { SurveyText } from '../tables.js';
import { fieldName, type AnswerValues } from './answer-input.js';

/** The survey pages' own stylesheet and the small script that hides a question whose condition is not met. */
export function SurveyAssets(): JSX.Element {
  return (
    <>
      <link rel="stylesheet" href="/public/survey-answer.css" />
      <script src="/public/survey-answer.js" defer></script>
    </>
  );
}

export interface AnswerFormProps {
  view: View;
  form: AnswerForm;
  /** What the fields show: the saved draft, or what was just posted. */
  values: AnswerValues;
  errors: FieldError[];
  /** Where "Send" posts; "Save" posts to the same address + `/save`. */
  action: string;
  via: Respondent['via'];
  minGroup: number;
}

/** What a question part of the page needs. */
interface Ctx {
  view: View;
  questions: readonly Question[];
  values: AnswerValues;
  errors: FieldError[];
}

const valueOf = (values: AnswerValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
};
const ticked = (values: AnswerValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : [];
};
const errorOf = (errors: FieldError[], name: string) => errors.find((e) => e.path === name);
const ids = (...list: (string | false | undefined)[]) => list.filter(Boolean).join(' ') || undefined;

/** The questions in their sections: a section starts at the question that names one. */
function sectionsOf(questions: readonly Question[]): { section: SurveyText | null; questions: Question[] }[] {
  const out: { section: SurveyText | null; questions: Question[] }[] = [];
  for (const q of questions) {
    if (out.length === 0 || (q.section && Object.values(q.section).some(Boolean))) out.push({ section: q.section, questions: [] });
    out[out.length - 1].questions.push(q);
  }
  return out;
}

/** "Answer only if you chose «Too high» in «How is your workload?» above", in the reader's language. */
function conditionText(view: View, q: Question, questions: readonly Question[]): string {
  const cond = q.condition!;
  const target = questions.find((x) => x.key === cond.key);
  const question = target ? inLocale(target.text, view.locale) : cond.key;
  if (!cond.values || cond.values.length === 0) return view.t('surveys.answer.condition_answered', { question });
  const labels = cond.values.map((v) => {
    const o = target?.options.find((x) => x.value === v);
    return view.t('surveys.answer.quoted', { text: o ? inLocale(o.label, view.locale) : v });
  });
  const choices = new Intl.ListFormat(intlTag[view.locale], { type: 'disjunction' }).format(labels);
  return view.t('surveys.answer.condition_chosen', { choices, question });
}

/** The question's text with "Required" written out (not only a colour or a star). */
function QuestionText({ view, q }: { view: View; q: Question }): JSX.Element {
  return (
    <>
      <span class="survey-question-text" safe>
        {inLocale(q.text, view.locale)}
      </span>
      {q.required ? (
        <span class="survey-required" safe>
          {q.condition ? view.t('surveys.answer.required_if_shown') : view.t('surveys.answer.required')}
        </span>
      ) : (
        ''
      )}
    </>
  );
}

/** Help, condition and error of a question, each with its id for `aria-describedby`. */
function QuestionNotes({ view, q, questions, error, name }: { view: View; q: Question; questions: readonly Question[]; error: FieldError | undefined; name: string }): JSX.Element {
  const help = inLocale(q.help, view.locale);
  return (
    <>
      {help ? (
        <p class="hint" id={`field-hint-${name}`} safe>
          {help}
        </p>
      ) : (
        ''
      )}
      {q.condition ? (
        <p class="survey-condition" id={`field-cond-${name}`} safe>
          {conditionText(view, q, questions)}
        </p>
      ) : (
        ''
      )}
      {error ? (
        <p class="field-error" id={`field-error-${name}`} safe>
          {error.message}
        </p>
      ) : (
        ''
      )}
    </>
  );
}

const describedBy = (view: View, q: Question, name: string, error: FieldError | undefined) =>
  ids(inLocale(q.help, view.locale) && `field-hint-${name}`, q.condition ? `field-cond-${name}` : undefined, error && `field-error-${name}`);

/** What the optional script needs to hide a question whose condition is not met (the page is whole without it). */
const conditionData = (q: Question) => (q.condition ? { 'data-show-if': q.condition.key, 'data-show-values': q.condition.values ? JSON.stringify(q.condition.values) : undefined } : {});

/** A row of radio buttons from the scale's one end to the other, the end labels under it (and in the end points' names). */
function ScaleRow({ view, q, name, checked, required }: { view: View; q: Question; name: string; checked: string; required: boolean }): JSX.Element {
  const min = q.min ?? 1;
  const max = q.max ?? 5;
  const points = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const minLabel = inLocale(q.minLabel, view.locale);
  const maxLabel = inLocale(q.maxLabel, view.locale);
  return (
    <div class="survey-scale-wrap">
      <div class={`survey-scale survey-scale-${points.length}`}>
        {points.map((p, i) => {
          const id = `field-${name}-${i}`;
          const end = i === 0 ? minLabel : i === points.length - 1 ? maxLabel : '';
          return (
            <label class="survey-point" for={id}>
              <input type="radio" id={id} name={name} value={String(p)} checked={checked === String(p)} required={required} />
              <span class="survey-point-number" safe>
                {String(p)}
              </span>
              {end ? (
                <span class="visually-hidden" safe>
                  {` – ${end}`}
                </span>
              ) : (
                ''
              )}
            </label>
          );
        })}
      </div>
      {minLabel || maxLabel ? (
        <div class="survey-ends" aria-hidden="true">
          <span safe>{minLabel}</span>
          <span safe>{maxLabel}</span>
        </div>
      ) : (
        ''
      )}
    </div>
  );
}

/** A single or multiple choice: radio buttons or checkboxes under the question as legend. */
function ChoiceQuestion({ ctx, q }: { ctx: Ctx; q: Question }): JSX.Element {
  const { view, errors, values } = ctx;
  const error = errorOf(errors, q.key);
  const type = q.type === 'single' ? 'radio' : 'checkbox';
  const on = ticked(values, q.key);
  return (
    <fieldset id={`field-${q.key}`} class={error ? 'survey-question field-invalid' : 'survey-question'} tabindex="-1" aria-describedby={describedBy(view, q, q.key, error)} {...conditionData(q)}>
      <legend>
        <QuestionText view={view} q={q} />
      </legend>
      <QuestionNotes view={view} q={q} questions={ctx.questions} error={error} name={q.key} />
      {q.type === 'multiple' ? (
        <p class="hint" safe>
          {view.t('surveys.answer.choose_any')}
        </p>
      ) : (
        ''
      )}
      <div class="survey-options">
        {q.options.map((o, i) => (
          <label class="survey-option" for={`field-${q.key}-${i}`}>
            <input type={type} id={`field-${q.key}-${i}`} name={q.key} value={o.value} checked={on.includes(o.value)} required={type === 'radio' && q.required && !q.condition} />
            <span safe>{inLocale(o.label, view.locale)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function ScaleQuestion({ ctx, q }: { ctx: Ctx; q: Question }): JSX.Element {
  const { view, errors, values } = ctx;
  const error = errorOf(errors, q.key);
  return (
    <fieldset id={`field-${q.key}`} class={error ? 'survey-question field-invalid' : 'survey-question'} tabindex="-1" aria-describedby={describedBy(view, q, q.key, error)} {...conditionData(q)}>
      <legend>
        <QuestionText view={view} q={q} />
      </legend>
      <QuestionNotes view={view} q={q} questions={ctx.questions} error={error} name={q.key} />
      <ScaleRow view={view} q={q} name={q.key} checked={valueOf(values, q.key)} required={q.required && !q.condition} />
    </fieldset>
  );
}

/** A matrix: each statement a group of radio buttons on the question's scale, stacked, so it fits a phone. */
function MatrixQuestion({ ctx, q }: { ctx: Ctx; q: Question }): JSX.Element {
  const { view, errors, values } = ctx;
  const own = errorOf(errors, q.key);
  const anyError = own ?? q.statements.map((s) => errorOf(errors, fieldName(q.key, s.key))).find(Boolean);
  return (
    <fieldset id={`field-${q.key}`} class={anyError ? 'survey-question survey-matrix field-invalid' : 'survey-question survey-matrix'} tabindex="-1" aria-describedby={describedBy(view, q, q.key, own)} {...conditionData(q)}>
      <legend>
        <QuestionText view={view} q={q} />
      </legend>
      <QuestionNotes view={view} q={q} questions={ctx.questions} error={own} name={q.key} />
      {q.statements.map((s) => {
        const name = fieldName(q.key, s.key);
        const error = errorOf(errors, name);
        return (
          <fieldset id={`field-${name}`} class={error ? 'survey-statement survey-statement-invalid' : 'survey-statement'} tabindex="-1" aria-describedby={error ? `field-error-${name}` : undefined}>
            <legend safe>{inLocale(s.label, view.locale)}</legend>
            {error ? (
              <p class="field-error" id={`field-error-${name}`} safe>
                {error.message}
              </p>
            ) : (
              ''
            )}
            <ScaleRow view={view} q={q} name={name} checked={valueOf(values, name)} required={q.required && !q.condition} />
          </fieldset>
        );
      })}
    </fieldset>
  );
}

function numberHint(view: View, q: Question): string {
  if (q.min !== null && q.max !== null) return view.t('surveys.answer.number_between', { min: q.min, max: q.max });
  if (q.min !== null) return view.t('surveys.answer.number_min', { min: q.min });
  if (q.max !== null) return view.t('surveys.answer.number_max', { max: q.max });
  return '';
}

/** A number or a text: one field with its label. */
function FieldQuestion({ ctx, q }: { ctx: Ctx; q: Question }): JSX.Element {
  const { view, errors, values } = ctx;
  const error = errorOf(errors, q.key);
  const id = `field-${q.key}`;
  const bounds = q.type === 'number' ? numberHint(view, q) : '';
  const describe = ids(describedBy(view, q, q.key, error), bounds && `field-bounds-${q.key}`);
  return (
    <div class={error ? 'survey-question field-invalid' : 'survey-question'} {...conditionData(q)}>
      <label for={id} class="survey-question-label">
        <QuestionText view={view} q={q} />
      </label>
      <QuestionNotes view={view} q={q} questions={ctx.questions} error={error} name={q.key} />
      {bounds ? (
        <p class="hint" id={`field-bounds-${q.key}`} safe>
          {bounds}
        </p>
      ) : (
        ''
      )}
      {q.type === 'number' ? (
        <input
          type="number"
          id={id}
          name={q.key}
          class="survey-number"
          value={valueOf(values, q.key)}
          min={q.min === null ? undefined : String(q.min)}
          max={q.max === null ? undefined : String(q.max)}
          step="any"
          inputmode="decimal"
          required={q.required && !q.condition}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describe}
        />
      ) : (
        <textarea id={id} name={q.key} rows="4" required={q.required && !q.condition} aria-invalid={error ? 'true' : undefined} aria-describedby={describe} safe>
          {valueOf(values, q.key)}
        </textarea>
      )}
    </div>
  );
}

function QuestionPart({ ctx, q }: { ctx: Ctx; q: Question }): JSX.Element {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return <ChoiceQuestion ctx={ctx} q={q} />;
    case 'scale':
      return <ScaleQuestion ctx={ctx} q={q} />;
    case 'matrix':
      return <MatrixQuestion ctx={ctx} q={q} />;
    case 'number':
    case 'text':
      return <FieldQuestion ctx={ctx} q={q} />;
  }
}

/** Whether the survey is anonymous, and what that means here, in one or two plain sentences. */
export function AnonymityNote({ view, anonymous, minGroup }: { view: View; anonymous: boolean; minGroup: number }): JSX.Element {
  return (
    <p class={anonymous ? 'survey-anonymity' : 'survey-anonymity survey-named'} safe>
      {anonymous ? view.t('surveys.answer.anonymous_note', { min: minGroup }) : view.t('surveys.answer.named_note')}
    </p>
  );
}

/**
 * The answer form: the survey's title and introduction, whether it is anonymous, its sections as
 * headings and each question as real form controls. A question with a condition is shown with the
 * condition said in words (the server drops an answer to a question its condition hides; a small
 * script hides it too when JavaScript runs). "Save and continue later" comes first, so Enter in a
 * field saves rather than sends.
 */
export function AnswerFormPage(p: AnswerFormProps): JSX.Element {
  const { view, form, values, errors } = p;
  const { t, locale } = view;
  const title = inLocale(form.survey.title, locale);
  const intro = inLocale(form.survey.intro, locale);
  const ctx: Ctx = { view, questions: form.questions, values, errors };
  const hasDraft = Object.keys(form.draft).length > 0 && errors.length === 0;
  return (
    <Layout view={view} title={title}>
      <SurveyAssets />
      {p.via === 'session' ? (
        <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
          <a href="/me" safe>
            {t('surveys.answer.my_page')}
          </a>
        </nav>
      ) : (
        ''
      )}
      <div class="survey-answer">
        <PageHeader title={title} lead={t('surveys.answer.lead', { wave: form.wave.name, closes: formatDateTime(locale, form.wave.closesAt) })} />
        <section class="card survey-card" aria-labelledby="survey-about">
          <h2 id="survey-about" class="visually-hidden" safe>
            {t('surveys.answer.about_heading')}
          </h2>
          {intro ? <Markdown text={intro} /> : ''}
          <AnonymityNote view={view} anonymous={form.survey.anonymous} minGroup={p.minGroup} />
          <p class="hint" safe>
            {t('surveys.answer.required_note')}
          </p>
          {hasDraft ? (
            <p class="survey-draft-note" safe>
              {t('surveys.answer.draft_note')}
            </p>
          ) : (
            ''
          )}
        </section>
        <ErrorSummary view={view} errors={errors} />
        <form method="post" action={p.action} class="survey-form" data-survey-form novalidate>
          <Csrf view={view} />
          {sectionsOf(form.questions).map((s, i) => {
            const heading = s.section ? inLocale(s.section, locale) : '';
            const headingId = `survey-section-${i}`;
            return (
              <section class="card survey-card survey-section" aria-labelledby={heading ? headingId : undefined}>
                {heading ? (
                  <h2 id={headingId} safe>
                    {heading}
                  </h2>
                ) : (
                  ''
                )}
                {s.questions.map((q) => (
                  <QuestionPart ctx={ctx} q={q} />
                ))}
              </section>
            );
          })}
          <div class="card survey-card survey-actions">
            <p class="hint" safe>
              {p.via === 'link' ? t('surveys.answer.save_hint_link') : t('surveys.answer.save_hint_session')}
            </p>
            <div class="form-actions">
              <button type="submit" formaction={`${p.action}/save`} class="button button-secondary" safe>
                {t('surveys.answer.save')}
              </button>
              <button type="submit" class="button" safe>
                {t('surveys.answer.submit')}
              </button>
            </div>
          </div>
        </form>
      </div>
    </Layout>
  );
}
