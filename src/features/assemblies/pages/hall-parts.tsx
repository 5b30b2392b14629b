import type { PropsWithChildren } from '@kitajs/html';
import type { View } from '../../../platform/html/view.js';
import { labelName } from '../../../platform/i18n/labels.js';
import { formatNumber } from '../../../platform/i18n/format.js';
import type { HallPoll, HallRegion, HallState } from '../hall-state.js';
import { eligibleCounter, votedCounter } from '../hall-state.js';
import { hallChoiceLabel, hallOutcomeLabel, speakerStatusLabel } from '../labels.js';
import type { SpeakerView } from '../speakers.js';

/*
 * What the console, the projector and the phone page share. Each page is whole without JavaScript;
 * with it, /public/hall.js follows the stream named by `data-live-src`: it writes `counts` into the
 * `data-live-count` elements and re-reads the page for a `data-live-region` whose key has changed.
 */

/** The scripts and styles of the hall's pages (a stylesheet link may stand in the body). */
export function HallAssets(): JSX.Element {
  return (
    <>
      <link rel="stylesheet" href="/public/hall.css" />
      <script src="/public/hall.js" defer></script>
    </>
  );
}

/** A part of a page that the live script replaces when the hall's state of that part changes. */
export function LiveRegion({ state, region, label, children, cls, polite }: PropsWithChildren<{ state: HallState; region: HallRegion; label: string; cls?: string; polite?: boolean }>): JSX.Element {
  return (
    <section class={cls ?? 'hall-region'} data-live-region={region} data-live-key={state.keys[region]} aria-label={label} aria-live={polite ? 'polite' : undefined}>
      {children}
    </section>
  );
}

/** A number that the live script keeps current. */
export function Counter({ view, name, value }: { view: View; name: string; value: number }): JSX.Element {
  return (
    <span class="hall-count" data-live-count={name} safe>
      {formatNumber(view.locale, value)}
    </span>
  );
}

const slot = (name: string) => `\u0000${name}\u0000`;

/**
 * A translated sentence with live numbers in it ("12 af 40 har stemt"): the translation decides
 * where the numbers stand, the numbers stay elements the script can update.
 */
export function Sentence({ text, slots }: { text: string; slots: Record<string, JSX.Element> }): JSX.Element {
  const parts = text.split('\u0000');
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 ? (slots[part] ?? '') : part ? <span safe>{part}</span> : ''))}
    </>
  );
}

/** "x af y har stemt", kept current. */
export function Turnout({ view, poll, cls }: { view: View; poll: HallPoll; cls?: string }): JSX.Element {
  return (
    <p class={cls ?? 'hall-turnout'}>
      <Sentence
        text={view.t('hall.turnout', { voted: slot('voted'), eligible: slot('eligible') })}
        slots={{ voted: <Counter view={view} name={votedCounter(poll.id)} value={poll.voted} />, eligible: <Counter view={view} name={eligibleCounter(poll.id)} value={poll.eligible} /> }}
      />
    </p>
  );
}

/** Present against the roll, and whether the assembly has its quorum. */
export function Attendance({ view, state }: { view: View; state: HallState }): JSX.Element {
  const { t } = view;
  return (
    <div class="hall-attendance">
      <p>
        <Sentence
          text={t('hall.present', { present: slot('present'), roll: slot('roll') })}
          slots={{ present: <Counter view={view} name="present" value={state.present} />, roll: <Counter view={view} name="rollSize" value={state.rollSize} /> }}
        />
      </p>
      {state.quorumNeeded === null ? (
        ''
      ) : (
        <p class={state.quorumMet ? 'hall-quorum hall-quorum-met' : 'hall-quorum hall-quorum-missing'} safe>
          {state.quorumMet ? t('hall.quorum_met', { needed: state.quorumNeeded }) : t('hall.quorum_missing', { needed: state.quorumNeeded })}
        </p>
      )}
    </div>
  );
}

/** The item on the floor as a heading. */
export function CurrentItem({ view, state, level = 2 }: { view: View; state: HallState; level?: 1 | 2 }): JSX.Element {
  const item = state.currentItem;
  const text = item ? view.t('hall.current_item', { position: item.position, title: item.title }) : view.t('hall.no_current_item');
  return level === 1 ? (
    <h1 class="hall-item" safe>
      {text}
    </h1>
  ) : (
    <h2 class="hall-item" safe>
      {text}
    </h2>
  );
}

/** A published poll's counts and what they decided, by the rule that decided it. */
export function PollResultView({ view, poll }: { view: View; poll: HallPoll }): JSX.Element {
  const { t } = view;
  const r = poll.result;
  if (!r) return '';
  const name = (key: string) => (poll.method === 'choice' ? (poll.options.find((o) => o.id === key)?.label ?? key) : labelName(t, hallChoiceLabel, key));
  const keys = poll.method === 'choice' ? poll.options.map((o) => o.id) : ['yes', 'no', 'abstain'];
  return (
    <div class="hall-result">
      <p class="hall-outcome" safe>
        {`${labelName(t, hallOutcomeLabel, r.outcome)}${r.winners.length && poll.method === 'choice' ? `: ${r.winners.map(name).join(', ')}` : ''}`}
      </p>
      <dl class="hall-counts">
        {keys.map((k) => (
          <>
            <dt safe>{name(k)}</dt>
            <dd safe>{formatNumber(view.locale, r.counts[k] ?? 0)}</dd>
          </>
        ))}
      </dl>
      <p class="muted" safe>
        {t('hall.result_valid', { valid: r.valid, blank: r.blank })}
      </p>
    </div>
  );
}

/** Who has the floor and who waits, in order; `me` marks the reader's own entry. */
export function SpeakerLines({ view, speakers, me, limit }: { view: View; speakers: readonly SpeakerView[]; me?: string | null; limit?: number }): JSX.Element {
  const { t } = view;
  const active = speakers.filter((s) => s.status === 'speaking' || s.status === 'waiting');
  const shown = limit ? active.slice(0, limit) : active;
  if (shown.length === 0)
    return (
      <p class="muted" safe>
        {t('hall.speakers_empty')}
      </p>
    );
  return (
    <ol class="hall-speakers">
      {shown.map((s) => (
        <li class={s.status === 'speaking' ? 'hall-speaker hall-speaker-now' : 'hall-speaker'}>
          <span class="hall-speaker-name" safe>
            {s.name}
          </span>
          {s.personId === me ? (
            <span class="hall-you" safe>
              {` ${t('hall.you')}`}
            </span>
          ) : (
            ''
          )}
          {s.status === 'speaking' ? (
            <span class="badge badge-success" safe>
              {t(speakerStatusLabel.speaking)}
            </span>
          ) : (
            ''
          )}
        </li>
      ))}
    </ol>
  );
}
