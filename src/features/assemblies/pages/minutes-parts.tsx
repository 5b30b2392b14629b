import { Badge, Csrf } from '../../../platform/html/components.js';
import type { View } from '../../../platform/html/view.js';
import { formatDateTime } from '../../../platform/i18n/format.js';
import type { MinutesContent, MinutesElection, MinutesHeader, MinutesItem, MinutesMotion, MinutesPoll } from '../minutes-content.js';
import type { MinutesOffice } from '../minutes.js';
import { electedLine } from '../minutes-pdf.js';

/** The pieces the minutes' pages share: the facts, a text in paragraphs, what the data adds to an item, the approvals. */

/** A text as written: blank lines part paragraphs, a single line break stays a line break. */
export function Paragraphs({ text }: { text: string }): JSX.Element {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p) => (
          <p>
            {p.split('\n').map((line, i) => (
              <>
                {i > 0 ? <br /> : ''}
                <span safe>{line}</span>
              </>
            ))}
          </p>
        ))}
    </>
  );
}

export function MinutesFacts({ view, a }: { view: View; a: MinutesHeader }): JSX.Element {
  const { t } = view;
  return (
    <dl class="facts">
      <dt safe>{t('minutes.when')}</dt>
      <dd safe>{a.when}</dd>
      <dt safe>{t('fields.place')}</dt>
      <dd safe>{a.place ?? '–'}</dd>
      <dt safe>{t('fields.chairPersonId')}</dt>
      <dd safe>{a.chairName ?? '–'}</dd>
      <dt safe>{t('fields.minuteTakerPersonId')}</dt>
      <dd safe>{a.minuteTakerName ?? '–'}</dd>
      <dt safe>{t('minutes.present')}</dt>
      <dd safe>{t('minutes.present_of_roll', { present: a.present, roll: a.rollSize }) + (a.proxies > 0 ? ` ${t('minutes.proxies', { n: a.proxies })}` : '')}</dd>
    </dl>
  );
}

function MotionRecord({ view, motion }: { view: View; motion: MinutesMotion }): JSX.Element {
  const { t } = view;
  return (
    <li>
      <span safe>{t('minutes.motion', { number: motion.number, title: motion.title })}</span>
      {': '}
      <strong safe>{motion.stateText}</strong>
      {motion.amendments.length > 0 ? (
        <ul>
          {motion.amendments.map((am) => (
            <li safe>{`${t('minutes.amendment', { number: am.number })}: ${am.stateText}`}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  );
}

function PollRecord({ view, poll }: { view: View; poll: MinutesPoll }): JSX.Element {
  const { t } = view;
  return (
    <li>
      <span safe>{`${t('minutes.poll_label')}: ${poll.title}`}</span>
      <br />
      <strong safe>{poll.summary}</strong>
      <br />
      <span class="hint" safe>
        {poll.rule}
      </span>
      <br />
      <span class="hint" safe>
        {poll.ballot}
      </span>
      {poll.counted ? (
        <>
          <br />
          <span class="hint" safe>
            {poll.counted}
          </span>
        </>
      ) : (
        ''
      )}
      {poll.named && poll.named.length > 0 ? (
        <ul aria-label={t('minutes.named_votes')}>
          {poll.named.map((g) => (
            <li safe>{`${g.choice}: ${g.names.join(', ')}`}</li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </li>
  );
}

function ElectionRecord({ view, election }: { view: View; election: MinutesElection }): JSX.Element {
  const { t } = view;
  return (
    <li>
      <span safe>{`${t('minutes.election_label')}: ${election.title}`}</span>
      {!election.decided ? (
        <>
          <br />
          <span class="hint" safe>
            {t('minutes.election.undecided')}
          </span>
        </>
      ) : (
        <>
          {election.unopposed ? (
            <>
              <br />
              <span class="hint" safe>
                {t('minutes.election.unopposed')}
              </span>
            </>
          ) : (
            ''
          )}
          <ul>
            {election.elected.map((x) => (
              <li safe>{electedLine(t, x, election.termEndsText)}</li>
            ))}
          </ul>
          {election.lots.map((lot) => (
            <p class="hint" safe>
              {lot}
            </p>
          ))}
        </>
      )}
    </li>
  );
}

/** What the data adds to an item: motions and how they ended, published results, the elected. */
export function ItemRecord({ view, item, motions }: { view: View; item?: MinutesItem; motions?: MinutesMotion[] }): JSX.Element {
  const list = motions ?? item?.motions ?? [];
  const polls = item?.polls ?? [];
  const elections = item?.elections ?? [];
  if (list.length + polls.length + elections.length === 0) return '';
  return (
    <ul class="minutes-record">
      {list.map((m) => (
        <MotionRecord view={view} motion={m} />
      ))}
      {polls.map((p) => (
        <PollRecord view={view} poll={p} />
      ))}
      {elections.map((e) => (
        <ElectionRecord view={view} election={e} />
      ))}
    </ul>
  );
}

export type ApprovalControls = {
  /** The offices the reader approves in, once the assembly is closed (none: no button). */
  offices: MinutesOffice[];
  mayPublish: boolean;
};

/** Who approved and when, what is missing, and the reader's buttons to approve or publish. */
export function Approvals({ view, m, controls }: { view: View; m: MinutesContent; controls: ApprovalControls }): JSX.Element {
  const { t, locale } = view;
  const a = m.assembly;
  const at = (v: string) => formatDateTime(locale, v, a.timeZone);
  const both = a.approvedByChairAt !== null && a.approvedByTakerAt !== null;
  const pending = controls.offices.filter((o) => (o === 'chair' ? a.approvedByChairAt === null : a.approvedByTakerAt === null));
  return (
    <section class="card" aria-labelledby="approvals">
      <h2 id="approvals" safe>
        {t('minutes.approvals')}
      </h2>
      <ul class="link-list">
        <li>
          {a.approvedByChairAt ? (
            ''
          ) : (
            <>
              <Badge kind="warning">
                <span safe>{t('minutes.not_yet')}</span>
              </Badge>{' '}
            </>
          )}
          <span safe>{a.approvedByChairAt ? t('minutes.approved_by_chair', { name: a.chairName ?? '–', at: at(a.approvedByChairAt) }) : t('minutes.awaiting_chair')}</span>
        </li>
        <li>
          {a.approvedByTakerAt ? (
            ''
          ) : (
            <>
              <Badge kind="warning">
                <span safe>{t('minutes.not_yet')}</span>
              </Badge>{' '}
            </>
          )}
          <span safe>{a.approvedByTakerAt ? t('minutes.approved_by_taker', { name: a.minuteTakerName ?? '–', at: at(a.approvedByTakerAt) }) : t('minutes.awaiting_taker')}</span>
        </li>
        {a.publishedAt ? <li safe>{t('minutes.published_at', { at: at(a.publishedAt) })}</li> : ''}
      </ul>
      {a.status !== 'closed' && !a.publishedAt ? (
        <p class="hint" safe>
          {t('minutes.approve_after_close')}
        </p>
      ) : (
        ''
      )}
      {a.status === 'closed' && pending.length > 0 ? (
        <form method="post" action={`/assemblies/${a.id}/minutes/approve`} class="form">
          <Csrf view={view} />
          <p class="hint" safe>
            {t('minutes.approve_hint')}
          </p>
          <button type="submit" class="button" safe>
            {pending.length === 2 ? t('minutes.approve_as_both') : pending[0] === 'chair' ? t('minutes.approve_as_chair') : t('minutes.approve_as_taker')}
          </button>
        </form>
      ) : (
        ''
      )}
      {a.status === 'closed' && controls.mayPublish ? (
        <form method="post" action={`/assemblies/${a.id}/minutes/publish`} class="form">
          <Csrf view={view} />
          <p class="hint" safe>
            {both ? (a.minutesVisibility === 'public' ? t('minutes.publish_hint_public') : t('minutes.publish_hint_members')) : t('minutes.publish_needs_both')}
          </p>
          <button type="submit" class={both ? 'button' : 'button button-secondary'} safe>
            {t('minutes.publish')}
          </button>
        </form>
      ) : (
        ''
      )}
    </section>
  );
}
