import type { LabelTable } from '../../platform/i18n/labels.js';
import type { ApplicantKind, ApplicationStatus, CostLineKind, GrantPurpose, Recommendation } from './tables.js';

export const applicationStatusLabel = {
  draft: 'grants.statuses.draft',
  submitted: 'grants.statuses.submitted',
  in_review: 'grants.statuses.in_review',
  granted: 'grants.statuses.granted',
  rejected: 'grants.statuses.rejected',
  withdrawn: 'grants.statuses.withdrawn',
  paid_out: 'grants.statuses.paid_out',
  report_due: 'grants.statuses.report_due',
  reported: 'grants.statuses.reported',
  closed: 'grants.statuses.closed',
} as const satisfies LabelTable<ApplicationStatus>;

export const purposeLabel = {
  talk: 'grants.purposes.talk',
  workshop: 'grants.purposes.workshop',
  network_meeting: 'grants.purposes.network_meeting',
  workplace_visit: 'grants.purposes.workplace_visit',
  other: 'grants.purposes.other',
} as const satisfies LabelTable<GrantPurpose>;

export const applicantKindLabel = {
  members: 'grants.applicant_kinds.members',
  stewards: 'grants.applicant_kinds.stewards',
  member_companies: 'grants.applicant_kinds.member_companies',
} as const satisfies LabelTable<ApplicantKind>;

export const recommendationLabel = {
  grant: 'grants.recommendations.grant',
  grant_less: 'grants.recommendations.grant_less',
  reject: 'grants.recommendations.reject',
} as const satisfies LabelTable<Recommendation>;

export const costLineKindLabel = {
  budget: 'grants.cost_line_kinds.budget',
  actual: 'grants.cost_line_kinds.actual',
} as const satisfies LabelTable<CostLineKind>;

/** The mails to an applicant, each with its subject and body. */
export type GrantMailKind = 'granted' | 'granted_less' | 'rejected' | 'paid_out' | 'report_reminder';
export const grantMailSubject = {
  granted: 'grant_mail.granted.subject',
  granted_less: 'grant_mail.granted_less.subject',
  rejected: 'grant_mail.rejected.subject',
  paid_out: 'grant_mail.paid_out.subject',
  report_reminder: 'grant_mail.report_reminder.subject',
} as const satisfies LabelTable<GrantMailKind>;
export const grantMailBody = {
  granted: 'grant_mail.granted.body',
  granted_less: 'grant_mail.granted_less.body',
  rejected: 'grant_mail.rejected.body',
  paid_out: 'grant_mail.paid_out.body',
  report_reminder: 'grant_mail.report_reminder.body',
} as const satisfies LabelTable<GrantMailKind>;
