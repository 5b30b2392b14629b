import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { AssemblyRow } from '../access.js';
import type { MotionView } from '../motion-queries.js';
import { motionVoteKindLabel } from '../labels.js';
import { MotionStateBadge } from './motion-parts.js';

/** One motion in the list: what it is, where it stands, the board's word, and why it was refused. */
function MotionItem({ view, m }: { view: View; m: MotionView }): JSX.Element {
  const { t } = view;
  const confirmed = m.cosigners.filter((c) => c.confirmed).length;
  return (
    <li class="card motion-item">
      <h2 class="motion-item-title">
        <a href={`/motions/${m.id}`} safe>
          {t('motion_page.motion_title', { number: m.number, title: m.title })}
        </a>
      </h2>
      <p class="motion-item-badges">
        <MotionStateBadge view={view} state={m.state} />
        {m.voteKind === 'statute' ? (
          <>
            {' '}
            <span class="badge badge-warning" safe>
              {t(motionVoteKindLabel.statute)}
            </span>
          </>
        ) : (
          ''
        )}
      </p>
      <dl class="facts">
        <dt safe>{t('motion_page.submitted_by')}</dt>
        <dd safe>{m.submittedByName ?? '–'}</dd>
        {m.cosigners.length > 0 ? (
          <>
            <dt safe>{t('motion_page.cosigners')}</dt>
            <dd safe>{t('motion_page.cosigners_confirmed', { confirmed, total: m.cosigners.length })}</dd>
          </>
        ) : (
          ''
        )}
        {m.boardRecommendation ? (
          <>
            <dt safe>{t('motion_page.recommendation')}</dt>
            <dd safe>{m.boardRecommendation}</dd>
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
        {m.lateReason ? (
          <>
            <dt safe>{t('motion_page.late_reason')}</dt>
            <dd safe>{m.lateReason}</dd>
          </>
        ) : (
          ''
        )}
        {m.amendmentCount > 0 ? (
          <>
            <dt safe>{t('motion_page.amendments')}</dt>
            <dd safe>{String(m.amendmentCount)}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
    </li>
  );
}

/** An assembly's motions, as the reader may see them, with the deadline and the way to submit one. */
export function MotionListPage({ view, a, motions, maySubmit }: { view: View; a: AssemblyRow; motions: MotionView[]; maySubmit: boolean }): JSX.Element {
  const { t, locale } = view;
  const passed = Date.now() > a.motionDeadline.getTime();
  return (
    <Layout view={view} title={t('motion_page.list_title', { title: a.title })}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href="/assemblies" safe>
          {t('assembly_page.list_title')}
        </a>{' '}
        ›{' '}
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>
      </nav>
      <PageHeader title={t('motion_page.list_heading')} lead={a.title}>
        {maySubmit ? (
          <a class="button" href={`/assemblies/${a.id}/motions/new`} safe>
            {t('motion_page.new')}
          </a>
        ) : (
          ''
        )}
      </PageHeader>
      <p class={passed ? 'motion-deadline motion-deadline-passed' : 'motion-deadline'} safe>
        {passed ? t('motion_page.deadline_passed', { deadline: formatDateTime(locale, a.motionDeadline, a.timeZone) }) : t('motion_page.deadline', { deadline: formatDateTime(locale, a.motionDeadline, a.timeZone) })}
      </p>
      {motions.length === 0 ? (
        <EmptyState title={t('motion_page.none')} />
      ) : (
        <ol class="motion-list">
          {motions.map((m) => (
            <MotionItem view={view} m={m} />
          ))}
        </ol>
      )}
    </Layout>
  );
}
