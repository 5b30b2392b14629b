import type { Feature } from '../../kernel/feature.js';
import { magazinePersonalData } from './personal-data.js';
import { seedDemoMagazine } from './demo.js';
import { magazineApi } from './api.js';
import { magazinePages } from './page-routes.js';
import { magazineStaffPages } from './staff-routes.js';

export { issueStatuses, issueAudiences, type IssueStatus, type IssueAudience, type IssueFileKind } from './tables.js';
export { can as canMagazine, readsMembersOnly, type MagazineAction, type IssueSubject } from './policy.js';
export { listIssues, readableIssues, issueBySlug, articleBySlug, articlesOf, type IssueCard, type IssueDetail, type ArticleSummary, type ArticleDetail } from './queries.js';
export { createIssue, updateIssue, publishIssue, unpublishIssue, deleteIssue, type IssueResult, type WrongStatus } from './issues.js';
export { createArticle, updateArticle, moveArticle, deleteArticle, type ArticleResult } from './articles.js';
export { setCover, setPdf, removeFile, issueFile, fileStream, COVER_MAX_BYTES, PDF_MAX_BYTES, type Upload } from './files.js';
export { magazineFeed } from './feed.js';
export { issueInput, articleInput, coverInput, moveInput, type IssueInput, type ArticleInput, type CoverInput, type MoveInput, type IssueOutput } from './schema.js';

/** The member magazine: the API, the readers' pages (covers, issue, article, files, feed) and the staff pages. */
export const feature: Feature = {
  name: 'magazine',
  personalData: magazinePersonalData,
  demo: seedDemoMagazine,
  nav: [{ href: '/magazine', labelKey: 'magazine.nav', visible: () => true, order: 25 }],
  async routes(app) {
    await app.register(magazineApi);
    await app.register(magazineStaffPages);
    await app.register(magazinePages);
  },
};
