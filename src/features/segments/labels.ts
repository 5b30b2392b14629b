import type { LabelTable } from '../../platform/i18n/labels.js';
import type { SegmentField, segmentLanguages } from './filter.js';

/** Each field a condition can be on, as the builder names it (`segments.fields.…`). */
export const segmentFieldLabel = {
  unit: 'segments.fields.unit',
  section: 'segments.fields.section',
  membershipType: 'segments.fields.membershipType',
  status: 'segments.fields.status',
  role: 'segments.fields.role',
  workplace: 'segments.fields.workplace',
  employerKind: 'segments.fields.employerKind',
  language: 'segments.fields.language',
  eventRegistered: 'segments.fields.eventRegistered',
  eventAttended: 'segments.fields.eventAttended',
} as const satisfies LabelTable<SegmentField>;

/** Each field's condition in the sentence that describes a segment (`segments.condition.…`, with `{{values}}`). */
export const segmentConditionLabel = {
  unit: 'segments.condition.unit',
  section: 'segments.condition.section',
  membershipType: 'segments.condition.membershipType',
  status: 'segments.condition.status',
  role: 'segments.condition.role',
  workplace: 'segments.condition.workplace',
  employerKind: 'segments.condition.employerKind',
  language: 'segments.condition.language',
  eventRegistered: 'segments.condition.eventRegistered',
  eventAttended: 'segments.condition.eventAttended',
} as const satisfies LabelTable<SegmentField>;

/** Each language a member can prefer (`segments.languages.…`). */
export const segmentLanguageLabel = {
  da: 'segments.languages.da',
  sv: 'segments.languages.sv',
  en: 'segments.languages.en',
} as const satisfies LabelTable<(typeof segmentLanguages)[number]>;
