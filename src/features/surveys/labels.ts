import type { LabelTable } from '../../platform/i18n/labels.js';
import type { BackgroundVariable, QuestionType, WaveStatus } from './tables.js';

/** What each kind of question is called on the staff pages and in the results. */
export const questionTypeLabel = {
  single: 'surveys.labels.question_type.single',
  multiple: 'surveys.labels.question_type.multiple',
  scale: 'surveys.labels.question_type.scale',
  matrix: 'surveys.labels.question_type.matrix',
  number: 'surveys.labels.question_type.number',
  text: 'surveys.labels.question_type.text',
} as const satisfies LabelTable<QuestionType>;

/** One sentence on what a kind of question asks and how it is answered, for the builder's choice of type. */
export const questionTypeHint = {
  single: 'surveys.labels.question_type_hint.single',
  multiple: 'surveys.labels.question_type_hint.multiple',
  scale: 'surveys.labels.question_type_hint.scale',
  matrix: 'surveys.labels.question_type_hint.matrix',
  number: 'surveys.labels.question_type_hint.number',
  text: 'surveys.labels.question_type_hint.text',
} as const satisfies LabelTable<QuestionType>;

/** The background variables a survey may declare, by the names the results' filters use. */
export const backgroundLabel = {
  unit: 'surveys.background.unit',
  membership_type: 'surveys.background.membership_type',
  workplace_kind: 'surveys.background.workplace_kind',
} as const satisfies LabelTable<BackgroundVariable>;

/** What copying a background variable onto each answer means, in plain words (coarse categories only). */
export const backgroundHint = {
  unit: 'surveys.labels.background_hint.unit',
  membership_type: 'surveys.labels.background_hint.membership_type',
  workplace_kind: 'surveys.labels.background_hint.workplace_kind',
} as const satisfies LabelTable<BackgroundVariable>;

export const waveStatusLabel = {
  scheduled: 'surveys.labels.wave_status.scheduled',
  open: 'surveys.labels.wave_status.open',
  closed: 'surveys.labels.wave_status.closed',
} as const satisfies LabelTable<WaveStatus>;

/** The badge colour of a wave's status. */
export const waveStatusBadge: Record<WaveStatus, 'neutral' | 'success' | 'info'> = {
  scheduled: 'info',
  open: 'success',
  closed: 'neutral',
};
