import { Layout } from '../../../platform/html/layout.js';
import { PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { AssemblyRow } from '../access.js';
import type { MotionDetail } from '../motion-queries.js';
import { AmendmentStateBadge, DiffText, MotionStateBadge, NumberedText } from './motion-parts.js';

/**
 * The chair's view of a motion: the votes in the order they are taken (the amendments first, then
 * the motion as amended) and the text with the adopted amendments applied, shown against the
 * original. A reload shows the votes as the polls have decided them.
 */
export function MotionChairPage({ view, a, m }: { view: View; a: AssemblyRow; m: MotionDetail }): JSX.Element {
  const { t } = view;
  const byId = new Map(m.amendments.map((x) => [x.id, x]));
  const changed = m.amended.diff.some((p) => p.kind !== 'same');
  return (
    <Layout view={view} title={t('motion_page.chair_title', { number: m.number })}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${a.id}`} safe>
          {a.title}
        </a>{' '}
        ›{' '}
        <a href={`/motions/${m.id}`} safe>
          {t('motion_page.motion_title', { number: m.number, title: m.title })}
        </a>
      </nav>
      <PageHeader title={t('motion_page.chair_title', { number: m.number })} lead={m.title} />
      <section class="card" aria-labelledby="voting-order">
        <h2 id="voting-order" safe>
          {t('motion_page.voting_order')}
        </h2>
        <p class="hint" safe>
          {t('motion_page.voting_order_rule')}
        </p>
        <ol class="motion-voting-order">
          {m.votingOrder.map((s) => {
            if (s.kind === 'motion') {
              return (
                <li>
                  <strong safe>{changed ? t('motion_page.vote_motion_amended', { number: s.number }) : t('motion_page.vote_motion', { number: s.number })}</strong> <MotionStateBadge view={view} state={s.state} />
                </li>
              );
            }
            const x = byId.get(s.amendmentId);
            return (
              <li>
                <strong safe>{t('motion_page.amendment_title', { number: s.number, from: s.fromLine, to: s.toLine })}</strong> <AmendmentStateBadge view={view} state={s.state} />
                {x ? (
                  <p class="motion-order-text">
                    <del safe>{x.replaces}</del>{' '}
                    <span aria-hidden="true">→</span> <span class="visually-hidden" safe>{t('motion_page.becomes')}</span>{' '}
                    {x.replacement ? <ins safe>{x.replacement}</ins> : <em safe>{t('motion_page.struck')}</em>}
                  </p>
                ) : (
                  ''
                )}
                {s.fallsWith.length > 0 ? (
                  <p class="hint" safe>
                    {t('motion_page.falls_with', { numbers: s.fallsWith.join(', ') })}
                  </p>
                ) : (
                  ''
                )}
              </li>
            );
          })}
        </ol>
      </section>
      <section class="card" aria-labelledby="amended-text">
        <h2 id="amended-text" safe>
          {t('motion_page.amended_text')}
        </h2>
        <p class="hint" safe>
          {changed ? t('motion_page.diff_legend', { applied: m.amended.applied.join(', ') }) : t('motion_page.no_adopted')}
        </p>
        {m.amended.skipped.length > 0 ? (
          <p class="motion-warning" role="note" safe>
            {t('motion_page.skipped', { numbers: m.amended.skipped.join(', ') })}
          </p>
        ) : (
          ''
        )}
        <DiffText view={view} parts={m.amended.diff} />
        {changed ? (
          <>
            <h3 safe>{t('motion_page.amended_lines')}</h3>
            <NumberedText view={view} lines={m.amended.lines} label={t('motion_page.amended_lines')} />
          </>
        ) : (
          ''
        )}
      </section>
    </Layout>
  );
}
