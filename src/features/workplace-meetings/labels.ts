import type { LabelTable } from '../../platform/i18n/labels.js';
import type { AssignedMeeting } from './assigned.js';
import type { MeetingStatus } from './tables.js';

/** Each meeting status's name, as it reads inside a sentence (`workplace_meeting.status.…`). */
export const meetingStatusLabel = {
  new: 'workplace_meeting.status.new',
  in_progress: 'workplace_meeting.status.in_progress',
  scheduled: 'workplace_meeting.status.scheduled',
  held: 'workplace_meeting.status.held',
  declined: 'workplace_meeting.status.declined',
  cancelled: 'workplace_meeting.status.cancelled',
} as const satisfies LabelTable<MeetingStatus>;

/** What each status means, for the office's page of a meeting (`wm_page.status_text.…`). */
export const meetingStatusText = {
  new: 'wm_page.status_text.new',
  in_progress: 'wm_page.status_text.in_progress',
  scheduled: 'wm_page.status_text.scheduled',
  held: 'wm_page.status_text.held',
  declined: 'wm_page.status_text.declined',
  cancelled: 'wm_page.status_text.cancelled',
} as const satisfies LabelTable<MeetingStatus>;

/** What each status means, for the steward who asked for the meeting (`wm_page.follow_status_text.…`). */
export const followStatusText = {
  new: 'wm_page.follow_status_text.new',
  in_progress: 'wm_page.follow_status_text.in_progress',
  scheduled: 'wm_page.follow_status_text.scheduled',
  held: 'wm_page.follow_status_text.held',
  declined: 'wm_page.follow_status_text.declined',
  cancelled: 'wm_page.follow_status_text.cancelled',
} as const satisfies LabelTable<MeetingStatus>;

/** The queue's counts and status filter, by status (`wm_page.count_label.…`). */
export const meetingCountLabel = {
  new: 'wm_page.count_label.new',
  in_progress: 'wm_page.count_label.in_progress',
  scheduled: 'wm_page.count_label.scheduled',
  held: 'wm_page.count_label.held',
  declined: 'wm_page.count_label.declined',
  cancelled: 'wm_page.count_label.cancelled',
} as const satisfies LabelTable<MeetingStatus>;

/** How the person takes part in a meeting they are assigned to (`wm_page.as.…`). */
export const assignedAsLabel = {
  politician: 'wm_page.as.politician',
  consultant: 'wm_page.as.consultant',
} as const satisfies LabelTable<AssignedMeeting['as']>;
