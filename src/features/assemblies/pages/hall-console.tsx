import { Layout } from '../../../platform/html/layout.js';
import { Badge, Csrf, ErrorSummary, PageHeader } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import type { AgendaItemView } from '../queries.js';
import type { HallPoll, HallState } from '../hall-state.js';
import { requestsCounter } from '../hall-state.js';
import { agendaItemKindLabel, assemblyStatusLabel, hallChoiceLabel, hallPollModeLabel, hallPollStatusLabel, speakerStatusLabel } from '../labels.js';
import type { SpeakerView } from '../speakers.js';
import { Attendance, Counter, CurrentItem, HallAssets, LiveRegion, PollResultView, Sentence, Turnout } from './hall-parts.js';

/** A closed poll's result as the chair sees it before publishing (the hall sees it once published). */
export type ChairPoll = HallPoll & { counted: HallPoll['result']; paperCounts: Record<string, number> | null };

/** One button that posts a form: an action of the chair. */
function Action({ view, action, label, fields = {}, cls, describe }: { view: View; action: string; label: string; fields?: Record<string, string>; cls?: string; describe?: string }): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf view={view} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={cls ?? 'button button-small'} aria-label={describe ? `${label}: ${describe}` : undefined} safe>
        {label}
      </button>
    </form>
  );
}

function Agenda({ view, state, agenda, base }: { view: View; state: HallState; agenda: readonly AgendaItemView[]; base: string }): JSX.Element {
  const { t } = view;
  const at = agenda.findIndex((i) => i.id === state.currentItem?.id);
  const running = state.status === 'in_session';
  const go = (item: AgendaItemView | undefined, label: string) =>
    item && running ? <Action view={view} action={`${base}/current-item`} fields={{ itemId: item.id }} label={label} describe={item.title} cls="button button-secondary" /> : '';
  return (
    <div class="console-agenda">
      <div class="inline-actions">
        {go(agenda[at - 1], t('hall.previous_item'))}
        {go(at >= 0 ? agenda[at + 1] : agenda[0], t('hall.next_item'))}
      </div>
      <h3 safe>{t('hall.agenda')}</h3>
      <ol class="console-items">
        {agenda.map((item) => {
          const current = item.id === state.currentItem?.id;
          return (
            <li class={current ? 'console-item console-item-current' : 'console-item'} aria-current={current ? 'step' : undefined}>
              <span safe>{`${item.position}. ${item.title}`}</span>
              {t(agendaItemKindLabel[item.kind]) === item.title ? '' : <span class="muted" safe>{t(agendaItemKindLabel[item.kind])}</span>}
              {current ? <Badge kind="info"><span safe>{view.t('hall.current')}</span></Badge> : running ? <Action view={view} action={`${base}/current-item`} fields={{ itemId: item.id }} label={t('hall.take_up')} describe={item.title} /> : ''}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function SpeakerRow({ view, s, base, first, last }: { view: View; s: SpeakerView; base: string; first: boolean; last: boolean }): JSX.Element {
  const { t } = view;
  const act = (action: string, label: string, cls?: string) => <Action view={view} action={`${base}/speakers/${s.id}`} fields={{ action }} label={label} describe={s.name} cls={cls} />;
  return (
    <tr class={s.status === 'speaking' ? 'console-speaking' : undefined}>
      <td data-label={t('hall.speaker_name')} safe>
        {s.name}
      </td>
      <td data-label={t('fields.status')} safe>
        {t(speakerStatusLabel[s.status])}
      </td>
      <td data-label={t('hall.actions')}>
        <div class="inline-actions">
          {s.status === 'waiting' ? act('floor', t('hall.give_floor')) : ''}
          {s.status === 'waiting' || s.status === 'speaking' ? act('done', t('hall.speaker_done'), 'button button-small button-secondary') : ''}
          {s.status === 'waiting' && !first ? act('up', t('hall.move_up'), 'button button-small button-secondary') : ''}
          {s.status === 'waiting' && !last ? act('down', t('hall.move_down'), 'button button-small button-secondary') : ''}
          {s.status === 'waiting' ? act('remove', t('hall.remove_speaker'), 'button button-small button-danger') : ''}
        </div>
      </td>
    </tr>
  );
}

function Speakers({ view, state, base, present }: { view: View; state: HallState; base: string; present: readonly { personId: string; name: string }[] }): JSX.Element {
  const { t } = view;
  const list = state.speakers;
  if (!list) return <p class="muted" safe>{t('hall.no_current_item')}</p>;
  const shown = list.speakers.filter((s) => s.status !== 'done');
  const waiting = shown.filter((s) => s.status === 'waiting');
  const running = state.status === 'in_session';
  const listed = new Set(shown.map((s) => s.personId));
  const choices = present.filter((p) => !listed.has(p.personId));
  return (
    <>
      <div class="page-actions">
        {list.closed ? <Badge kind="warning"><span safe>{t('hall.speakers_closed')}</span></Badge> : ''}
        {running ? <Action view={view} action={`${base}/speaker-list`} fields={{ action: list.closed ? 'reopen' : 'close' }} label={list.closed ? t('hall.reopen_list') : t('hall.close_list')} cls="button button-small button-secondary" /> : ''}
      </div>
      {shown.length === 0 ? (
        <p class="muted" safe>
          {t('hall.speakers_empty')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table table-cards">
            <caption class="visually-hidden" safe>
              {t('hall.speakers_title')}
            </caption>
            <thead>
              <tr>
                <th scope="col" safe>{t('hall.speaker_name')}</th>
                <th scope="col" safe>{t('fields.status')}</th>
                <th scope="col" safe>{t('hall.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <SpeakerRow view={view} s={s} base={base} first={s.id === waiting[0]?.id} last={s.id === waiting.at(-1)?.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {running && choices.length > 0 ? (
        <form method="post" action={`${base}/speakers`} class="inline-form console-add">
          <Csrf view={view} />
          <label for="console-personId" safe>
            {t('hall.add_speaker_label')}
          </label>
          <select id="console-personId" name="personId" required>
            {choices.map((p) => (
              <option value={p.personId} safe>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button button-small" safe>
            {t('hall.add_speaker')}
          </button>
        </form>
      ) : (
        ''
      )}
    </>
  );
}

/**
 * Counted hands (a poll by show of hands) or paper ballots beside the electronic ones, per choice;
 * for an election with several seats also the number of ballots, so the marks can be checked.
 */
function PaperCounts({ view, poll, base }: { view: View; poll: ChairPoll; base: string }): JSX.Element {
  const { t } = view;
  const choices =
    poll.method === 'choice'
      ? [...poll.options.map((o) => ({ key: o.id, label: o.label })), { key: 'blank', label: t('hall.count_blank') }, ...(poll.maxMarks > 1 ? [{ key: 'ballots', label: t('hall.count_ballots') }] : [])]
      : (['yes', 'no', 'abstain'] as const).map((c) => ({ key: c, label: t(hallChoiceLabel[c]) }));
  const prefix = `counts-${poll.id.slice(0, 8)}`;
  return (
    <details class="console-counts" open={poll.mode === 'open' ? true : undefined}>
      <summary safe>{poll.mode === 'open' ? t('hall.count_hands') : t('hall.count_paper')}</summary>
      <form method="post" action={`${base}/polls/${poll.id}/counts`} class="console-counts-form">
        <Csrf view={view} />
        {choices.map((c) => (
          <div class="field">
            <label for={`${prefix}-${c.key}`} safe>
              {c.label}
            </label>
            <input id={`${prefix}-${c.key}`} type="number" inputmode="numeric" min="0" name={`count_${c.key}`} value={poll.paperCounts?.[c.key] !== undefined ? String(poll.paperCounts[c.key]) : ''} />
          </div>
        ))}
        <button type="submit" class="button button-small button-secondary" safe>
          {t('hall.save_counts')}
        </button>
      </form>
    </details>
  );
}

function ConsolePoll({ view, poll, base, running }: { view: View; poll: ChairPoll; base: string; running: boolean }): JSX.Element {
  const { t } = view;
  const act = (action: string, label: string, cls?: string) => <Action view={view} action={`${base}/polls/${poll.id}`} fields={{ action }} label={label} describe={poll.title} cls={cls ?? 'button'} />;
  return (
    <article class="card console-poll">
      <p class="hall-poll-status">
        <Badge kind={poll.status === 'open' ? 'success' : poll.status === 'closed' ? 'warning' : 'neutral'}><span safe>{t(hallPollStatusLabel[poll.status])}</span></Badge> <span safe>{t(hallPollModeLabel[poll.mode])}</span>
      </p>
      <h3 safe>{poll.title}</h3>
      {poll.status === 'created' && poll.writtenBallotRequests > 0 ? (
        <p class="hall-notice">
          <Sentence text={t('hall.written_requests', { n: '\u0000n\u0000' })} slots={{ n: <Counter view={view} name={requestsCounter(poll.id)} value={poll.writtenBallotRequests} /> }} />
        </p>
      ) : (
        ''
      )}
      {poll.status === 'open' || poll.status === 'closed' ? <Turnout view={view} poll={poll} cls="hall-turnout console-turnout" /> : ''}
      {poll.status === 'open' ? <PaperCounts view={view} poll={poll} base={base} /> : ''}
      {poll.status === 'closed' && poll.counted ? <PollResultView view={view} poll={{ ...poll, result: poll.counted }} /> : ''}
      {poll.status === 'published' ? <PollResultView view={view} poll={poll} /> : ''}
      <div class="inline-actions">
        {running && poll.status === 'created' && poll.mode !== 'secret' ? act('secret', t('hall.make_secret'), 'button button-secondary') : ''}
        {running && poll.status === 'created' ? act('open', t('hall.open_poll')) : ''}
        {poll.status === 'open' ? act('close', t('hall.close_poll')) : ''}
        {poll.status === 'closed' ? act('publish', t('hall.publish_poll')) : ''}
      </div>
    </article>
  );
}

/** The chair's console: the session, the agenda to move along, the speakers' list and the polls of the item. */
export function ConsolePage(p: {
  view: View;
  state: HallState;
  polls: ChairPoll[];
  agenda: readonly AgendaItemView[];
  present: readonly { personId: string; name: string }[];
  errors: FieldError[];
  base: string;
  assemblyBase: string;
}): JSX.Element {
  const { view, state, base } = p;
  const { t } = view;
  const running = state.status === 'in_session';
  return (
    <Layout view={view} title={`${t('hall.console_title')} · ${state.title}`}>
      <HallAssets />
      <div class="hall hall-console" data-live-src={`${p.assemblyBase}/live`} data-live-page={`${p.assemblyBase}/console`}>
        <PageHeader title={t('hall.console_title')} lead={state.title}>
          <a href={`${p.assemblyBase}/projector`} class="button button-secondary" safe>
            {t('hall.projector_link')}
          </a>
          <a href={`${p.assemblyBase}/hall`} class="button button-secondary" safe>
            {t('hall.phone_link')}
          </a>
        </PageHeader>
        <ErrorSummary view={view} errors={p.errors} prefix="console" />
        <LiveRegion state={state} region="session" label={t('hall.region_session')} cls="card console-session">
          <p>
            <Badge kind={running ? 'success' : 'neutral'}><span safe>{t(assemblyStatusLabel[state.status])}</span></Badge>
          </p>
          {running ? <CurrentItem view={view} state={state} /> : ''}
          <Attendance view={view} state={state} />
          <div class="inline-actions">
            {state.status === 'notice_sent' ? <Action view={view} action={`${base}/open`} label={t('hall.open_assembly')} cls="button" /> : ''}
            {running ? <Action view={view} action={`${base}/close`} label={t('hall.close_assembly')} cls="button button-danger" /> : ''}
          </div>
          <Agenda view={view} state={state} agenda={p.agenda} base={base} />
        </LiveRegion>
        <LiveRegion state={state} region="polls" label={t('hall.region_polls')} cls="card console-polls">
          <h2 safe>{t('hall.polls_title')}</h2>
          {p.polls.length === 0 ? (
            <p class="muted" safe>
              {t('hall.polls_none')}
            </p>
          ) : (
            p.polls.map((poll) => <ConsolePoll view={view} poll={poll} base={base} running={running} />)
          )}
        </LiveRegion>
        <LiveRegion state={state} region="speakers" label={t('hall.speakers_title')} cls="card console-speakers">
          <h2 safe>{t('hall.speakers_title')}</h2>
          <Speakers view={view} state={state} base={base} present={p.present} />
        </LiveRegion>
      </div>
    </Layout>
  );
}
