import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, SelectField, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AssemblyRow } from '../access.js';
import { motionVoteKindLabel } from '../labels.js';
import { voteKinds } from '../tables.js';

/**
 * Why the form is not offered: the notice is not out, the assembly no longer takes motions, or
 * (for a member) the deadline has passed. Null: it is.
 */
export type MotionFormClosed = null | 'notice_not_sent' | 'closed' | 'after_deadline';

/** Submitting a motion: title, text, reasoning, co-signers by member number; staff also for a member, and late with a reason. */
export function MotionFormPage({ view, a, form, staff, closed }: { view: View; a: AssemblyRow; form: FormState; staff: boolean; closed: MotionFormClosed }): JSX.Element {
  const { t, locale } = view;
  const v = form.values as Record<string, unknown>;
  const deadline = formatDateTime(locale, a.motionDeadline, a.timeZone);
  const late = Date.now() > a.motionDeadline.getTime();
  const closedText =
    closed === 'notice_not_sent' ? t('motion.notice_not_sent') : closed === 'after_deadline' ? t('motion.after_deadline', { deadline }) : closed === 'closed' ? t('motion_page.closed') : '';
  return (
    <Layout view={view} title={t('motion_page.new_title')}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>{' '}
        ›{' '}
        <a href={`/assemblies/${a.id}/motions`} safe>
          {t('motion_page.list_heading')}
        </a>
      </nav>
      <PageHeader title={t('motion_page.new_title')} lead={a.title} />
      {closed ? (
        <div class="card">
          <p safe>{closedText}</p>
          <p>
            <a href={`/assemblies/${a.id}/motions`} safe>
              {t('motion_page.back_to_list')}
            </a>
          </p>
        </div>
      ) : (
        <form method="post" action={`/assemblies/${a.id}/motions/new`} class="form card" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={form.errors} />
          <p class="hint" safe>
            {late ? t('motion_page.late_hint', { deadline }) : t('motion_page.deadline', { deadline })}
          </p>
          <TextField name="title" label={t('fields.title')} value={v.title} errors={form.errors} maxlength={200} required />
          <TextArea name="body" label={t('motion_page.body_label')} hint={t('motion_page.body_hint')} value={v.body} errors={form.errors} rows={10} required />
          <TextArea name="reasoning" label={t('fields.reasoning')} value={v.reasoning} errors={form.errors} rows={6} />
          <SelectField name="voteKind" label={t('fields.voteKind')} hint={t('motion_page.vote_kind_hint')} value={v.voteKind ?? 'ordinary'} options={voteKinds.map((k) => ({ value: k, label: t(motionVoteKindLabel[k]) }))} errors={form.errors} />
          <TextField name="cosigners" label={t('fields.cosigners')} hint={t('motion_page.cosigners_hint')} value={v.cosigners} errors={form.errors} inputmode="numeric" />
          {staff ? (
            <fieldset class="settings-fieldset">
              <legend safe>{t('motion_page.staff_part')}</legend>
              <TextField name="submitter" label={t('fields.submitter')} hint={t('motion_page.submitter_hint')} value={v.submitter} errors={form.errors} inputmode="numeric" />
              {late ? <TextArea name="lateReason" label={t('fields.lateReason')} hint={t('motion_page.late_reason_hint', { deadline })} value={v.lateReason} errors={form.errors} rows={3} required /> : ''}
            </fieldset>
          ) : (
            ''
          )}
          <button type="submit" class="button" safe>
            {t('motion_page.submit')}
          </button>
        </form>
      )}
    </Layout>
  );
}
