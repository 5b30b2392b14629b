import type { View } from '../../../platform/html/view.js';
import type { HallPoll, HallState } from '../hall-state.js';
import { assemblyStatusLabel, hallPollModeLabel, hallPollStatusLabel } from '../labels.js';
import { Attendance, CurrentItem, LiveRegion, PollResultView, SpeakerLines, Turnout } from './hall-parts.js';

/**
 * The poll the big screen shows: the open one, else the latest counted or published, else the
 * next to come. One at a time, in type the back row can read.
 */
export function focusPoll(polls: readonly HallPoll[]): HallPoll | null {
  const latest = (status: HallPoll['status']) => polls.filter((p) => p.status === status).at(-1);
  return latest('open') ?? latest('closed') ?? latest('published') ?? latest('created') ?? null;
}

function ProjectedPoll({ view, poll }: { view: View; poll: HallPoll }): JSX.Element {
  const { t } = view;
  return (
    <div class={`projector-poll projector-poll-${poll.status}`}>
      <p class="projector-label" safe>
        {`${t(hallPollStatusLabel[poll.status])} · ${t(hallPollModeLabel[poll.mode])}`}
      </p>
      <h2 class="projector-question" safe>
        {poll.title}
      </h2>
      {poll.status === 'open' || poll.status === 'closed' ? <Turnout view={view} poll={poll} cls="projector-turnout" /> : ''}
      {poll.status === 'published' ? <PollResultView view={view} poll={poll} /> : ''}
    </div>
  );
}

/**
 * The projector: a page of its own for the big screen (no menu, no controls), light on dark in
 * large type. It follows the chair: the item on the floor, the poll with its turnout, the speakers.
 */
export function ProjectorPage({ view, state, liveSrc }: { view: View; state: HallState; liveSrc: string }): JSX.Element {
  const { t } = view;
  const poll = focusPoll(state.polls);
  const title = `${t('hall.projector_title')} · ${state.title}`;
  return (
    <>
      {'<!doctype html>'}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title safe>{title}</title>
          <link rel="stylesheet" href="/public/hall.css" />
          <script src="/public/hall.js" defer></script>
        </head>
        <body class="projector" data-live-src={liveSrc} data-live-page={liveSrc.replace(/\/live$/, '/projector')}>
          <main class="projector-main">
            <p class="projector-assembly" safe>
              {state.title}
            </p>
            <LiveRegion state={state} region="session" label={t('hall.region_session')} cls="projector-session">
              {state.status === 'in_session' ? (
                <CurrentItem view={view} state={state} level={1} />
              ) : (
                <h1 class="hall-item" safe>
                  {t(assemblyStatusLabel[state.status])}
                </h1>
              )}
              <Attendance view={view} state={state} />
            </LiveRegion>
            <LiveRegion state={state} region="polls" label={t('hall.region_polls')} cls="projector-polls">
              {poll ? <ProjectedPoll view={view} poll={poll} /> : ''}
            </LiveRegion>
            <LiveRegion state={state} region="speakers" label={t('hall.speakers_title')} cls="projector-speakers">
              {state.speakers ? (
                <>
                  <h2 safe>{state.speakers.closed ? `${t('hall.speakers_title')} · ${t('hall.speakers_closed')}` : t('hall.speakers_title')}</h2>
                  <SpeakerLines view={view} speakers={state.speakers.speakers} limit={6} />
                </>
              ) : (
                ''
              )}
            </LiveRegion>
          </main>
        </body>
      </html>
    </>
  );
}
