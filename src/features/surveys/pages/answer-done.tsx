import { Layout } from '../../../platform/html/layout.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AnswerForm, Respondent } from '../answering.js';
import { inLocale } from '../questions.js';
import { AnonymityNote, SurveyAssets } from './answer-form.js';

/*
 * The answering pages that show no form: thank you (just now, or already before), a wave that is
 * closed or not open yet, and a personal link that does not work.
 */

/** Where the person goes next: their page when signed in, else the front page. */
function WayOn({ view, via }: { view: View; via: Respondent['via'] | null }): JSX.Element {
  const mine = via === 'session' || view.actor.kind === 'person';
  return (
    <p>
      <a href={mine ? '/me' : '/'} class="button button-secondary" safe>
        {mine ? view.t('surveys.answer.to_my_page') : view.t('surveys.answer.to_front_page')}
      </a>
    </p>
  );
}

/**
 * Thank you for answering, or (`already`) that the person answered this wave before, without a form.
 * For an anonymous survey it says, plainly, what anonymous means here.
 */
export function AnswerDonePage({ view, form, minGroup, already, via }: { view: View; form: Pick<AnswerForm, 'survey' | 'wave'>; minGroup: number; already: boolean; via: Respondent['via'] }): JSX.Element {
  const { t, locale } = view;
  const heading = already ? t('surveys.answer.already_title') : t('surveys.answer.thanks_title');
  const title = inLocale(form.survey.title, locale);
  return (
    <Layout view={view} title={heading}>
      <SurveyAssets />
      <div class="card narrow survey-done" role="status">
        <h1 safe>{heading}</h1>
        <p class="lead" safe>
          {t('surveys.answer.done_survey', { survey: title, wave: form.wave.name })}
        </p>
        <p safe>{already ? t('surveys.answer.already_text') : t('surveys.answer.thanks_text')}</p>
        <AnonymityNote view={view} anonymous={form.survey.anonymous} minGroup={minGroup} />
        <WayOn view={view} via={via} />
      </div>
    </Layout>
  );
}

/** A wave that is closed, or not open yet: said with its times, and no form. */
export function AnswerClosedPage({ view, form, state, via }: { view: View; form: Pick<AnswerForm, 'survey' | 'wave'>; state: 'closed' | 'not_open'; via: Respondent['via'] }): JSX.Element {
  const { t, locale } = view;
  const heading = state === 'closed' ? t('surveys.answer.closed_title') : t('surveys.answer.not_open_title');
  const w = form.wave;
  // Closed early by the staff, the wave closed when they closed it, not at the time it was planned to.
  const closedAt = w.closedAt && w.closedAt < w.closesAt ? w.closedAt : w.closesAt;
  return (
    <Layout view={view} title={heading}>
      <SurveyAssets />
      <div class="card narrow survey-done" role="status">
        <h1 safe>{heading}</h1>
        <p class="lead" safe>
          {t('surveys.answer.done_survey', { survey: inLocale(form.survey.title, locale), wave: w.name })}
        </p>
        <p safe>
          {state === 'closed'
            ? t('surveys.answer.closed_text', { closed: formatDateTime(locale, closedAt) })
            : t('surveys.answer.not_open_text', { opens: formatDateTime(locale, w.opensAt), closes: formatDateTime(locale, w.closesAt) })}
        </p>
        <WayOn view={view} via={via} />
      </div>
    </Layout>
  );
}

/** A personal link that is not genuine, or not for a wave that asks its person: a plain "not found". */
export function LinkInvalidPage({ view }: { view: View }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('surveys.answer.link_invalid_title')}>
      <div class="error-page">
        <p class="error-status">404</p>
        <h1 safe>{t('surveys.answer.link_invalid_title')}</h1>
        <p safe>{t('survey.link_invalid')}</p>
        <p>
          <a href="/login" class="button" safe>
            {t('surveys.answer.log_in')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
