import { eq } from 'drizzle-orm';
import type { GroupKind } from '../../kernel/groups.js';
import { networkIdsOfSql, participantIdsSql } from './access.js';
import { networks } from './tables.js';

/** A malformed id is no network (and would make PostgreSQL refuse the whole statement). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Networks as the kernel's group kind `network`: what events need to open a meeting to a network's
 * participants (audience `network`) without knowing this feature. The participants are the active
 * people and the contact persons of the active member companies, as everywhere in the feature.
 */
export const networkGroupKind: GroupKind = {
  name: 'network',
  personIds: (networkId) => participantIdsSql(networkId),
  groupIdsOf: (personId) => networkIdsOfSql(personId),
  async title(db, networkId) {
    if (!UUID.test(networkId)) return null;
    const [row] = await db.select({ name: networks.name }).from(networks).where(eq(networks.id, networkId));
    return row?.name ?? null;
  },
  async unitOf(db, networkId) {
    if (!UUID.test(networkId)) return null;
    const [row] = await db.select({ unitId: networks.unitId }).from(networks).where(eq(networks.id, networkId));
    return row?.unitId ?? null;
  },
};
