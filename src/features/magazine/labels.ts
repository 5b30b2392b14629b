import type { LabelTable } from '../../platform/i18n/labels.js';
import type { IssueAudience, IssueStatus } from './tables.js';

/** Each issue status's name (`magazine.status.…`). */
export const issueStatusLabel = {
  draft: 'magazine.status.draft',
  published: 'magazine.status.published',
} as const satisfies LabelTable<IssueStatus>;

/** Who may read an issue (`magazine.audience.…`). */
export const issueAudienceLabel = {
  members: 'magazine.audience.members',
  public: 'magazine.audience.public',
} as const satisfies LabelTable<IssueAudience>;
