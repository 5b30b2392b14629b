import { Layout } from '../../../platform/html/layout.js';
import { EmptyState, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { BoardBody, BoardTerm, UnitBoard } from '../elect-board.js';
import { seatKindLabel } from '../labels.js';

function Terms({ view, terms, caption }: { view: View; terms: readonly BoardTerm[]; caption: string }): JSX.Element {
  const { t, locale } = view;
  return (
    <div class="table-wrap">
      <table class="table">
        <caption safe>{caption}</caption>
        <thead>
          <tr>
            <th scope="col" safe>{t('fields.name')}</th>
            <th scope="col" safe>{t('board_page.seat')}</th>
            <th scope="col" safe>{t('board_page.term')}</th>
          </tr>
        </thead>
        <tbody>
          {terms.map((m) => (
            <tr>
              <th scope="row" safe>
                {m.name}
              </th>
              <td safe>{m.title ? `${t(seatKindLabel[m.seatKind])}, ${m.title}` : t(seatKindLabel[m.seatKind])}</td>
              <td safe>{m.endsOn ? t('board_page.period', { from: formatDate(locale, m.startsOn), to: formatDate(locale, m.endsOn) }) : t('board_page.since', { from: formatDate(locale, m.startsOn) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Body({ view, b }: { view: View; b: BoardBody }): JSX.Element {
  const { t } = view;
  const vacant = b.vacancies.seats + b.vacancies.substitutes > 0;
  return (
    <section class="card" aria-labelledby={`body-${b.id}`}>
      <h2 id={`body-${b.id}`} safe>
        {b.name}
      </h2>
      <p class="hint" safe>
        {t('board_page.shape', { seats: b.seats, substitutes: b.substitutes, years: b.termYears })}
      </p>
      {b.members.length > 0 ? <Terms view={view} terms={b.members} caption={t('board_page.current')} /> : <p safe>{t('board_page.no_members')}</p>}
      <p class={vacant ? 'board-vacancies' : 'board-vacancies hint'} safe>
        {vacant ? t('board_page.vacancies', { seats: b.vacancies.seats, substitutes: b.vacancies.substitutes }) : t('board_page.no_vacancies')}
      </p>
      {b.history.length > 0 ? (
        <details>
          <summary safe>{t('board_page.history_summary', { n: b.history.length })}</summary>
          <Terms view={view} terms={b.history} caption={t('board_page.history')} />
        </details>
      ) : (
        ''
      )}
    </section>
  );
}

/** A unit's board: public, names and terms only. */
export function BoardPage({ view, board }: { view: View; board: UnitBoard }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={t('board_page.title', { unit: board.unitName })}>
      <PageHeader title={t('board_page.title', { unit: board.unitName })} lead={t('board_page.lead')} />
      {board.bodies.length === 0 ? <EmptyState title={t('board_page.no_bodies')} /> : board.bodies.map((b) => <Body view={view} b={b} />)}
    </Layout>
  );
}
