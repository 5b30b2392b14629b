import type { Feature } from '../../kernel/feature.js';
import { newsPersonalData } from './personal-data.js';
import { seedDemoNews } from './demo.js';
import { newsApi } from './api.js';
import { newsFeedRoutes } from './feed-routes.js';
import { newsPages } from './page-routes.js';
import { newsManagePages } from './manage-routes.js';

export { postKinds, postAudiences, postStatuses, type PostKind, type PostAudience, type PostStatus } from './tables.js';
export { can as canNews, readsMembersOnly, type NewsAction, type PostSubject, type CommentSubject } from './policy.js';
export { findPost, postFor, listPosts, latestPublicPosts, latestPublicPostsCached, listManagedPosts, visiblePostsSql, postPath, type PostRow } from './queries.js';
export { createPost, updatePost, publishPost, unpublishPost, deletePost, slugify, type PostResult, type PostInvalid } from './posts.js';
export { addComment, setCommentHidden, deleteComment, listComments, type CommentRow, type CommentResult } from './comments.js';
export { checkCover, COVER_MAX_BYTES, type CoverUpload } from './cover.js';
export { newsProblem } from './api.js';
export { postInput, postPatch, commentInput, hideInput, postListQuery, type PostInput, type PostPatch, type CommentInput, type HideInput, type Post, type PostSummary, type PostList } from './schema.js';
export { LatestNews } from './pages/latest.js';

/** News and blog: the API, the feeds, the readers' pages and the staff's pages. */
export const feature: Feature = {
  name: 'news',
  personalData: newsPersonalData,
  demo: seedDemoNews,
  nav: [{ href: '/news', labelKey: 'news_page.nav', visible: () => true, order: 20 }],
  async routes(app) {
    await app.register(newsApi);
    await app.register(newsFeedRoutes);
    await app.register(newsPages);
    await app.register(newsManagePages);
  },
};
