import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uniqueViolation } from '../../platform/db/sql.js';
import type { Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { magazineIssues, type IssueStatus } from './tables.js';
import { can } from './policy.js';
import { forbidden, type Refusal } from '../../platform/outcomes.js';
import { invalid, issueFor, type IssueRow, type MagazineInvalid } from './queries.js';
import { nextFreeSlug, slugFor, slugPattern } from '../../platform/slugs.js';
import type { IssueInput } from './schema.js';

export type IssueResult = { ok: true; issue: IssueRow } | MagazineInvalid | Refusal;
export type WrongStatus = { ok: false; reason: 'wrong_status'; status: IssueStatus };

/** Words that are pages under /magazine, never an issue. */
export const RESERVED_ISSUE_SLUGS = ['new', 'feed'] as const;

const numberTaken = (err: unknown) => uniqueViolation(err) === 'magazine_issues_number_unique';
const slugClash = (err: unknown) => uniqueViolation(err) === 'magazine_issues_slug_unique';

async function freeIssueSlug(tx: Db, title: string): Promise<string> {
  const base = slugFor(title, 'udgave');
  // Issues with the same title saved at once wait for each other here, so each sees the slugs taken before it.
  await tx.execute(sql`select pg_advisory_xact_lock(5460101, hashtext(${base}))`);
  const rows = await queryRows<{ slug: string }>(tx, sql`select slug from magazine_issues where slug = ${base} or slug like ${slugPattern(base)}`);
  return nextFreeSlug(
    base,
    rows.map((r) => r.slug),
    RESERVED_ISSUE_SLUGS,
  );
}

/** A new issue, as a draft that only staff see until it is published. */
export async function createIssue(db: Db, actor: Actor, input: IssueInput): Promise<IssueResult> {
  if (!can(actor, 'magazine.manage')) return forbidden;
  const attempt = () =>
    db.transaction(async (tx): Promise<IssueResult> => {
      const slug = await freeIssueSlug(tx, input.title);
      const [issue] = await tx
        .insert(magazineIssues)
        .values({ ...input, slug, createdBy: actor.kind === 'person' ? actor.personId : null })
        .returning();
      await audit(tx, actor, { action: 'create', entityType: 'magazine_issue', entityId: issue.id, fields: Object.keys(input) });
      return { ok: true, issue };
    });
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (numberTaken(err)) return invalid({ path: 'number', code: 'magazine.number_taken' });
      // Two issues with the same title saved at the same moment: the second takes the next free slug.
      if (slugClash(err) && tries < 3) continue;
      throw err;
    }
  }
}

/** Changes an issue's details; its slug (and so its address) stays. */
export async function updateIssue(db: Db, actor: Actor, id: string, input: IssueInput): Promise<IssueResult> {
  try {
    return await db.transaction(async (tx): Promise<IssueResult> => {
      const found = await issueFor(tx, actor, { id }, 'magazine.manage', { lock: true });
      if (!found.ok) return found;
      const fields = changedFields(found.issue as unknown as Record<string, unknown>, input as Record<string, unknown>);
      if (fields.length === 0) return found;
      const [issue] = await tx
        .update(magazineIssues)
        .set({ ...input, updatedAt: sql`now()` })
        .where(eq(magazineIssues.id, id))
        .returning();
      await audit(tx, actor, { action: 'update', entityType: 'magazine_issue', entityId: id, fields });
      return { ok: true, issue };
    });
  } catch (err) {
    if (numberTaken(err)) return invalid({ path: 'number', code: 'magazine.number_taken' });
    throw err;
  }
}

async function setStatus(db: Db, actor: Actor, id: string, from: IssueStatus, to: IssueStatus): Promise<IssueResult | WrongStatus> {
  return db.transaction(async (tx): Promise<IssueResult | WrongStatus> => {
    const found = await issueFor(tx, actor, { id }, 'magazine.manage', { lock: true });
    if (!found.ok) return found;
    if (found.issue.status !== from) return { ok: false, reason: 'wrong_status', status: found.issue.status };
    const [issue] = await tx
      .update(magazineIssues)
      .set({ status: to, updatedAt: sql`now()` })
      .where(eq(magazineIssues.id, id))
      .returning();
    await audit(tx, actor, { action: 'update', entityType: 'magazine_issue', entityId: id, fields: ['status'] });
    return { ok: true, issue };
  });
}

/** Everyone sees a published issue (its PDF and articles as its audience allows) and it goes into the feed. */
export function publishIssue(db: Db, actor: Actor, id: string): Promise<IssueResult | WrongStatus> {
  return setStatus(db, actor, id, 'draft', 'published');
}

/** Back to a draft: gone from the magazine page, the feed and the API for everyone but staff. */
export function unpublishIssue(db: Db, actor: Actor, id: string): Promise<IssueResult | WrongStatus> {
  return setStatus(db, actor, id, 'published', 'draft');
}

/** A draft is deleted with its files and articles; a published issue is unpublished first, so nothing vanishes by one click. */
export async function deleteIssue(db: Db, actor: Actor, id: string): Promise<{ ok: true } | Refusal | WrongStatus> {
  return db.transaction(async (tx) => {
    const found = await issueFor(tx, actor, { id }, 'magazine.manage', { lock: true });
    if (!found.ok) return found;
    if (found.issue.status !== 'draft') return { ok: false as const, reason: 'wrong_status' as const, status: found.issue.status };
    await tx.delete(magazineIssues).where(eq(magazineIssues.id, id));
    await audit(tx, actor, { action: 'delete', entityType: 'magazine_issue', entityId: id });
    return { ok: true as const };
  });
}
