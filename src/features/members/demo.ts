import type { Db } from '../../platform/db/database.js';
import type { LocaleTexts } from '../../platform/i18n/locale-texts.js';
import { memberships, membershipEvents, membershipSections, membershipTypes, type MembershipStatus } from './tables.js';

/*
 * The register's writes for the demo organisation: the composition root (src/demo/seed.ts) tells the
 * demo's story — who works where, who is a member since when — and the register stores it.
 */

/** The demo's membership types (named in the default language and, where given, in others), in the order given; returns their ids by code. */
export async function seedDemoMembershipTypes(tx: Db, types: readonly { code: string; name: string; nameTranslations?: LocaleTexts; position: number }[]): Promise<Map<string, string>> {
  const rows = await tx.insert(membershipTypes).values([...types]).returning({ id: membershipTypes.id, code: membershipTypes.code });
  return new Map(rows.map((r) => [r.code, r.id]));
}

export interface DemoMembership {
  personId: string;
  typeId: string;
  unitId: string;
  status: MembershipStatus;
  /** When an active or resigned member joined (their first history entry). */
  joinedOn: string | null;
  statusSince: string;
  /** Why a member who left did so, as staff noted it. */
  leaveReason?: string | null;
  emailConfirmedAt: Date;
  /** Sections the member belongs to as well (the leaders' section). */
  sectionIds: readonly string[];
}

/**
 * The demo's memberships with their history (joined, then resigned or applied) and sections; returns
 * the membership ids in the order given.
 */
export async function seedDemoMemberships(tx: Db, list: readonly DemoMembership[]): Promise<string[]> {
  const rows = await tx
    .insert(memberships)
    .values(list.map((m) => ({ personId: m.personId, typeId: m.typeId, unitId: m.unitId, status: m.status, joinedOn: m.joinedOn, statusSince: m.statusSince, emailConfirmedAt: m.emailConfirmedAt })))
    .returning({ id: memberships.id });
  await tx.insert(membershipEvents).values(
    list.flatMap((m, i) => [
      ...(m.status === 'applicant' || m.joinedOn === null ? [] : [{ membershipId: rows[i].id, onDate: m.joinedOn, status: 'active' as MembershipStatus, typeId: m.typeId, unitId: m.unitId }]),
      ...(m.status === 'active' ? [] : [{ membershipId: rows[i].id, onDate: m.statusSince, status: m.status, typeId: m.typeId, unitId: m.unitId, reason: m.leaveReason ?? null }]),
    ]),
  );
  const sections = list.flatMap((m, i) => m.sectionIds.map((unitId) => ({ membershipId: rows[i].id, unitId })));
  if (sections.length) await tx.insert(membershipSections).values(sections);
  return rows.map((r) => r.id);
}
