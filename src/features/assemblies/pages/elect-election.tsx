import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader, TextArea, TextField } from '../../../platform/html/components.js';
import type { FormState, View } from '../../../platform/html/view.js';
import { formatDate } from '../../../platform/i18n/format.js';
import type { CandidateView, ElectionView } from '../elect-queries.js';
import { candidateOutcomeLabel, electionStatusLabel, seatKindLabel } from '../labels.js';
import { ButtonForm, Paragraphs } from './motion-parts.js';

/** What the reader may do on the election's page. */
export type ElectionAbilities = {
  me: string | null;
  /** Nominate (oneself or another member of the roll). */
  nominate: boolean;
  /** On the roll: may nominate oneself. */
  onRoll: boolean;
  /** The chair or staff: start, withdraw anyone. */
  run: boolean;
  /** The assembly is in session (an election starts only then). */
  inSession: boolean;
};

/** The form a POST came from, with what was typed and what was wrong. */
export type ElectionForm = { key: string; state: FormState } | null;

const formOf = (active: ElectionForm, key: string): FormState => (active?.key === key ? { values: active.state.values, errors: active.state.errors.filter((e) => e.path !== '') } : { values: {}, errors: [] });

function Candidate({ view, e, c, may, active }: { view: View; e: ElectionView; c: CandidateView; may: ElectionAbilities; active: ElectionForm }): JSX.Element {
  const { t } = view;
  const mine = may.me === c.personId;
  const nominating = e.status === 'nominating';
  const accept = formOf(active, `accept-${c.id}`);
  const prefix = `candidate-${c.id}`;
  return (
    <li class="card election-candidate">
      <h3 safe>{c.name}</h3>
      <p>
        {c.outcome ? (
          <Badge kind={c.outcome === 'elected' ? 'success' : c.outcome === 'substitute' ? 'info' : 'neutral'}>
            <span safe>{t(candidateOutcomeLabel[c.outcome])}</span>
          </Badge>
        ) : c.accepted ? (
          <Badge kind="info">
            <span safe>{t('election.stands')}</span>
          </Badge>
        ) : (
          <Badge kind="warning">
            <span safe>{t('election.awaiting_acceptance')}</span>
          </Badge>
        )}{' '}
        {c.votes !== null ? <span safe>{t('election.votes', { votes: c.votes })}</span> : ''}
      </p>
      {c.presentation ? <Paragraphs text={c.presentation} /> : ''}
      {nominating && mine && !c.accepted ? (
        <form method="post" action={`/candidates/${c.id}/accept`} class="form" novalidate>
          <Csrf view={view} />
          <ErrorSummary view={view} errors={accept.errors} prefix={prefix} />
          <p safe>{t('election.nominated_you')}</p>
          <TextArea prefix={prefix} name="presentation" label={t('fields.presentation')} hint={t('election.presentation_hint')} value={accept.values.presentation ?? c.presentation} errors={accept.errors} rows={4} />
          <button type="submit" class="button" safe>
            {t('election.accept')}
          </button>
        </form>
      ) : (
        ''
      )}
      <div class="motion-actions">
        {nominating && mine && !c.accepted ? <ButtonForm view={view} action={`/candidates/${c.id}/decline`} label={t('election.decline')} secondary /> : ''}
        {nominating && c.accepted && (mine || may.run) ? <ButtonForm view={view} action={`/candidates/${c.id}/withdraw`} label={mine ? t('election.withdraw_self') : t('election.withdraw')} secondary /> : ''}
      </div>
    </li>
  );
}

function NominateForm({ view, e, may, active }: { view: View; e: ElectionView; may: ElectionAbilities; active: ElectionForm }): JSX.Element {
  const { t } = view;
  const form = formOf(active, 'nominate');
  return (
    <form method="post" action={`/elections/${e.id}/nominate`} class="form card" novalidate>
      <h2 id="nominate" safe>
        {t('election.nominate')}
      </h2>
      <Csrf view={view} />
      <ErrorSummary view={view} errors={form.errors} prefix="nominate" />
      <TextField
        prefix="nominate"
        name="memberNumber"
        label={t('fields.memberNumber')}
        hint={may.onRoll ? t('election.member_number_hint_self') : t('election.member_number_hint')}
        value={form.values.memberNumber}
        errors={form.errors}
        inputmode="numeric"
        required={!may.onRoll}
      />
      <TextArea prefix="nominate" name="presentation" label={t('fields.presentation')} hint={t('election.presentation_hint')} value={form.values.presentation} errors={form.errors} rows={4} />
      <button type="submit" class="button" safe>
        {t('election.nominate')}
      </button>
    </form>
  );
}

/** One election: its candidates with their presentations, nominations, and for the chair the start and the outcome. */
export function ElectionPage({ view, e, may, active }: { view: View; e: ElectionView; may: ElectionAbilities; active: ElectionForm }): JSX.Element {
  const { t, locale } = view;
  const general = active ? active.state.errors.filter((x) => x.path === '') : [];
  const standing = e.candidates.filter((c) => c.accepted);
  return (
    <Layout view={view} title={e.title}>
      <nav class="breadcrumbs" aria-label={t('layout.breadcrumbs')}>
        <a href={`/assemblies/${e.assemblyId}`} safe>
          {e.assemblyTitle}
        </a>{' '}
        ›{' '}
        <a href={`/units/${e.unitId}/board`} safe>
          {e.bodyName}
        </a>
      </nav>
      <PageHeader title={e.title} lead={e.itemTitle} />
      <ErrorSummary view={view} errors={general} prefix="election" />
      <section class="card" aria-labelledby="election-facts">
        <h2 id="election-facts" class="visually-hidden" safe>
          {t('election.facts')}
        </h2>
        <p>
          <Badge kind={e.status === 'decided' ? 'success' : 'info'}>
            <span safe>{t(electionStatusLabel[e.status])}</span>
          </Badge>
        </p>
        <dl class="facts">
          <dt safe>{t('fields.seats')}</dt>
          <dd safe>{String(e.seats)}</dd>
          <dt safe>{t('fields.substitutes')}</dt>
          <dd safe>{String(e.substitutes)}</dd>
          <dt safe>{t('fields.termEndsOn')}</dt>
          <dd safe>{formatDate(locale, e.termEndsOn)}</dd>
        </dl>
        {e.status === 'nominating' && may.run ? (
          may.inSession ? (
            <ButtonForm view={view} action={`/elections/${e.id}/start`} label={t('election.start')} hint={standing.length <= e.seats ? t('election.start_unopposed_hint', { n: standing.length, seats: e.seats }) : t('election.start_poll_hint', { n: standing.length, seats: e.seats })} />
          ) : (
            <p class="hint" safe>
              {t('election.start_in_session')}
            </p>
          )
        ) : (
          ''
        )}
        {e.status === 'polling' && may.run ? (
          <p>
            <a class="button" href={`/assemblies/${e.assemblyId}/console`} safe>
              {t('election.to_console')}
            </a>
          </p>
        ) : (
          ''
        )}
        {e.status === 'polling' && !may.run ? <p safe>{t('election.polling')}</p> : ''}
      </section>
      {e.status === 'decided' ? (
        <section class="card" aria-labelledby="election-outcome">
          <h2 id="election-outcome" safe>
            {t('election.outcome')}
          </h2>
          {e.unopposed ? <p safe>{t('election.unopposed')}</p> : ''}
          <ul>
            {e.candidates
              .filter((c) => c.outcome === 'elected' || c.outcome === 'substitute')
              .map((c) => (
                <li safe>{`${c.name}: ${t(seatKindLabel[c.outcome === 'elected' ? 'member' : 'substitute'])}${c.votes !== null ? ` (${t('election.votes', { votes: c.votes })})` : ''}`}</li>
              ))}
          </ul>
          {e.lots.map((l) => (
            <p class="election-lot" safe>
              {t('election.lot', { tied: l.tied.map((x) => x.name).join(', '), chosen: l.chosen.map((x) => x.name).join(', '), place: t(seatKindLabel[l.place]) })}
            </p>
          ))}
        </section>
      ) : (
        ''
      )}
      <section aria-labelledby="election-candidates">
        <h2 id="election-candidates" safe>
          {t('election.candidates')}
        </h2>
        {e.candidates.length === 0 ? (
          <p safe>{t('election.no_candidates')}</p>
        ) : (
          <ul class="card-list">
            {e.candidates.map((c) => (
              <Candidate view={view} e={e} c={c} may={may} active={active} />
            ))}
          </ul>
        )}
      </section>
      {e.status === 'nominating' && may.nominate ? <NominateForm view={view} e={e} may={may} active={active} /> : ''}
    </Layout>
  );
}
