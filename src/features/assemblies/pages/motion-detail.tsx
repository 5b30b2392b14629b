import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary, PageHeader, TextArea, TextField } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AssemblyRow } from '../access.js';
import type { AmendmentView, MotionDetail } from '../motion-queries.js';
import { motionVoteKindLabel } from '../labels.js';
import { AmendmentStateBadge, ButtonForm, formOf, MotionStateBadge, NumberedText, Paragraphs, type ActiveForm } from './motion-parts.js';
import { MotionStaffForms, type MotionAbilities } from './motion-staff-forms.js';

function Amendment({ view, x, may, active }: { view: View; x: AmendmentView; may: MotionAbilities; active: ActiveForm }): JSX.Element {
  const { t } = view;
  const refuse = formOf(active, `amendment-refuse-${x.id}`);
  const prefix = `amendment-${x.number}`;
  const open = x.state === 'submitted' || x.state === 'admitted';
  const mayWithdraw = may.open && open && (may.run || (x.submittedById !== null && x.submittedById === may.me));
  return (
    <li class="card motion-amendment">
      <h3 safe>{t('motion_page.amendment_title', { number: x.number, from: x.fromLine, to: x.toLine })}</h3>
      <p>
        <AmendmentStateBadge view={view} state={x.state} />
      </p>
      <dl class="facts">
        <dt safe>{t('motion_page.replaces')}</dt>
        <dd>
          <del class="motion-replaced" safe>
            {x.replaces}
          </del>
        </dd>
        <dt safe>{t('fields.replacement')}</dt>
        <dd>{x.replacement ? <ins safe>{x.replacement}</ins> : <em safe>{t('motion_page.struck')}</em>}</dd>
        <dt safe>{t('motion_page.submitted_by')}</dt>
        <dd safe>{x.submittedByName ?? '–'}</dd>
        {x.refusalReason ? (
          <>
            <dt safe>{t('motion_page.refusal_reason')}</dt>
            <dd safe>{x.refusalReason}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {x.reasoning ? <Paragraphs text={x.reasoning} /> : ''}
      <div class="motion-actions">
        {may.manage && may.open && x.state === 'submitted' && may.motionAdmitted ? <ButtonForm view={view} action={`/amendments/${x.id}/admit`} label={t('motion_page.admit_amendment')} /> : ''}
        {mayWithdraw ? <ButtonForm view={view} action={`/amendments/${x.id}/withdraw`} label={t('motion_page.withdraw_amendment')} secondary /> : ''}
      </div>
      {may.manage && may.open && x.state === 'submitted' ? (
        <form method="post" action={`/amendments/${x.id}/refuse`} class="form" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={refuse.errors} prefix={prefix} />
          <TextField prefix={prefix} name="reason" label={t('motion_page.refusal_reason')} value={(refuse.values as Record<string, unknown>).reason} errors={refuse.errors} maxlength={2000} required />
          <button type="submit" class="button button-secondary" safe>
            {t('motion_page.refuse_amendment')}
          </button>
        </form>
      ) : (
        ''
      )}
    </li>
  );
}

function AmendmentForm({ view, m, active }: { view: View; m: MotionDetail; active: ActiveForm }): JSX.Element {
  const { t } = view;
  const form = formOf(active, 'amend');
  const v = form.values as Record<string, unknown>;
  return (
    <form method="post" action={`/motions/${m.id}/amendments`} class="form card" novalidate>
      <h2 id="amend" safe>
        {t('motion_page.propose_amendment')}
      </h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={form.errors} prefix="amend" />
      <p class="hint" safe>
        {t('motion_page.amendment_hint', { lines: m.lines.length })}
      </p>
      <div class="field-row">
        <TextField prefix="amend" name="fromLine" label={t('fields.fromLine')} value={v.fromLine} errors={form.errors} inputmode="numeric" required />
        <TextField prefix="amend" name="toLine" label={t('fields.toLine')} value={v.toLine} errors={form.errors} inputmode="numeric" required />
      </div>
      <TextArea prefix="amend" name="replacement" label={t('fields.replacement')} hint={t('motion_page.replacement_hint')} value={v.replacement} errors={form.errors} rows={4} />
      <TextArea prefix="amend" name="reasoning" label={t('fields.reasoning')} value={v.reasoning} errors={form.errors} rows={3} />
      <button type="submit" class="button" safe>
        {t('motion_page.propose_amendment')}
      </button>
    </form>
  );
}

/** One motion: its text in numbered lines, the co-signers, the amendments, and what the reader may do with it. */
export function MotionDetailPage({ view, a, m, may, active }: { view: View; a: AssemblyRow; m: MotionDetail; may: MotionAbilities; active: ActiveForm }): JSX.Element {
  const { t, locale } = view;
  const general = active ? active.state.errors.filter((e) => e.path === '') : [];
  return (
    <Layout view={view} title={t('motion_page.motion_title', { number: m.number, title: m.title })}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>{' '}
        ›{' '}
        <a href={`/assemblies/${a.id}/motions`} safe>
          {t('motion_page.list_heading')}
        </a>
      </nav>
      <PageHeader title={t('motion_page.motion_title', { number: m.number, title: m.title })} lead={a.title}>
        {may.chairView ? (
          <a class="button button-secondary" href={`/motions/${m.id}/chair`} safe>
            {t('motion_page.chair_view')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <ErrorSummary view={view} errors={general} prefix="motion" />
      <section class="card" aria-labelledby="motion-facts">
        <h2 id="motion-facts" class="visually-hidden" safe>
          {t('motion_page.facts')}
        </h2>
        <p>
          <MotionStateBadge view={view} state={m.state} />
        </p>
        <dl class="facts">
          <dt safe>{t('motion_page.submitted_by')}</dt>
          <dd safe>{m.submittedByName ?? '–'}</dd>
          <dt safe>{t('motion_page.submitted_at')}</dt>
          <dd safe>{formatDateTime(locale, m.submittedAt, a.timeZone)}</dd>
          <dt safe>{t('fields.voteKind')}</dt>
          <dd safe>{t(motionVoteKindLabel[m.voteKind])}</dd>
          {m.cosigners.length > 0 ? (
            <>
              <dt safe>{t('motion_page.cosigners')}</dt>
              <dd>
                <ul class="link-list">
                  {m.cosigners.map((c) => (
                    <li safe>{`${c.name} (${c.confirmed ? t('motion_page.cosigner_confirmed') : t('motion_page.cosigner_invited')})`}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : (
            ''
          )}
          {m.lateReason ? (
            <>
              <dt safe>{t('motion_page.late_reason')}</dt>
              <dd safe>{m.lateReason}</dd>
            </>
          ) : (
            ''
          )}
          {m.state === 'refused' && m.refusalReason ? (
            <>
              <dt safe>{t('motion_page.refusal_reason')}</dt>
              <dd safe>{m.refusalReason}</dd>
            </>
          ) : (
            ''
          )}
        </dl>
        {may.cosign ? <ButtonForm view={view} action={`/motions/${m.id}/cosign`} label={t('motion_page.cosign')} hint={t('motion_page.cosign_hint')} /> : ''}
        {may.withdraw ? <ButtonForm view={view} action={`/motions/${m.id}/withdraw`} label={t('motion_page.withdraw')} secondary /> : ''}
      </section>
      <section class="card" aria-labelledby="motion-text">
        <h2 id="motion-text" safe>
          {t('motion_page.text')}
        </h2>
        <NumberedText view={view} lines={m.lines} label={t('motion_page.text')} />
        {m.reasoning ? (
          <>
            <h3 safe>{t('fields.reasoning')}</h3>
            <Paragraphs text={m.reasoning} />
          </>
        ) : (
          ''
        )}
      </section>
      {m.boardRecommendation ? (
        <section class="card" aria-labelledby="motion-recommendation">
          <h2 id="motion-recommendation" safe>
            {t('motion_page.recommendation')}
          </h2>
          <Paragraphs text={m.boardRecommendation} />
        </section>
      ) : (
        ''
      )}
      <MotionStaffForms view={view} m={m} may={may} active={active} />
      <section aria-labelledby="motion-amendments">
        <h2 id="motion-amendments" safe>
          {t('motion_page.amendments')}
        </h2>
        {m.amendments.length === 0 ? (
          <p class="hint" safe>
            {t('motion_page.no_amendments')}
          </p>
        ) : (
          <ol class="motion-amendments">
            {m.amendments.map((x) => (
              <Amendment view={view} x={x} may={may} active={active} />
            ))}
          </ol>
        )}
      </section>
      {may.amend ? <AmendmentForm view={view} m={m} active={active} /> : ''}
    </Layout>
  );
}
