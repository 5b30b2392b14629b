import { eq, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Actor } from '../../platform/actor.js';
import { uuidArray } from '../../platform/db/sql.js';
import { magazineIssues, type IssueAudience, type IssueStatus } from './tables.js';
import { can, type MagazineAction } from './policy.js';
import { notFound, forbidden, type Refusal, type FieldProblem } from '../../platform/outcomes.js';


export type MagazineInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };
export const invalid = (...errors: FieldProblem[]): MagazineInvalid => ({ ok: false, reason: 'invalid', errors });

export type IssueRow = typeof magazineIssues.$inferSelect;

/**
 * The issue if the actor may see it and do `action` to it: out of sight (a draft, for anyone but
 * staff) is `not_found`; in sight but not theirs is `forbidden`. With `lock` the row is taken
 * `FOR UPDATE`, so two changes of one issue (two reorderings, say) happen one after the other.
 */
export async function issueFor(db: Db, actor: Actor, where: { id: string } | { slug: string }, action: MagazineAction, opts: { lock?: boolean } = {}): Promise<{ ok: true; issue: IssueRow } | Refusal> {
  const query = db
    .select()
    .from(magazineIssues)
    .where('id' in where ? eq(magazineIssues.id, where.id) : eq(magazineIssues.slug, where.slug));
  const [issue] = opts.lock ? await query.for('update') : await query;
  if (!issue || !can(actor, 'magazine.view', issue)) return notFound;
  if (action !== 'magazine.view' && !can(actor, action, issue)) return forbidden;
  return { ok: true, issue };
}

/** An issue as lists show it: no file bytes, only whether there is a cover (its id, for the URL) and the PDF's size. */
export interface IssueCard {
  id: string;
  slug: string;
  title: string;
  number: number;
  year: number;
  publishedOn: string;
  audience: IssueAudience;
  status: IssueStatus;
  description: string;
  coverAlt: string | null;
  coverId: string | null;
  pdfId: string | null;
  pdfFileName: string | null;
  pdfSize: number | null;
  updatedAt: string;
}

const cardColumns = sql`i.id, i.slug, i.title, i.number, i.year, i.published_on::text as "publishedOn", i.audience, i.status, i.description,
  i.cover_alt as "coverAlt", c.id as "coverId", p.id as "pdfId", p.file_name as "pdfFileName", p.size as "pdfSize", i.updated_at as "updatedAt"`;
const cardFrom = sql`magazine_issues i
  left join magazine_files c on c.issue_id = i.id and c.kind = 'cover'
  left join magazine_files p on p.issue_id = i.id and p.kind = 'pdf'`;
const newestFirst = sql`i.published_on desc, i.year desc, i.number desc, i.id`;

async function cards(db: Db, where: SQL, opts: { limit?: number; offset?: number } = {}): Promise<IssueCard[]> {
  const page = opts.limit === undefined ? sql`` : sql` limit ${opts.limit} offset ${opts.offset ?? 0}`;
  const rows = await queryRows<IssueCard>(db, sql`select ${cardColumns} from ${cardFrom} where ${where} order by ${newestFirst}${page}`);
  return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() }));
}

export const ISSUES_PER_PAGE = 24;

/** The published issues, newest first, a page at a time; staff also get the drafts (all of them). */
export async function listIssues(db: Db, actor: Actor, page = 1): Promise<{ published: IssueCard[]; total: number; drafts: IssueCard[] }> {
  const offset = (Math.max(1, page) - 1) * ISSUES_PER_PAGE;
  const [published, [{ total }], drafts] = await Promise.all([
    cards(db, sql`i.status = 'published'`, { limit: ISSUES_PER_PAGE, offset }),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from magazine_issues where status = 'published'`),
    can(actor, 'magazine.manage') ? cards(db, sql`i.status = 'draft'`) : Promise.resolve([]),
  ]);
  return { published, total, drafts };
}

/** The published issues the actor may read in full (public ones for everyone, all for members), newest first. */
export async function readableIssues(db: Db, actor: Actor, limit = 100): Promise<IssueCard[]> {
  const audience = can(actor, 'magazine.read', { status: 'published', audience: 'members' }) ? sql`true` : sql`i.audience = 'public'`;
  return cards(db, sql`i.status = 'published' and ${audience}`, { limit });
}

export interface ArticleSummary {
  id: string;
  issueId: string;
  slug: string;
  title: string;
  summary: string;
  authorName: string | null;
  position: number;
}

const summaryColumns = sql`a.id, a.issue_id as "issueId", a.slug, a.title, a.summary, a.author_name as "authorName", a.position`;

/** The tables of contents of several issues in one query, each in its order. */
export async function articlesOf(db: Db, issueIds: string[]): Promise<Map<string, ArticleSummary[]>> {
  const out = new Map<string, ArticleSummary[]>(issueIds.map((id) => [id, []]));
  if (issueIds.length === 0) return out;
  const rows = await queryRows<ArticleSummary>(db, sql`select ${summaryColumns} from magazine_articles a where a.issue_id = any(${uuidArray(issueIds)}) order by a.position, a.title`);
  for (const r of rows) out.get(r.issueId)?.push(r);
  return out;
}

export interface IssueDetail extends IssueCard {
  articles: ArticleSummary[];
}

export interface IssueMay {
  /** The PDF and the articles. */
  read: boolean;
  manage: boolean;
}

/** An issue with its table of contents, and what the actor may do with it. */
export async function issueBySlug(db: Db, actor: Actor, slug: string): Promise<{ ok: true; issue: IssueDetail; may: IssueMay } | Refusal> {
  const [card] = await cards(db, sql`i.slug = ${slug}`);
  if (!card || !can(actor, 'magazine.view', card)) return notFound;
  const articles = (await articlesOf(db, [card.id])).get(card.id) ?? [];
  return { ok: true, issue: { ...card, articles }, may: { read: can(actor, 'magazine.read', card), manage: can(actor, 'magazine.manage', card) } };
}

export interface ArticleDetail extends ArticleSummary {
  body: string;
}

/**
 * One article of an issue with its neighbours in the table of contents. An article of a members-only
 * issue is `forbidden` to others (the page then asks them to log in); of a draft, `not_found`.
 */
export async function articleBySlug(
  db: Db,
  actor: Actor,
  issueSlug: string,
  articleSlug: string,
  action: 'magazine.read' | 'magazine.manage' = 'magazine.read',
): Promise<{ ok: true; issue: IssueDetail; article: ArticleDetail; previous: ArticleSummary | null; next: ArticleSummary | null } | Refusal> {
  const found = await issueBySlug(db, actor, issueSlug);
  if (!found.ok) return found;
  const index = found.issue.articles.findIndex((a) => a.slug === articleSlug);
  if (index < 0) return notFound;
  if (!can(actor, action, found.issue)) return forbidden;
  const [article] = await queryRows<ArticleDetail>(db, sql`select ${summaryColumns}, a.body from magazine_articles a where a.id = ${found.issue.articles[index].id}`);
  if (!article) return notFound;
  return { ok: true, issue: found.issue, article, previous: found.issue.articles[index - 1] ?? null, next: found.issue.articles[index + 1] ?? null };
}
