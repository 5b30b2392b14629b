import type { SQL } from 'drizzle-orm';
import type { Db } from '../platform/db/database.js';

/**
 * Groups of people a feature keeps (a network's participants) that other features may address
 * without knowing the feature: events open a meeting to a group's members (audience `network`), and
 * read whether a person is in it. The feature that owns the groups registers its kind from its
 * `index.ts` (through `Feature.groupKinds`); a kind nobody registered has no members at all.
 */
export interface GroupKind {
  /** The kind's name, as other features store it (`network`). */
  name: string;
  /** The people of group `groupId` as `select person_id from …`. */
  personIds(groupId: string): SQL;
  /** The groups person `personId` is in, as `select group_id from …` (ids as uuid). */
  groupIdsOf(personId: string): SQL;
  /** The group's name, if it exists. */
  title(db: Db, groupId: string): Promise<string | null>;
  /** The unit the group belongs to (its organisers are the unit's staff), if it exists. */
  unitOf(db: Db, groupId: string): Promise<string | null>;
}

const kinds = new Map<string, GroupKind>();

export function addGroupKind(kind: GroupKind): void {
  kinds.set(kind.name, kind);
}

export function groupKind(name: string): GroupKind | undefined {
  return kinds.get(name);
}
