import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import { recommendationLabel } from '../labels.js';
import { money } from '../mails.js';
import type { ApplicationDetail, ReviewView } from '../queries.js';
import { recommendations } from '../tables.js';
import { oreToKroner } from './application-input.js';
import { ButtonForm, formOf, Paragraphs, RadioGroup, type ActiveForm } from './application-parts.js';

/*
 * What the unit's board and staff see and do on an application: the reviewers' comments (never shown
 * to the applicant), a comment with a recommendation, the decision with its reason, the payout, the
 * close, and turning a granted talk or workshop into an event. Each form is shown only when the
 * reader may use it now (`abilities`); a conflicted reviewer is told why there is no decision form.
 */

function Review({ view, r, currency }: { view: View; r: ReviewView; currency: ApplicationDetail['currency'] }): JSX.Element {
  const { t, locale } = view;
  return (
    <li class="news-comment">
      <p class="news-comment-head">
        <strong safe>{r.authorName ?? t('grant_page.application.unknown_person')}</strong>{' '}
        <span class="muted" safe>
          {formatDateTime(locale, r.createdAt)}
        </span>
      </p>
      {r.recommendation ? (
        <p>
          <span class="badge badge-info" safe>
            {r.recommendedAmount !== null && r.recommendation !== 'reject'
              ? t('grant_page.application.recommends_amount', { recommendation: t(recommendationLabel[r.recommendation]), amount: money(locale, r.recommendedAmount, currency) })
              : t(recommendationLabel[r.recommendation])}
          </span>
        </p>
      ) : (
        ''
      )}
      <Paragraphs text={r.body} />
    </li>
  );
}

function ReviewForm({ view, a, active }: { view: View; a: ApplicationDetail; active: ActiveForm }): JSX.Element {
  const { t } = view;
  const form = formOf(active, 'review');
  const v = form.values as Record<string, unknown>;
  return (
    <form method="post" action={`/grants/applications/${a.id}/reviews`} class="form" novalidate>
      <h3 id="review-form" safe>
        {t('grant_page.application.review_heading')}
      </h3>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={form.errors} prefix="review" />
      <TextArea prefix="review" name="body" label={t('grant_page.application.review_body')} value={v.body} errors={form.errors} rows={4} required />
      {a.abilities.conflicted ? (
        <p class="hint" safe>
          {t('grant_page.application.review_conflicted_hint')}
        </p>
      ) : (
        <div class="grid compact field-pair">
          <SelectField
            prefix="review"
            name="recommendation"
            label={t('grant_page.application.recommendation_label')}
            value={v.recommendation}
            emptyLabel={t('grant_page.application.recommendation_none')}
            options={recommendations.map((r) => ({ value: r, label: t(recommendationLabel[r]) }))}
            errors={form.errors}
          />
          <TextField prefix="review" name="amount" label={t('grant_page.application.recommended_amount')} hint={t('grant_page.application.recommended_amount_hint')} value={v.amount} errors={form.errors} inputmode="decimal" />
        </div>
      )}
      <button type="submit" class="button button-secondary" safe>
        {t('grant_page.application.review_submit')}
      </button>
    </form>
  );
}

function DecisionForm({ view, a, active }: { view: View; a: ApplicationDetail; active: ActiveForm }): JSX.Element {
  const { t, locale } = view;
  const form = formOf(active, 'decision');
  const v = form.values as Record<string, unknown>;
  return (
    <section class="card" aria-labelledby="decision-form">
      <h2 id="decision-form" safe>
        {t('grant_page.application.decision_heading')}
      </h2>
      <form method="post" action={`/grants/applications/${a.id}/decision`} class="form" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} prefix="decision" />
        <RadioGroup
          prefix="decision"
          name="outcome"
          legend={t('grant_page.application.outcome')}
          options={[
            { value: 'granted', label: t('grant_page.application.outcome_granted') },
            { value: 'rejected', label: t('grant_page.application.outcome_rejected') },
          ]}
          checked={typeof v.outcome === 'string' ? v.outcome : ''}
          errors={form.errors}
        />
        <TextField
          prefix="decision"
          name="amount"
          label={t('grant_page.application.granted_amount')}
          hint={t('grant_page.application.granted_amount_hint', { requested: money(locale, a.requested, a.currency) })}
          value={v.amount ?? oreToKroner(locale, a.requested)}
          errors={form.errors}
          inputmode="decimal"
        />
        <TextArea prefix="decision" name="reason" label={t('grant_page.application.reason_label')} hint={t('grant_page.application.reason_hint')} value={v.reason} errors={form.errors} rows={4} required />
        <button type="submit" class="button" safe>
          {t('grant_page.application.decide')}
        </button>
      </form>
    </section>
  );
}

function PayoutForm({ view, a, active, today }: { view: View; a: ApplicationDetail; active: ActiveForm; today: string }): JSX.Element {
  const { t, locale } = view;
  const form = formOf(active, 'payout');
  const v = form.values as Record<string, unknown>;
  return (
    <section class="card" aria-labelledby="payout-form">
      <h2 id="payout-form" safe>
        {t('grant_page.application.payout_heading')}
      </h2>
      <p safe>{t('grant_page.application.payout_lead', { amount: money(locale, a.granted ?? 0, a.currency) })}</p>
      <form method="post" action={`/grants/applications/${a.id}/payout`} class="form" novalidate>
        <Csrf view={view} />
        <ErrorSummary view={view} errors={form.errors} prefix="payout" />
        <div class="grid compact field-pair">
          <TextField prefix="payout" name="paidOn" type="date" label={t('grant_page.application.paid_on')} value={v.paidOn ?? today} errors={form.errors} required />
          <TextField prefix="payout" name="reference" label={t('grant_page.application.reference')} hint={t('grant_page.application.reference_hint')} value={v.reference} errors={form.errors} maxlength={200} required />
        </div>
        <button type="submit" class="button" safe>
          {t('grant_page.application.record_payout')}
        </button>
      </form>
    </section>
  );
}

/** The reviewers' part of the page. */
export function ReviewerPanel({ view, a, active, today }: { view: View; a: ApplicationDetail; active: ActiveForm; today: string }): JSX.Element {
  const { t } = view;
  return (
    <>
      <section class="card" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading" safe>
          {t('grant_page.application.reviews_heading')}
        </h2>
        <p class="hint" safe>
          {t('grant_page.application.reviews_hint')}
        </p>
        {a.reviews.length === 0 ? (
          <p class="muted" safe>
            {t('grant_page.application.no_reviews')}
          </p>
        ) : (
          <ol class="news-comment-list">
            {a.reviews.map((r) => (
              <Review view={view} r={r} currency={a.currency} />
            ))}
          </ol>
        )}
        {a.abilities.review ? <ReviewForm view={view} a={a} active={active} /> : ''}
      </section>
      {a.abilities.decide ? <DecisionForm view={view} a={a} active={active} /> : ''}
      {a.abilities.pay ? <PayoutForm view={view} a={a} active={active} today={today} /> : ''}
      {a.abilities.close || a.abilities.makeEvent ? (
        <section class="card" aria-labelledby="next-steps">
          <h2 id="next-steps" safe>
            {t('grant_page.application.staff_steps')}
          </h2>
          {a.abilities.makeEvent ? <p class="hint" safe>{t('grant_page.application.make_event_hint')}</p> : ''}
          <div class="inline-actions">
            {a.abilities.makeEvent ? <ButtonForm view={view} action={`/grants/applications/${a.id}/event`} label={t('grant_page.application.make_event')} secondary /> : ''}
            {a.abilities.close ? <ButtonForm view={view} action={`/grants/applications/${a.id}/close`} label={t('grant_page.application.close')} /> : ''}
          </div>
        </section>
      ) : (
        ''
      )}
    </>
  );
}
