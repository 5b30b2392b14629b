import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { backgroundLabel, questionTypeLabel } from '../labels.js';
import { inLocale, type Question } from '../questions.js';
import type { SurveyView, WaveSummary } from '../surveys.js';
import type { SurveyText } from '../tables.js';
import { languageLabel, languages, type Language } from './survey-input.js';
import { percent, periodOf, WaveStatusBadge } from './survey-list.js';

export interface SurveyDetailProps {
  view: View;
  survey: SurveyView;
  /** The keys of the questions a wave that has opened asked: removing one retires it. */
  asked: ReadonlySet<string>;
  /** The names of the segments the waves ask, by id. */
  segments: ReadonlyMap<string, string>;
  can: { manage: boolean };
}

/** The languages a text is written in besides Danish. */
const translated = (texts: readonly (SurveyText | null)[]): Language[] => languages.filter((l) => l !== 'da' && texts.some((x) => x?.[l]));

/** What a question asks beyond its text: choices, scale, statements, bounds, condition and help, in the reader's language. */
function QuestionFacts({ view, q, all }: { view: View; q: Question; all: readonly Question[] }): JSX.Element {
  const { t, locale } = view;
  const target = q.condition ? all.find((x) => x.key === q.condition!.key) : undefined;
  const valueName = (v: string) => target?.options.find((o) => o.value === v)?.label;
  const labelled = Object.values(q.minLabel).some(Boolean) || Object.values(q.maxLabel).some(Boolean);
  const rows: JSX.Element[] = [];
  const row = (term: string, value: JSX.Element) =>
    rows.push(
      <>
        <dt safe>{term}</dt>
        <dd>{value}</dd>
      </>,
    );
  if (q.options.length > 0)
    row(
      t('surveys.builder.options'),
      <ul class="plain-list">
        {q.options.map((o) => (
          <li>
            <span safe>{inLocale(o.label, locale)}</span> <code class="muted" safe>{o.value}</code>
          </li>
        ))}
      </ul>,
    );
  if ((q.type === 'scale' || q.type === 'matrix') && q.min !== null && q.max !== null)
    row(
      t('surveys.builder.scale'),
      <span safe>
        {labelled
          ? t('surveys.detail.scale', { min: q.min, max: q.max, minLabel: inLocale(q.minLabel, locale) || '–', maxLabel: inLocale(q.maxLabel, locale) || '–' })
          : t('surveys.detail.scale_plain', { min: q.min, max: q.max })}
      </span>,
    );
  if (q.statements.length > 0)
    row(
      t('surveys.builder.statements'),
      <ul class="plain-list">
        {q.statements.map((s) => (
          <li safe>{inLocale(s.label, locale)}</li>
        ))}
      </ul>,
    );
  if (q.type === 'number')
    row(
      t('surveys.detail.bounds'),
      <span safe>
        {q.min === null && q.max === null ? t('surveys.detail.bounds_none') : t('surveys.detail.bounds_range', { min: q.min === null ? '–' : String(q.min), max: q.max === null ? '–' : String(q.max) })}
      </span>,
    );
  if (q.condition) {
    const question = target ? inLocale(target.text, locale) : q.condition.key;
    row(
      t('surveys.detail.condition'),
      <span safe>
        {q.condition.values
          ? t('surveys.detail.condition_values', { question, values: q.condition.values.map((v) => (valueName(v) ? inLocale(valueName(v), locale) : v)).join(', ') })
          : t('surveys.detail.condition_any', { question })}
      </span>,
    );
  }
  if (Object.values(q.help).some(Boolean)) row(t('surveys.builder.help'), <span safe>{inLocale(q.help, locale)}</span>);
  return rows.length > 0 ? <dl class="facts">{rows}</dl> : '';
}

/** The question's kind, key, whether it must be answered and its languages, on one line. */
function QuestionMeta({ view, q, inUse }: { view: View; q: Question; inUse: boolean }): JSX.Element {
  const { t } = view;
  const other = translated([q.text, q.help, q.section, ...q.options.map((o) => o.label), ...q.statements.map((s) => s.label)]);
  return (
    <p class="muted">
      <span safe>{`${t(questionTypeLabel[q.type])} · `}</span>
      <code safe>{q.key}</code>
      <span safe>{` · ${q.required ? t('surveys.detail.required') : t('surveys.detail.optional')} · ${other.length > 0 ? t('surveys.detail.translated', { languages: other.map((l) => t(languageLabel[l])).join(', ') }) : t('surveys.detail.translations_none')}`}</span>
      {inUse ? (
        <>
          {' '}
          <Badge kind="info">
            <span safe>{t('surveys.detail.asked_badge')}</span>
          </Badge>
        </>
      ) : (
        ''
      )}
    </p>
  );
}

/** One button in its own form, its accessible name saying what it acts on. */
function ActionButton({ view, action, label, what, fields = {}, danger }: { view: View; action: string; label: string; what: string; fields?: Record<string, string>; danger?: boolean }): JSX.Element {
  return (
    <form method="post" action={action}>
      <Csrf view={view} />
      {Object.entries(fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={danger ? 'button button-small button-danger' : 'button button-small button-secondary'}>
        <span safe>{label}</span>
        <span class="visually-hidden" safe>
          {`: ${what}`}
        </span>
      </button>
    </form>
  );
}

function Questions({ view, survey, asked, manage }: { view: View; survey: SurveyView; asked: ReadonlySet<string>; manage: boolean }): JSX.Element {
  const { t, locale } = view;
  const qs = survey.questions;
  if (qs.length === 0) return <EmptyState title={t('surveys.detail.no_questions')} />;
  return (
    <ol class="plain-list">
      {qs.map((q, i) => {
        const text = inLocale(q.text, locale);
        const base = `/surveys/${survey.id}/questions/${q.key}`;
        const inUse = asked.has(q.key);
        return (
          <li class="card" id={`question-${q.key}`}>
            {q.section ? (
              <p class="muted" safe>
                {t('surveys.detail.section_starts', { section: inLocale(q.section, locale) })}
              </p>
            ) : (
              ''
            )}
            <h3 safe>{`${i + 1}. ${text}`}</h3>
            <QuestionMeta view={view} q={q} inUse={inUse} />
            <QuestionFacts view={view} q={q} all={qs} />
            {manage ? (
              <div class="inline-actions">
                  <a class="button button-small" href={`${base}/edit`}>
                    <span safe>{t('surveys.detail.edit_question')}</span>
                    <span class="visually-hidden" safe>
                      {`: ${text}`}
                    </span>
                  </a>
                  {i > 0 ? <ActionButton view={view} action={`${base}/move`} fields={{ direction: 'up' }} label={t('surveys.detail.move_up')} what={text} /> : ''}
                  {i < qs.length - 1 ? <ActionButton view={view} action={`${base}/move`} fields={{ direction: 'down' }} label={t('surveys.detail.move_down')} what={text} /> : ''}
                  <ActionButton view={view} action={`${base}/delete`} label={inUse ? t('surveys.detail.retire') : t('surveys.detail.remove')} what={text} danger={!inUse} />
              </div>
            ) : (
              ''
            )}
          </li>
        );
      })}
    </ol>
  );
}

function RetiredQuestions({ view, questions }: { view: View; questions: Question[] }): JSX.Element {
  const { t, locale } = view;
  return (
    <section aria-labelledby="survey-retired">
      <h2 id="survey-retired" safe>
        {t('surveys.detail.retired_heading')}
      </h2>
      <p class="muted" safe>
        {t('surveys.detail.retired_lead')}
      </p>
      <ul class="plain-list">
        {questions.map((q) => (
          <li>
            <span safe>{inLocale(q.text, locale)}</span>{' '}
            <span class="muted" safe>
              {`(${t(questionTypeLabel[q.type])}, ${q.key})`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Reminders({ view, w }: { view: View; w: WaveSummary }): JSX.Element {
  const { t, locale } = view;
  if (w.reminders.length === 0) return <span safe>{t('surveys.detail.reminders_none')}</span>;
  return (
    <ul class="plain-list">
      {w.reminders.map((r, i) => (
        <li safe>{i < w.remindersSent ? t('surveys.detail.reminder_sent', { at: formatDateTime(locale, r) }) : formatDateTime(locale, r)}</li>
      ))}
    </ul>
  );
}

function Waves({ view, survey, segments, manage }: { view: View; survey: SurveyView; segments: ReadonlyMap<string, string>; manage: boolean }): JSX.Element {
  const { t, locale } = view;
  if (survey.waves.length === 0) return <EmptyState title={t('surveys.detail.no_waves')} text={manage && !survey.archived ? t('surveys.detail.no_waves_hint') : undefined} />;
  const col = {
    period: t('surveys.detail.col_period'),
    audience: t('surveys.detail.col_audience'),
    invitees: t('surveys.detail.col_invitees'),
    responses: t('surveys.detail.col_responses'),
    rate: t('surveys.detail.col_rate'),
    reminders: t('surveys.detail.col_reminders'),
    actions: t('form.actions'),
  };
  // Newest first: the wave one works on is the latest.
  const waves = [...survey.waves].reverse();
  return (
    <div class="table-wrap">
      <table class="table table-cards">
        <caption class="visually-hidden" safe>
          {t('surveys.detail.waves_heading')}
        </caption>
        <thead>
          <tr>
            <th scope="col" safe>
              {t('surveys.detail.col_wave')}
            </th>
            <th scope="col" safe>
              {col.period}
            </th>
            <th scope="col" safe>
              {col.audience}
            </th>
            <th scope="col" class="numeric" safe>
              {col.invitees}
            </th>
            <th scope="col" class="numeric" safe>
              {col.responses}
            </th>
            <th scope="col" class="numeric" safe>
              {col.rate}
            </th>
            <th scope="col" safe>
              {col.reminders}
            </th>
            <th scope="col" safe>
              {col.actions}
            </th>
          </tr>
        </thead>
        <tbody>
          {waves.map((w) => {
            const opened = w.status !== 'scheduled';
            return (
              <tr>
                <th scope="row">
                  <span safe>{w.name}</span> <WaveStatusBadge view={view} wave={w} />
                </th>
                <td data-label={col.period} safe>
                  {periodOf(view, w, true)}
                </td>
                <td data-label={col.audience} safe>
                  {w.segmentId ? (segments.get(w.segmentId) ?? t('surveys.detail.audience_segment')) : t('surveys.detail.audience_all', { unit: survey.unitName })}
                </td>
                <td data-label={col.invitees} class="numeric" safe>
                  {opened ? String(w.invitees) : t('surveys.detail.at_opening')}
                </td>
                <td data-label={col.responses} class="numeric">
                  {opened ? String(w.responses) : '–'}
                </td>
                <td data-label={col.rate} class="numeric" safe>
                  {w.rate === null ? '–' : percent(locale, w.rate)}
                </td>
                <td data-label={col.reminders}>
                  <Reminders view={view} w={w} />
                </td>
                <td data-label={col.actions}>
                  <div class="inline-actions">
                    {opened ? (
                      <a class="button button-small button-secondary" href={`/surveys/waves/${w.id}/results`}>
                        <span safe>{t('surveys.detail.results')}</span>
                        <span class="visually-hidden" safe>
                          {`: ${w.name}`}
                        </span>
                      </a>
                    ) : (
                      ''
                    )}
                    {manage && w.status === 'open' ? <ActionButton view={view} action={`/surveys/waves/${w.id}/close`} label={t('surveys.detail.close_now')} what={w.name} /> : ''}
                    {manage && w.status === 'scheduled' ? <ActionButton view={view} action={`/surveys/waves/${w.id}/close`} label={t('surveys.detail.cancel_wave')} what={w.name} danger /> : ''}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A survey for those who run it (the unit's staff) and its board (read-only): its settings, its
 * questions in order with their choices, scales and conditions (staff edit, move and remove them; a
 * question a wave has asked is retired instead, kept for that wave), the retired ones apart, and the
 * waves with their audience, rate and reminders, each linking to its results.
 */
export function SurveyDetailPage({ view, survey, asked, segments, can }: SurveyDetailProps): JSX.Element {
  const { t, locale } = view;
  const title = inLocale(survey.title, locale);
  const manage = can.manage;
  return (
    <Layout view={view} title={title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/surveys" safe>
          {t('surveys.nav')}
        </a>
      </nav>
      <PageHeader title={title} lead={`${survey.unitName} · ${survey.anonymous ? t('surveys.list.anonymous') : t('surveys.list.named')}`}>
        {manage ? (
          <a class="button button-secondary" href={`/surveys/${survey.id}/edit`} safe>
            {t('surveys.detail.settings')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      {survey.archived ? (
        <div class="flash flash-warning">
          <p safe>{t('surveys.detail.archived_note')}</p>
        </div>
      ) : (
        ''
      )}
      <section class="card" aria-labelledby="survey-settings">
        <h2 id="survey-settings" safe>
          {t('surveys.detail.settings_heading')}
        </h2>
        <dl class="facts">
          <dt safe>{t('surveys.builder.unit')}</dt>
          <dd safe>{survey.unitName}</dd>
          <dt safe>{t('surveys.builder.anonymous')}</dt>
          <dd safe>{survey.anonymous ? t('surveys.detail.anonymous_yes', { min: survey.minGroup }) : t('surveys.detail.anonymous_no')}</dd>
          <dt safe>{t('surveys.builder.background')}</dt>
          <dd safe>{survey.background.length > 0 ? survey.background.map((b) => t(backgroundLabel[b])).join(', ') : t('surveys.builder.background_none')}</dd>
          <dt safe>{t('surveys.builder.min_group')}</dt>
          <dd safe>{t('surveys.detail.min_group', { min: survey.minGroup })}</dd>
          {Object.values(survey.intro).some(Boolean) ? (
            <>
              <dt safe>{t('surveys.builder.intro')}</dt>
              <dd safe>{inLocale(survey.intro, locale)}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
      </section>
      <section aria-labelledby="survey-waves">
        <div class="page-header">
          <h2 id="survey-waves" safe>
            {t('surveys.detail.waves_heading')}
          </h2>
          {manage && !survey.archived ? (
            <div class="page-actions">
              <a class="button" href={`/surveys/${survey.id}/waves/new`} safe>
                {t('surveys.detail.plan_wave')}
              </a>
            </div>
          ) : (
            ''
          )}
        </div>
        <Waves view={view} survey={survey} segments={segments} manage={manage} />
      </section>
      <section aria-labelledby="survey-questions">
        <div class="page-header">
          <h2 id="survey-questions" safe>
            {t('surveys.detail.questions_heading', { count: survey.questions.length })}
          </h2>
          {manage ? (
            <div class="page-actions">
              <a class="button" href={`/surveys/${survey.id}/questions/new`} safe>
                {t('surveys.detail.add_question')}
              </a>
            </div>
          ) : (
            ''
          )}
        </div>
        {manage && survey.questions.some((q) => asked.has(q.key)) ? (
          <p class="hint" safe>
            {t('surveys.detail.retire_hint')}
          </p>
        ) : (
          ''
        )}
        <Questions view={view} survey={survey} asked={asked} manage={manage} />
        {manage && survey.questions.length > 2 ? (
          <p>
            <a class="button" href={`/surveys/${survey.id}/questions/new`} safe>
              {t('surveys.detail.add_question')}
            </a>
          </p>
        ) : (
          ''
        )}
      </section>
      {survey.retiredQuestions.length > 0 ? <RetiredQuestions view={view} questions={survey.retiredQuestions} /> : ''}
    </Layout>
  );
}
