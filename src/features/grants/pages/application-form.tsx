import { Layout } from '../../../platform/html/layout.js';
import { ChoiceGroup, Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import { purposeLabel } from '../labels.js';
import { money } from '../mails.js';
import type { PoolView } from '../pools.js';
import { CostRows } from './application-parts.js';

/** What the form shows of the pool: its limits and window, what it funds, what it asks. */
export type ApplyPool = Pick<PoolView, 'id' | 'name' | 'unitName' | 'currency' | 'maxPerApplication' | 'opensOn' | 'closesOn' | 'purposes' | 'questions' | 'periodStart' | 'periodEnd'>;

export interface ApplicationFormProps {
  view: View;
  pool: ApplyPool;
  form: FormState;
  /** Where the form posts: the pool's apply address, or the draft's edit address. */
  action: string;
  mode: 'apply' | 'edit';
  /** Why no form is offered (the pool's own words: not for this person, or not now); null: it is. */
  closed: string | null;
  /** The workplaces the person may apply for as steward; empty: they apply for themselves only. */
  workplaces: readonly { id: string; name: string }[];
  /** Said above the form: the draft is saved but could not be sent. */
  notice?: string;
  /** The application being edited (for the way back to it). */
  applicationId?: string;
}

/** The pool's limits as one line above the form: the most it gives, and when it takes applications. */
function PoolTerms({ view, pool }: { view: View; pool: ApplyPool }): JSX.Element {
  const { t, locale } = view;
  return (
    <dl class="facts">
      <dt safe>{t('grant_page.application.max_label')}</dt>
      <dd safe>{money(locale, pool.maxPerApplication, pool.currency)}</dd>
      <dt safe>{t('grant_page.application.window_label')}</dt>
      <dd safe>{t('grant_page.application.window_value', { from: formatDate(locale, pool.opensOn), to: formatDate(locale, pool.closesOn) })}</dd>
    </dl>
  );
}

/**
 * Applying to a pool, or changing a draft: the activity, the costs, the amount, the pool's questions,
 * and for a steward the workplace they apply for. "Save draft" keeps it to finish later; "Send
 * application" saves and sends it to the reviewers at once.
 */
export function ApplicationFormPage(p: ApplicationFormProps): JSX.Element {
  const { view, pool, form } = p;
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  const e = form.errors;
  const title = p.mode === 'apply' ? t('grant_page.application.apply_title') : t('grant_page.application.edit_title');
  return (
    <Layout view={view} title={`${title}: ${pool.name}`}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/me" safe>
          {t('grant_page.my.breadcrumb')}
        </a>
        {p.applicationId ? (
          <>
            {' '}
            ›{' '}
            <a href={`/grants/applications/${p.applicationId}`} safe>
              {t('grant_page.application.back_to_application')}
            </a>
          </>
        ) : (
          ''
        )}
      </nav>
      <PageHeader title={title} lead={`${pool.name} · ${pool.unitName}`} />
      <section class="card join-card" aria-labelledby="pool-terms">
        <h2 id="pool-terms" class="visually-hidden" safe>
          {t('grant_page.application.terms_heading')}
        </h2>
        <PoolTerms view={view} pool={pool} />
        {p.closed ? (
          <div class="flash flash-warning" role="status">
            <p safe>{p.closed}</p>
          </div>
        ) : (
          ''
        )}
      </section>
      {p.closed ? (
        <p>
          <a href="/me" safe>
            {t('grant_page.my.back')}
          </a>
        </p>
      ) : (
        <section class="card join-card" aria-labelledby="application-form-heading">
          <h2 id="application-form-heading" class="visually-hidden" safe>
            {title}
          </h2>
          {p.notice ? (
            <div class="flash flash-warning" role="status">
              <p safe>{p.notice}</p>
            </div>
          ) : (
            ''
          )}
          <ErrorSummary view={view} errors={e} />
          <form method="post" action={p.action} class="grant-apply-form" novalidate>
            <Csrf view={view} />
            <fieldset class="grant-apply-section">
              <legend safe>{t('grant_page.application.activity_legend')}</legend>
              <ChoiceGroup
                name="purpose"
                type="radio"
                legend={t('fields.purpose')}
                options={pool.purposes.map((x) => ({ value: x, label: t(purposeLabel[x]) }))}
                checked={typeof v.purpose === 'string' ? [v.purpose] : pool.purposes.length === 1 ? [pool.purposes[0]] : []}
                errors={e}
              />
              <TextField name="title" label={t('grant_page.application.title_label')} hint={t('grant_page.application.title_hint')} value={v.title} errors={e} maxlength={200} required />
              <TextArea name="description" label={t('grant_page.application.description_label')} hint={t('grant_page.application.description_hint')} value={v.description} errors={e} rows={6} />
              <div class="grid compact field-pair">
                <TextField
                  name="activityDate"
                  type="date"
                  label={t('grant_page.application.date_label')}
                  hint={t('grant_page.application.date_hint', { from: formatDate(locale, pool.periodStart), to: formatDate(locale, pool.periodEnd) })}
                  value={v.activityDate}
                  errors={e}
                  required
                />
                <TextField name="expectedParticipants" label={t('grant_page.application.participants_label')} value={v.expectedParticipants} errors={e} inputmode="numeric" />
              </div>
              <TextField name="place" label={t('grant_page.application.place_label')} value={v.place} errors={e} maxlength={300} />
            </fieldset>
            {p.workplaces.length > 0 ? (
              <fieldset class="grant-apply-section">
                <legend safe>{t('grant_page.application.who_legend')}</legend>
                <SelectField
                  name="workplaceId"
                  label={t('grant_page.application.workplace_label')}
                  hint={t('grant_page.application.workplace_hint')}
                  value={v.workplaceId}
                  emptyLabel={t('grant_page.application.workplace_none')}
                  options={p.workplaces.map((w) => ({ value: w.id, label: w.name }))}
                  errors={e}
                />
              </fieldset>
            ) : (
              ''
            )}
            <CostRows view={view} values={v} errors={e} prefix="costLines" legend={t('grant_page.application.costs_legend')} hint={t('grant_page.application.costs_hint')} />
            <TextField
              name="requested"
              label={t('grant_page.application.requested_label')}
              hint={t('grant_page.application.requested_hint', { max: money(locale, pool.maxPerApplication, pool.currency) })}
              value={v.requested}
              errors={e}
              inputmode="decimal"
              required
            />
            {pool.questions.length > 0 ? (
              <fieldset class="grant-apply-section">
                <legend safe>{t('grant_page.application.questions_legend')}</legend>
                {pool.questions.map((q) => (
                  <TextArea name={`answers.${q.id}`} label={q.text} value={v[`answers.${q.id}`]} errors={e} rows={4} required />
                ))}
              </fieldset>
            ) : (
              ''
            )}
            <p class="hint" safe>
              {t('grant_page.application.buttons_hint')}
            </p>
            <div class="form-actions">
              {/* "Save draft" comes first: Enter in a field presses the first button, and that should never send. */}
              <button type="submit" name="intent" value="draft" class="button button-secondary" safe>
                {t('grant_page.application.save_draft')}
              </button>
              <button type="submit" name="intent" value="submit" class="button" safe>
                {t('grant_page.application.send')}
              </button>
            </div>
          </form>
        </section>
      )}
    </Layout>
  );
}
