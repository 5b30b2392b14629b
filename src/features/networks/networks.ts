import { eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, isAdmin, type Actor } from '../../platform/actor.js';
import { audit, changedFields } from '../../platform/audit/audit.js';
import { forbidden, invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { getUnit } from '../../kernel/units.js';
import { accessColumns, accessFromRaw, networkFor, standingSql, type NetworkAccess } from './access.js';
import { can } from './policy.js';
import { networkMembers, networks, networkSettings, type JoinPolicy, type NetworkKind, type NetworkRole, type NetworkVisibility } from './tables.js';

export type NetworkInput = {
  unitId: string;
  name: string;
  description?: string;
  kind: NetworkKind;
  visibility: NetworkVisibility;
  joinPolicy: JoinPolicy;
};
export type NetworkPatch = Partial<Omit<NetworkInput, 'unitId' | 'kind'>> & { archived?: boolean };

/** A person attached to a network with a role (a staff expert, a coordinator), as its page shows them. */
export type NetworkStaff = { memberRowId: string; personId: string; firstName: string; lastName: string; role: NetworkRole };

export type NetworkView = NetworkAccess & {
  unitName: string;
  /** Staff experts and coordinators; shown to everyone who sees the network. */
  staff: NetworkStaff[];
  /** Only for those who may read the inside. */
  counts: { participants: number; companies: number; threads: number; files: number; requests: number } | null;
  /** The competition-law notice, for a network of member companies. */
  notice: { da?: string; sv?: string; en?: string } | null;
};

export type NetworkSummary = NetworkAccess & { unitName: string; participants: number | null; threads: number | null; lastPostAt: Date | null };

export type NetworkResult = { ok: true; network: NetworkView } | Refusal | Invalid;

/**
 * A new network of a unit the actor is staff of. Its maker becomes its first coordinator, so a
 * network always has someone to approve requests (and the last coordinator cannot be removed).
 */
export async function createNetwork(db: Db, actor: Actor, input: NetworkInput): Promise<NetworkResult> {
  if (!(await getUnit(db, input.unitId))) return invalidInput({ path: 'unitId', code: 'network.unit_unknown' });
  if (!can(actor, 'network.create', { unitId: input.unitId, kind: input.kind, visibility: input.visibility, joinPolicy: input.joinPolicy, archived: false, standing: null })) return forbidden;
  const me = actorPersonId(actor);
  const id = await db.transaction(async (tx) => {
    const [n] = await tx
      .insert(networks)
      .values({ unitId: input.unitId, name: input.name, description: input.description ?? '', kind: input.kind, visibility: input.visibility, joinPolicy: input.joinPolicy, createdBy: me })
      .returning({ id: networks.id });
    if (me) await tx.insert(networkMembers).values({ networkId: n.id, personId: me, role: 'coordinator', status: 'active', addedBy: me, joinedAt: new Date() });
    await audit(tx, actor, { action: 'create', entityType: 'network', entityId: n.id, fields: ['unitId', 'name', 'kind', 'visibility', 'joinPolicy'] });
    return n.id;
  });
  return getNetwork(db, actor, id);
}

/** Changes a network's name, description, visibility, join policy or archives it (its organisers). */
export async function updateNetwork(db: Db, actor: Actor, id: string, patch: NetworkPatch): Promise<NetworkResult> {
  const found = await networkFor(db, actor, id, 'network.manage');
  if (!found.ok) return found;
  const n = found.network;
  const fields = changedFields({ name: n.name, description: n.description, visibility: n.visibility, joinPolicy: n.joinPolicy, archived: n.archived }, patch);
  if (fields.length > 0) {
    await db.transaction(async (tx) => {
      await tx
        .update(networks)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(networks.id, id));
      await audit(tx, actor, { action: 'update', entityType: 'network', entityId: id, fields });
    });
  }
  return getNetwork(db, actor, id);
}

export async function networkStaff(db: Db, networkId: string): Promise<NetworkStaff[]> {
  return queryRows<NetworkStaff>(
    db,
    sql`select nm.id as "memberRowId", p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", nm.role
        from network_members nm join persons p on p.id = nm.person_id
        where nm.network_id = ${networkId}::uuid and nm.role in ('coordinator', 'expert') and nm.status = 'active'
        order by case nm.role when 'coordinator' then 0 else 1 end, p.sort_key_da collate "C", p.id`,
  );
}

export async function competitionNotice(db: Db): Promise<{ da?: string; sv?: string; en?: string }> {
  const [row] = await db.select({ notice: networkSettings.competitionNotice }).from(networkSettings).where(eq(networkSettings.id, 1));
  return row?.notice ?? {};
}

/** The organisation's competition-law notice for networks of member companies: the whole organisation's, so admins set it. */
export async function setCompetitionNotice(db: Db, actor: Actor, notice: { da?: string; sv?: string; en?: string }): Promise<{ ok: true } | Refusal> {
  if (!isAdmin(actor)) return forbidden;
  await db.transaction(async (tx) => {
    await tx
      .insert(networkSettings)
      .values({ id: 1, competitionNotice: notice })
      .onConflictDoUpdate({ target: networkSettings.id, set: { competitionNotice: notice, updatedAt: new Date() } });
    await audit(tx, actor, { action: 'update', entityType: 'network_settings', entityId: null, fields: ['competitionNotice'] });
  });
  return { ok: true };
}

/** One network as the reader may see it; out of sight is not found. */
export async function getNetwork(db: Db, actor: Actor, id: string): Promise<NetworkResult> {
  const found = await networkFor(db, actor, id, 'network.see');
  if (!found.ok) return found;
  const n = found.network;
  const reads = can(actor, 'network.read', n);
  const [unit, staff, counts, notice] = await Promise.all([
    getUnit(db, n.unitId),
    networkStaff(db, id),
    reads
      ? queryRows<{ participants: number; companies: number; threads: number; files: number; requests: number }>(
          db,
          sql`select
            (select count(*)::int from network_members where network_id = ${id}::uuid and status = 'active' and person_id is not null and role = 'member') as participants,
            (select count(*)::int from network_members where network_id = ${id}::uuid and status = 'active' and member_company_id is not null) as companies,
            (select count(*)::int from network_threads where network_id = ${id}::uuid and hidden_at is null) as threads,
            (select count(*)::int from network_files where network_id = ${id}::uuid) as files,
            (select count(*)::int from network_members where network_id = ${id}::uuid and status = 'requested') as requests`,
        ).then((r) => r[0])
      : Promise.resolve(null),
    n.kind === 'companies' ? competitionNotice(db) : Promise.resolve(null),
  ]);
  return { ok: true, network: { ...n, unitName: unit?.name ?? '', staff, counts, notice } };
}

/**
 * The networks the reader may see, in one query: listed ones (not archived), the ones they are in,
 * invited to or asked to join, and for staff those of their units. `mine` keeps only their own.
 */
export async function listNetworks(db: Db, actor: Actor, opts: { mine?: boolean; q?: string } = {}): Promise<NetworkSummary[]> {
  if (!can(actor, 'network.list')) return [];
  const me = actorPersonId(actor);
  const q = opts.q?.trim();
  const rows = await queryRows<Parameters<typeof accessFromRaw>[0] & { unit_name: string; participants: number; threads: number; last_post_at: Date | string | null }>(
    db,
    sql`select ${accessColumns}, u.name as unit_name,
          (select count(*)::int from network_members c where c.network_id = n.id and c.status = 'active') as participants,
          (select count(*)::int from network_threads t where t.network_id = n.id and t.hidden_at is null) as threads,
          (select max(t.last_post_at) from network_threads t where t.network_id = n.id and t.hidden_at is null) as last_post_at
        from networks n join units u on u.id = n.unit_id ${standingSql(me)}
        where ${opts.mine ? sql`st.status = 'active'` : sql`true`}
          ${q ? sql`and (n.name ilike ${'%' + q.replace(/[%_\\]/g, (c) => '\\' + c) + '%'} or n.description ilike ${'%' + q.replace(/[%_\\]/g, (c) => '\\' + c) + '%'})` : sql``}
        order by n.archived, n.name, n.id`,
  );
  return rows
    .map((r) => ({ access: accessFromRaw(r), r }))
    .filter(({ access }) => can(actor, 'network.see', access))
    .map(({ access, r }) => {
      const reads = can(actor, 'network.read', access);
      return {
        ...access,
        unitName: r.unit_name,
        participants: reads ? r.participants : null,
        threads: reads ? r.threads : null,
        lastPostAt: reads && r.last_post_at ? new Date(r.last_post_at) : null,
      };
    });
}
