import type { LabelTable } from '../../platform/i18n/labels.js';
import type { ReleaseStatus } from './tables.js';

/** Each press release status's name (`press.status.…`). */
export const releaseStatusLabel = {
  draft: 'press.status.draft',
  published: 'press.status.published',
} as const satisfies LabelTable<ReleaseStatus>;
