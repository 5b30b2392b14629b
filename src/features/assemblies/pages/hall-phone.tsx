import { Layout } from '../../../platform/html/layout.js';
import { Csrf, ErrorSummary } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import type { FieldError } from '../../../platform/errors.js';
import type { HallPoll, HallState } from '../hall-state.js';
import type { HallSeat } from '../hall-queries.js';
import { assemblyStatusLabel, hallChoiceLabel, hallPollModeLabel, hallPollStatusLabel } from '../labels.js';
import { Attendance, CurrentItem, HallAssets, LiveRegion, PollResultView, SpeakerLines, Turnout } from './hall-parts.js';

/*
 * The member's phone in the hall: the item on the floor, asking to speak (and withdrawing), and the
 * open poll with a ballot, plus one for each absent member whose proxy the reader holds. Every
 * action is a plain form; the page says what happened after it ("Din stemme er afgivet").
 */

function PostButton({ view, action, label, cls, name, value }: { view: View; action: string; label: string; cls?: string; name?: string; value?: string }): JSX.Element {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf view={view} />
      {name ? <input type="hidden" name={name} value={value ?? ''} /> : ''}
      <button type="submit" class={cls ?? 'button'} safe>
        {label}
      </button>
    </form>
  );
}

function SpeakerActions({ view, state, seat, base }: { view: View; state: HallState; seat: HallSeat; base: string }): JSX.Element {
  const { t } = view;
  const list = state.speakers;
  if (!list || state.status !== 'in_session' || !seat.onRoll) return '';
  const mine = list.speakers.find((s) => s.personId === seat.personId && (s.status === 'waiting' || s.status === 'speaking'));
  if (mine?.status === 'speaking')
    return (
      <p class="hall-notice hall-notice-now" safe>
        {t('hall.you_speak')}
      </p>
    );
  if (mine) {
    const place = list.speakers.filter((s) => s.status === 'waiting').findIndex((s) => s.id === mine.id) + 1;
    return (
      <div class="hall-actions">
        <p class="hall-notice" safe>
          {t('hall.your_place', { n: place })}
        </p>
        <PostButton view={view} action={`${base}/withdraw`} label={t('hall.withdraw')} cls="button button-secondary" />
      </div>
    );
  }
  if (list.closed)
    return (
      <p class="hall-notice" safe>
        {t('speaker.list_closed')}
      </p>
    );
  if (!seat.present)
    return (
      <p class="hall-notice" safe>
        {t('hall.not_present')}
      </p>
    );
  return (
    <div class="hall-actions">
      <PostButton view={view} action={`${base}/speak`} label={t('hall.ask_to_speak')} cls="button button-large" />
    </div>
  );
}

/** One ballot: yes/no/abstain or the options (radio buttons, or check boxes up to the marks allowed). */
function BallotForm({ view, poll, base, forMember }: { view: View; poll: HallPoll; base: string; forMember?: { id: string; name: string } }): JSX.Element {
  const { t } = view;
  const prefix = `ballot-${poll.id.slice(0, 8)}${forMember ? `-${forMember.id.slice(0, 8)}` : ''}`;
  const multi = poll.method === 'choice' && poll.maxMarks > 1;
  const options = poll.method === 'choice' ? poll.options.map((o) => ({ value: o.id, label: o.label })) : (['yes', 'no', 'abstain'] as const).map((c) => ({ value: c, label: t(hallChoiceLabel[c]) }));
  const legend = forMember ? t('hall.ballot_legend_for', { name: forMember.name }) : t('hall.ballot_legend');
  return (
    <form method="post" action={`${base}/polls/${poll.id}/ballot`} class="hall-ballot">
      <Csrf view={view} />
      {forMember ? <input type="hidden" name="forMemberId" value={forMember.id} /> : ''}
      {multi ? <input type="hidden" name="multi" value="1" /> : ''}
      <fieldset class="hall-choices">
        <legend safe>{legend}</legend>
        {multi ? (
          <p class="hint" safe>
            {t('hall.ballot_max_marks', { n: poll.maxMarks })}
          </p>
        ) : (
          ''
        )}
        {options.map((o, i) => (
          <div class="hall-choice">
            <input type={multi ? 'checkbox' : 'radio'} id={`${prefix}-${i}`} name={multi ? 'choices' : 'choice'} value={o.value} required={multi ? undefined : true} />
            <label for={`${prefix}-${i}`} safe>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="button button-large" safe>
        {forMember ? t('hall.ballot_submit_for', { name: forMember.name }) : t('hall.ballot_submit')}
      </button>
    </form>
  );
}

function PhonePoll({ view, poll, seat, base }: { view: View; poll: HallPoll; seat: HallSeat; base: string }): JSX.Element {
  const { t } = view;
  const electronic = poll.mode !== 'open';
  const givers = seat.proxies.filter((p) => !p.giverPresent);
  return (
    <article class="card hall-poll">
      <p class="hall-poll-status" safe>
        {`${t(hallPollStatusLabel[poll.status])} · ${t(hallPollModeLabel[poll.mode])}`}
      </p>
      <h3 safe>{poll.title}</h3>
      {poll.status === 'created' ? (
        poll.mode === 'secret' ? (
          ''
        ) : seat.requestedWritten.includes(poll.id) ? (
          <p class="hall-notice" safe>
            {t('hall.written_requested')}
          </p>
        ) : seat.present ? (
          <PostButton view={view} action={`${base}/polls/${poll.id}/written-ballot`} label={t('hall.request_written')} cls="button button-secondary" />
        ) : (
          ''
        )
      ) : (
        ''
      )}
      {poll.status === 'open' && !electronic ? (
        <p class="hall-notice" safe>
          {t('hall.show_of_hands')}
        </p>
      ) : (
        ''
      )}
      {poll.status === 'open' && electronic && seat.present ? (
        <>
          {seat.voted.includes(poll.id) ? (
            <p class="hall-notice hall-notice-done" role="status" safe>
              {t('hall.ballot_cast')}
            </p>
          ) : (
            <BallotForm view={view} poll={poll} base={base} />
          )}
          {givers.map((g) =>
            g.voted.includes(poll.id) ? (
              <p class="hall-notice hall-notice-done" safe>
                {t('hall.ballot_cast_for', { name: g.name })}
              </p>
            ) : (
              <BallotForm view={view} poll={poll} base={base} forMember={{ id: g.giverId, name: g.name }} />
            ),
          )}
        </>
      ) : (
        ''
      )}
      {poll.status === 'open' || poll.status === 'closed' ? <Turnout view={view} poll={poll} /> : ''}
      {poll.status === 'published' ? <PollResultView view={view} poll={poll} /> : ''}
    </article>
  );
}

export function HallPhonePage({ view, state, seat, errors, base, liveSrc }: { view: View; state: HallState; seat: HallSeat; errors: FieldError[]; base: string; liveSrc: string }): JSX.Element {
  const { t } = view;
  return (
    <Layout view={view} title={`${t('hall.phone_title')} · ${state.title}`}>
      <HallAssets />
      <div class="hall hall-phone" data-live-src={liveSrc} data-live-page={base} data-live-refresh-on={seat.onRoll && !seat.present ? 'present' : undefined}>
        <p class="hall-assembly" safe>
          {state.title}
        </p>
        <ErrorSummary view={view} errors={errors} prefix="hall" />
        <LiveRegion state={state} region="session" label={t('hall.region_session')} polite>
          {state.status === 'in_session' ? (
            <CurrentItem view={view} state={state} level={1} />
          ) : (
            <h1 class="hall-item" safe>
              {t(assemblyStatusLabel[state.status])}
            </h1>
          )}
          <Attendance view={view} state={state} />
          {seat.onRoll && !seat.present && state.status === 'in_session' ? (
            <p class="hall-notice" safe>
              {t('hall.not_present')}
            </p>
          ) : (
            ''
          )}
        </LiveRegion>
        <LiveRegion state={state} region="polls" label={t('hall.region_polls')} polite>
          {state.polls.map((p) => (
            <PhonePoll view={view} poll={p} seat={seat} base={base} />
          ))}
        </LiveRegion>
        <LiveRegion state={state} region="speakers" label={t('hall.speakers_title')}>
          {state.speakers ? (
            <>
              <h2 safe>{t('hall.speakers_title')}</h2>
              <SpeakerActions view={view} state={state} seat={seat} base={base} />
              <SpeakerLines view={view} speakers={state.speakers.speakers} me={seat.personId} />
            </>
          ) : (
            ''
          )}
        </LiveRegion>
      </div>
    </Layout>
  );
}
