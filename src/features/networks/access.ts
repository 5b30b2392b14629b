import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { notFound, forbidden, type Refusal } from '../../platform/outcomes.js';
import { companiesOfContactSql, contactPersonIdsSql } from '../member-companies/index.js';
import { can, type NetworkAction, type NetworkSubject } from './policy.js';
import type { JoinPolicy, MembershipStatus, NetworkKind, NetworkRole, NetworkVisibility } from './tables.js';

export type NetworkRow = {
  id: string;
  unitId: string;
  name: string;
  description: string;
  kind: NetworkKind;
  visibility: NetworkVisibility;
  joinPolicy: JoinPolicy;
  archived: boolean;
  createdAt: Date;
};

/** A network as the reader may see it, with their standing and (if any) the row that gives it. */
export type NetworkAccess = NetworkRow &
  NetworkSubject & {
    memberRowId: string | null;
    viaCompanyId: string | null;
    /** The competition-law notice for a network of member companies (every page of it shows it); null for others. */
    notice: { da?: string; sv?: string; en?: string } | null;
  };

/**
 * The active participants of a network as `select person_id …`: people in it, and the contact
 * persons of the member companies in it.
 */
export function participantIdsSql(networkId: string | SQL): SQL {
  return sql`select nm.person_id from network_members nm where nm.network_id = ${networkId}::uuid and nm.status = 'active' and nm.person_id is not null
    union select cp.person_id from network_members nm cross join lateral (${contactPersonIdsSql(sql`nm.member_company_id`)}) cp(person_id)
      where nm.network_id = ${networkId}::uuid and nm.status = 'active' and nm.member_company_id is not null`;
}

/** The networks a person actively takes part in (themselves or for their company), as `select network_id …`. */
export function networkIdsOfSql(personId: string | SQL): SQL {
  return sql`select nm.network_id from network_members nm where nm.status = 'active'
    and (nm.person_id = ${personId}::uuid or nm.member_company_id in (${companiesOfContactSql(sql`${personId}::uuid`)}))`;
}

/**
 * The reader's standing in each network as a lateral subquery over `n` (a row of `networks`): their
 * own row first (it may carry a role), else their company's.
 */
export function standingSql(personId: string | null): SQL {
  return sql`left join lateral (
      select nm.id as member_row_id, nm.role, nm.status, nm.member_company_id as via_company_id from network_members nm
      where nm.network_id = n.id and (nm.person_id = ${personId}::uuid or nm.member_company_id in (${companiesOfContactSql(sql`${personId}::uuid`)}))
      order by (nm.person_id is null), case nm.status when 'active' then 0 when 'invited' then 1 else 2 end
      limit 1) st on true`;
}

type Raw = {
  id: string;
  unit_id: string;
  name: string;
  description: string;
  kind: NetworkKind;
  visibility: NetworkVisibility;
  join_policy: JoinPolicy;
  archived: boolean;
  created_at: Date | string;
  member_row_id: string | null;
  role: NetworkRole | null;
  status: MembershipStatus | null;
  via_company_id: string | null;
  notice: { da?: string; sv?: string; en?: string } | string | null;
};

export function accessFromRaw(r: Raw): NetworkAccess {
  return {
    id: r.id,
    unitId: r.unit_id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    visibility: r.visibility,
    joinPolicy: r.join_policy,
    archived: r.archived,
    createdAt: new Date(r.created_at),
    standing: r.role && r.status ? { role: r.role, status: r.status } : null,
    memberRowId: r.member_row_id,
    viaCompanyId: r.via_company_id,
    notice: r.kind !== 'companies' ? null : typeof r.notice === 'string' ? JSON.parse(r.notice) : (r.notice ?? {}),
  };
}

export const accessColumns = sql`n.id, n.unit_id, n.name, n.description, n.kind, n.visibility, n.join_policy, n.archived, n.created_at, st.member_row_id, st.role, st.status, st.via_company_id,
  case when n.kind = 'companies' then coalesce((select s.competition_notice from network_settings s where s.id = 1), '{}'::jsonb) end as notice`;

/** The network with the actor's standing in it, whether or not they may see it (for the use cases' checks). */
export async function loadNetwork(db: Db, actor: Actor, id: string, lock = false): Promise<NetworkAccess | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await queryRows<Raw>(
    db,
    sql`select ${accessColumns} from networks n ${standingSql(actorPersonId(actor))} where n.id = ${id}::uuid ${lock ? sql`for update of n` : sql``}`,
  );
  return row ? accessFromRaw(row) : undefined;
}

/**
 * The network if the actor may do `action` in it. One they may not even see is "not found"; one
 * they see but may not act in is "forbidden" — except reading a network's inside, which is "not
 * found" for an outsider too (and coordinating it, for someone who cannot read it), so nothing
 * tells them there is something there.
 */
export async function networkFor(db: Db, actor: Actor, id: string, action: NetworkAction, lock = false): Promise<{ ok: true; network: NetworkAccess } | Refusal> {
  const network = await loadNetwork(db, actor, id, lock);
  if (!network || !can(actor, 'network.see', network)) return notFound;
  if (!can(actor, action, network)) {
    // Reading or coordinating the inside: an outsider is not told there is anything there.
    const inside = action === 'network.read' || (action === 'network.coordinate' && !can(actor, 'network.read', network));
    return inside ? notFound : forbidden;
  }
  return { ok: true, network };
}
