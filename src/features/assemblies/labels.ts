import type { LabelTable } from '../../platform/i18n/labels.js';
import type { AgendaItemKind, AssemblyKind, AssemblyStatus, Majority, MinutesVisibility } from './tables.js';
import type { SpeakerStatus } from './hall-tables.js';
import type { PollMode, PollResult, PollStatus } from './poll-tables.js';
import type { VoteKind } from './tables.js';
import type { AmendmentState, MotionState } from './motion-tables.js';
import type { CandidateOutcome, ElectionStatus, SeatKind } from './election-tables.js';

export const assemblyStatusLabel = {
  draft: 'assemblies.statuses.draft',
  notice_sent: 'assemblies.statuses.notice_sent',
  in_session: 'assemblies.statuses.in_session',
  closed: 'assemblies.statuses.closed',
  minutes_published: 'assemblies.statuses.minutes_published',
  cancelled: 'assemblies.statuses.cancelled',
} as const satisfies LabelTable<AssemblyStatus>;

export const assemblyKindLabel = {
  ordinary: 'assemblies.kinds.ordinary',
  extraordinary: 'assemblies.kinds.extraordinary',
} as const satisfies LabelTable<AssemblyKind>;

export const agendaItemKindLabel = {
  officers: 'assemblies.item_kinds.officers',
  report: 'assemblies.item_kinds.report',
  motions: 'assemblies.item_kinds.motions',
  future_work: 'assemblies.item_kinds.future_work',
  election: 'assemblies.item_kinds.election',
  discussion: 'assemblies.item_kinds.discussion',
  any_other_business: 'assemblies.item_kinds.any_other_business',
} as const satisfies LabelTable<AgendaItemKind>;

export const majorityLabel = {
  simple: 'assemblies.majorities.simple',
  two_thirds: 'assemblies.majorities.two_thirds',
} as const satisfies LabelTable<Majority>;

export const minutesVisibilityLabel = {
  members: 'assemblies.minutes_visibility.members',
  public: 'assemblies.minutes_visibility.public',
} as const satisfies LabelTable<MinutesVisibility>;

// The hall: the speakers' list and the polls as the hall's screens name them.
export const speakerStatusLabel = {
  waiting: 'speaker.statuses.waiting',
  speaking: 'speaker.statuses.speaking',
  done: 'speaker.statuses.done',
  withdrawn: 'speaker.statuses.withdrawn',
} as const satisfies LabelTable<SpeakerStatus>;

export const hallPollStatusLabel = {
  created: 'hall.poll_statuses.created',
  open: 'hall.poll_statuses.open',
  closed: 'hall.poll_statuses.closed',
  published: 'hall.poll_statuses.published',
} as const satisfies LabelTable<PollStatus>;

export const hallPollModeLabel = {
  open: 'hall.poll_modes.open',
  named: 'hall.poll_modes.named',
  secret: 'hall.poll_modes.secret',
} as const satisfies LabelTable<PollMode>;

export const hallChoiceLabel = {
  yes: 'hall.choices.yes',
  no: 'hall.choices.no',
  abstain: 'hall.choices.abstain',
} as const satisfies LabelTable<'yes' | 'no' | 'abstain'>;

export const hallOutcomeLabel = {
  adopted: 'hall.outcomes.adopted',
  rejected: 'hall.outcomes.rejected',
  no_quorum: 'hall.outcomes.no_quorum',
  decided: 'hall.outcomes.decided',
  tie: 'hall.outcomes.tie',
} as const satisfies LabelTable<PollResult['outcome']>;

// Motions and amendments.
export const motionStateLabel = {
  submitted: 'motion.states.submitted',
  admitted: 'motion.states.admitted',
  refused: 'motion.states.refused',
  adopted: 'motion.states.adopted',
  rejected: 'motion.states.rejected',
  withdrawn: 'motion.states.withdrawn',
  referred: 'motion.states.referred',
} as const satisfies LabelTable<MotionState>;

export const amendmentStateLabel = {
  submitted: 'motion.amendment_states.submitted',
  admitted: 'motion.amendment_states.admitted',
  refused: 'motion.amendment_states.refused',
  adopted: 'motion.amendment_states.adopted',
  rejected: 'motion.amendment_states.rejected',
  withdrawn: 'motion.amendment_states.withdrawn',
} as const satisfies LabelTable<AmendmentState>;

export const motionVoteKindLabel = {
  ordinary: 'motion.vote_kinds.ordinary',
  statute: 'motion.vote_kinds.statute',
} as const satisfies LabelTable<VoteKind>;

// The minutes: the approval a publication still waits for.
export const minutesMissingLabel = {
  chair: 'minutes.missing.chair',
  minute_taker: 'minutes.missing.minute_taker',
  both: 'minutes.missing.both',
} as const satisfies LabelTable<'chair' | 'minute_taker' | 'both'>;

// Bodies and elections.
export const electionStatusLabel = {
  nominating: 'election.statuses.nominating',
  polling: 'election.statuses.polling',
  decided: 'election.statuses.decided',
} as const satisfies LabelTable<ElectionStatus>;

export const seatKindLabel = {
  member: 'body.seat_kinds.member',
  substitute: 'body.seat_kinds.substitute',
} as const satisfies LabelTable<SeatKind>;

export const candidateOutcomeLabel = {
  elected: 'election.outcomes.elected',
  substitute: 'election.outcomes.substitute',
  not_elected: 'election.outcomes.not_elected',
} as const satisfies LabelTable<CandidateOutcome>;
