import type { LabelTable } from '../../platform/i18n/labels.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import type { MergeField } from './merge-fields.js';
import type { MailingKind, MailingStatus } from './tables.js';

/** Each mailing status's name (`mailings.status.…`). */
export const mailingStatusLabel = {
  draft: 'mailings.status.draft',
  scheduled: 'mailings.status.scheduled',
  sending: 'mailings.status.sending',
  paused: 'mailings.status.paused',
  sent: 'mailings.status.sent',
  cancelled: 'mailings.status.cancelled',
} as const satisfies LabelTable<MailingStatus>;

/** Each kind of mailing's name (`mailings.kind.…`); one that carries an event is also an invitation. */
export const mailingKindLabel = {
  newsletter: 'mailings.kind.newsletter',
  service: 'mailings.kind.service',
} as const satisfies LabelTable<MailingKind>;

export type MailingControl = 'pause' | 'resume' | 'cancel';

/** The buttons that pause, resume or cancel a mailing being sent (`mailings.control.…`). */
export const mailingControlLabel = {
  pause: 'mailings.control.pause',
  resume: 'mailings.control.resume',
  cancel: 'mailings.control.cancel',
} as const satisfies LabelTable<MailingControl>;

/** What the flash says once a mailing is paused, resumed or cancelled (`mailings.flash.…`). */
export const mailingControlDone = {
  pause: 'mailings.flash.pause',
  resume: 'mailings.flash.resume',
  cancel: 'mailings.flash.cancel',
} as const satisfies LabelTable<MailingControl>;

/** A language as it reads inside a sentence, "(svensk)" (`mailings.language.…`). */
export const languageInSentenceLabel = {
  da: 'mailings.language.da',
  sv: 'mailings.language.sv',
  en: 'mailings.language.en',
} as const satisfies LabelTable<Locale>;

/** A language as a heading or a choice, "Svensk" (`mailings.language_name.…`). */
export const languageNameLabel = {
  da: 'mailings.language_name.da',
  sv: 'mailings.language_name.sv',
  en: 'mailings.language_name.en',
} as const satisfies LabelTable<Locale>;

/** Where in a version a problem is, with `{{language}}` (`mailings.where.…`). */
export const contentPartLabel = {
  subject: 'mailings.where.subject',
  body: 'mailings.where.body',
} as const satisfies LabelTable<'subject' | 'body'>;

/** What each merge field is filled with (`mailings.merge.…`). */
export const mergeFieldLabel = {
  firstName: 'mailings.merge.firstName',
  lastName: 'mailings.merge.lastName',
  fullName: 'mailings.merge.fullName',
  memberNumber: 'mailings.merge.memberNumber',
  email: 'mailings.merge.email',
  registerLink: 'mailings.merge.registerLink',
  unsubscribeLink: 'mailings.merge.unsubscribeLink',
  personalLink: 'mailings.merge.personalLink',
} as const satisfies LabelTable<MergeField>;

/**
 * The message of each of the mailing's own problem codes (`mailing.…` → `mailings.error.…`). A code
 * from the platform (`validation.required`) is its own message key.
 */
export const mailingProblemText = {
  'mailing.subject_required': 'mailings.error.subject_required',
  'mailing.body_required': 'mailings.error.body_required',
  'mailing.unknown_merge_field': 'mailings.error.unknown_merge_field',
  'mailing.segment_required': 'mailings.error.segment_required',
  'mailing.segment_unknown': 'mailings.error.segment_unknown',
  'mailing.segment_other_unit': 'mailings.error.segment_other_unit',
  'mailing.unit_forbidden': 'mailings.error.unit_forbidden',
  'mailing.topic_required': 'mailings.error.topic_required',
  'mailing.topic_unknown': 'mailings.error.topic_unknown',
  'mailing.topic_inactive': 'mailings.error.topic_inactive',
  'mailing.service_reason_required': 'mailings.error.service_reason_required',
  'mailing.event_unknown': 'mailings.error.event_unknown',
  'mailing.event_cancelled': 'mailings.error.event_cancelled',
  'mailing.event_past': 'mailings.error.event_past',
  'mailing.event_unpublished': 'mailings.error.event_unpublished',
  'mailing.contents_is_main': 'mailings.error.contents_is_main',
  'mailing.not_found': 'mailings.error.not_found',
  'mailing.not_draft': 'mailings.error.not_draft',
  'mailing.wrong_status': 'mailings.error.wrong_status',
  'mailing.already_sent': 'mailings.error.already_sent',
  'mailing.empty_segment': 'mailings.error.empty_segment',
} as const satisfies LabelTable<string>;

export type MailingProblemCode = keyof typeof mailingProblemText;
