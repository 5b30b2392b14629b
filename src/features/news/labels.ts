import type { LabelTable } from '../../platform/i18n/labels.js';
import type { PostAudience, PostKind, PostStatus } from './tables.js';

/** Each kind of post's name (`news.kinds.…`). */
export const postKindLabel = {
  news: 'news.kinds.news',
  blog: 'news.kinds.blog',
} as const satisfies LabelTable<PostKind>;

/** Each kind of post as the tab that lists them (`news.kinds_plural.…`). */
export const postKindPluralLabel = {
  news: 'news.kinds_plural.news',
  blog: 'news.kinds_plural.blog',
} as const satisfies LabelTable<PostKind>;

/** Who may read a post (`news.audiences.…`). */
export const postAudienceLabel = {
  public: 'news.audiences.public',
  members: 'news.audiences.members',
} as const satisfies LabelTable<PostAudience>;

/** Each post status's name (`news.status.…`), and `scheduled` for a published post that is not out yet. */
export const postStatusLabel = {
  draft: 'news.status.draft',
  published: 'news.status.published',
  scheduled: 'news.status.scheduled',
} as const satisfies LabelTable<PostStatus | 'scheduled'>;
