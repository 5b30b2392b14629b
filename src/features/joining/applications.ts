import { and, inArray, isNull, max } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { findApplicantMembership, listApplicantMemberships, type ApplicantRow } from '../members/index.js';
import { joinConfirmations } from './tables.js';

/** An application as the office sees it: the applicant, where and how they want to be a member. */
export interface Application extends Pick<ApplicantRow, 'membershipId' | 'personId' | 'firstName' | 'lastName' | 'districtId' | 'districtName' | 'typeName' | 'workplaceName' | 'appliedAt' | 'confirmedAt'> {
  /** Unconfirmed only: when the newest open confirmation link runs out (null: none open). */
  linkExpiresAt: Date | null;
}

export type ApplicationDetail = ApplicantRow & Application;

/** When the newest open confirmation link of each application runs out, in one query. */
async function openLinkExpiry(db: Db, membershipIds: string[]): Promise<Map<string, Date>> {
  if (membershipIds.length === 0) return new Map();
  const rows = await db
    .select({ membershipId: joinConfirmations.membershipId, expiresAt: max(joinConfirmations.expiresAt) })
    .from(joinConfirmations)
    .where(and(inArray(joinConfirmations.membershipId, membershipIds), isNull(joinConfirmations.usedAt)))
    .groupBy(joinConfirmations.membershipId);
  return new Map(rows.filter((r) => r.expiresAt !== null).map((r) => [r.membershipId, new Date(r.expiresAt!)]));
}

async function withLinks(db: Db, rows: ApplicantRow[]): Promise<ApplicationDetail[]> {
  const links = await openLinkExpiry(db, rows.map((r) => r.membershipId));
  return rows.map((r) => ({ ...r, linkExpiresAt: links.get(r.membershipId) ?? null }));
}

export interface ApplicationQueue {
  /** Confirmed applications waiting for a decision, oldest first. */
  confirmed: Application[];
  /** Applications whose e-mail is not yet confirmed; the office may re-send the link or remove them. */
  unconfirmed: Application[];
}

/** The applications in the actor's units (admins: all): the register's applicants and their open links. */
export async function listApplications(db: Db, actor: Actor): Promise<ApplicationQueue> {
  const all = await withLinks(db, await listApplicantMemberships(db, actor));
  return { confirmed: all.filter((a) => a.confirmedAt !== null), unconfirmed: all.filter((a) => a.confirmedAt === null) };
}

/** One applicant membership (any status, so a decided one can be told apart from a missing one). */
export async function getApplication(db: Db, membershipId: string): Promise<ApplicationDetail | undefined> {
  const row = await findApplicantMembership(db, membershipId);
  return row ? (await withLinks(db, [row]))[0] : undefined;
}
