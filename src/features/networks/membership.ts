import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { actorPersonId, type Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queueMail } from '../../platform/mail/mail.js';
import { isLocale, translator } from '../../platform/i18n/i18n.js';
import { forbidden, invalidInput, notFound, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { activeMemberSql } from '../members/index.js';
import { companiesOfContactSql, contactPersonIdsSql, memberCompanyNameSql } from '../member-companies/index.js';
import { networkFor, type NetworkAccess } from './access.js';
import { can, organises } from './policy.js';
import { networkMembers, type MembershipStatus, type NetworkRole } from './tables.js';

export type MemberInput = { memberId?: string; memberCompanyId?: string; role?: NetworkRole; invite?: boolean; note?: string };

export type NetworkMemberRow = {
  id: string;
  personId: string | null;
  memberCompanyId: string | null;
  /** The person's name, or the company's. */
  name: string;
  role: NetworkRole;
  status: MembershipStatus;
  requestNote: string | null;
  joinedAt: Date | null;
  createdAt: Date;
  /** For a company: its contact persons' names. */
  contacts: string[];
};

export type MembershipReason = 'already_member' | 'already_requested' | 'invitation_only' | 'last_coordinator' | 'not_pending';
export type MembershipFailure = Refusal | Invalid | { ok: false; reason: MembershipReason };
export type MembershipResult = { ok: true; member: { id: string; status: MembershipStatus; role: NetworkRole } } | MembershipFailure;

const holdsStaffRole = (personId: string) =>
  sql`exists (select 1 from role_assignments ra where ra.person_id = ${personId}::uuid and ra.role = 'staff' and ra.starts_on <= current_date and (ra.ends_on is null or ra.ends_on >= current_date))`;

async function personFacts(db: Db, personId: string): Promise<{ exists: boolean; member: boolean; staff: boolean }> {
  const [row] = await queryRows<{ member: boolean; staff: boolean }>(
    db,
    sql`select ${activeMemberSql(sql`p.id`)} as member, ${holdsStaffRole(personId)} as staff from persons p where p.id = ${personId}::uuid`,
  );
  return row ? { exists: true, member: row.member, staff: row.staff } : { exists: false, member: false, staff: false };
}

async function isContactOf(db: Db, personId: string, companyId: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(db, sql`select ${companyId}::uuid in (${companiesOfContactSql(sql`${personId}::uuid`)}) as ok`);
  return Boolean(row?.ok);
}

async function companyExists(db: Db, companyId: string): Promise<boolean> {
  const [row] = await queryRows<{ name: string | null }>(db, sql`select ${memberCompanyNameSql(sql`${companyId}::uuid`)} as name`);
  return Boolean(row?.name);
}

async function existingRow(db: Db, networkId: string, who: { personId?: string; companyId?: string }) {
  const [row] = await db
    .select()
    .from(networkMembers)
    .where(
      and(eq(networkMembers.networkId, networkId), who.personId ? eq(networkMembers.personId, who.personId) : eq(networkMembers.memberCompanyId, who.companyId!)),
    );
  return row;
}

/**
 * Someone joins a network (`POST …/members`). Two cases, told apart by who asks for whom:
 * - A person for themselves (their own `memberId`) or for a member company they are a contact of
 *   (`memberCompanyId`): an open network takes them at once, one "on request" records a request for
 *   the coordinators, one "by invitation" only takes someone invited (accepting the invitation).
 * - A coordinator or organiser for someone else: added at once, or invited (`invite`). Only
 *   organisers attach coordinators and staff experts (an expert must be on the staff today).
 * A people network takes active members (and staff with a role); a network of member companies
 * takes companies (its coordinators and experts are people).
 * Everything is decided under the network row's lock, so a join and a removal do not cross.
 */
export async function addNetworkMember(db: Db, actor: Actor, networkId: string, input: MemberInput): Promise<MembershipResult> {
  const me = actorPersonId(actor);
  const role: NetworkRole = input.role ?? 'member';
  if (!input.memberId === !input.memberCompanyId) return invalidInput({ path: 'memberId', code: 'network.member_or_company' });
  return db.transaction(async (tx): Promise<MembershipResult> => {
    const found = await networkFor(tx, actor, networkId, 'network.see', true);
    if (!found.ok) return found;
    const n = found.network;
    const forSelf = input.memberId ? input.memberId === me : me !== null && (await isContactOf(tx, me, input.memberCompanyId!));
    const coordinating = can(actor, 'network.coordinate', n);
    if (!forSelf && !coordinating) return input.memberCompanyId && !coordinating && can(actor, 'network.join', n) ? invalidInput({ path: 'memberCompanyId', code: 'network.not_your_company' }) : forbidden;
    if (role !== 'member' && !organises(actor, n)) return forbidden;
    if (role !== 'member' && input.memberCompanyId) return invalidInput({ path: 'role', code: 'network.company_role' });

    if (input.memberCompanyId) {
      if (n.kind !== 'companies') return invalidInput({ path: 'memberCompanyId', code: 'network.people_only' });
      if (!(await companyExists(tx, input.memberCompanyId))) return invalidInput({ path: 'memberCompanyId', code: 'network.company_unknown' });
    } else {
      const facts = await personFacts(tx, input.memberId!);
      if (!facts.exists) return invalidInput({ path: 'memberId', code: 'network.person_unknown' });
      if (role === 'expert' && !facts.staff) return invalidInput({ path: 'memberId', code: 'network.expert_not_staff' });
      if (role === 'member' && n.kind === 'companies') return invalidInput({ path: 'memberId', code: 'network.companies_only' });
      if (role === 'member' && !facts.member) return invalidInput({ path: 'memberId', code: 'network.not_a_member' });
      if (role === 'coordinator' && !facts.member && !facts.staff) return invalidInput({ path: 'memberId', code: 'network.not_a_member' });
    }

    const existing = await existingRow(tx, networkId, { personId: input.memberId, companyId: input.memberCompanyId });
    // A self-join: the network's policy decides, an invitation lets one in.
    if (forSelf && !(coordinating && input.memberId !== me)) {
      if (existing?.status === 'active') return { ok: false, reason: 'already_member' };
      if (existing?.status === 'requested') return { ok: false, reason: 'already_requested' };
      if (!coordinating && !can(actor, 'network.join', n)) return notFound;
      const invited = existing?.status === 'invited';
      if (!invited && !coordinating && n.joinPolicy === 'invitation') return { ok: false, reason: 'invitation_only' };
      const status: MembershipStatus = invited || coordinating || n.joinPolicy === 'open' ? 'active' : 'requested';
      const id = await writeRow(tx, n, existing?.id, { personId: input.memberId ?? null, memberCompanyId: input.memberCompanyId ?? null, role: existing?.role ?? role, status, requestNote: status === 'requested' ? (input.note ?? null) : null, addedBy: existing?.addedBy ?? me });
      await audit(tx, actor, { action: existing ? 'update' : 'create', entityType: 'network_member', entityId: id, fields: ['status'] });
      return { ok: true, member: { id, status, role: existing?.role ?? role } };
    }

    // A coordinator adds or invites someone else.
    if (existing?.status === 'active') {
      if (existing.role === role || role === 'member') return { ok: false, reason: 'already_member' };
      await tx.update(networkMembers).set({ role }).where(eq(networkMembers.id, existing.id));
      await audit(tx, actor, { action: 'update', entityType: 'network_member', entityId: existing.id, fields: ['role'] });
      return { ok: true, member: { id: existing.id, status: 'active', role } };
    }
    const status: MembershipStatus = input.invite ? 'invited' : 'active';
    const id = await writeRow(tx, n, existing?.id, { personId: input.memberId ?? null, memberCompanyId: input.memberCompanyId ?? null, role, status, requestNote: null, addedBy: me });
    await audit(tx, actor, { action: existing ? 'update' : 'create', entityType: 'network_member', entityId: id, fields: ['status', 'role'] });
    return { ok: true, member: { id, status, role } };
  });
}

async function writeRow(
  tx: Db,
  n: NetworkAccess,
  existingId: string | undefined,
  v: { personId: string | null; memberCompanyId: string | null; role: NetworkRole; status: MembershipStatus; requestNote: string | null; addedBy: string | null },
): Promise<string> {
  const joinedAt = v.status === 'active' ? new Date() : null;
  if (existingId) {
    await tx.update(networkMembers).set({ role: v.role, status: v.status, requestNote: v.requestNote, addedBy: v.addedBy, joinedAt }).where(eq(networkMembers.id, existingId));
    return existingId;
  }
  const [row] = await tx
    .insert(networkMembers)
    .values({ networkId: n.id, ...v, joinedAt })
    .returning({ id: networkMembers.id });
  return row.id;
}

async function rowOf(tx: Db, networkId: string, memberRowId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(memberRowId)) return undefined;
  const [row] = await tx
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.id, memberRowId), eq(networkMembers.networkId, networkId)));
  return row;
}

async function activeCoordinators(tx: Db, networkId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from network_members where network_id = ${networkId}::uuid and role = 'coordinator' and status = 'active'`);
  return row.n;
}

/** A coordinator approves a request to join, or declines it with a reason the requester is mailed. */
export async function decideRequest(db: Db, actor: Actor, networkId: string, memberRowId: string, decision: { approve: boolean; reason?: string }): Promise<MembershipResult> {
  if (!decision.approve && !decision.reason?.trim()) return invalidInput({ path: 'reason', code: 'network.reason_required' });
  return db.transaction(async (tx): Promise<MembershipResult> => {
    const found = await networkFor(tx, actor, networkId, 'network.coordinate', true);
    if (!found.ok) return found;
    const row = await rowOf(tx, networkId, memberRowId);
    if (!row) return notFound;
    if (row.status !== 'requested') return { ok: false, reason: 'not_pending' };
    if (decision.approve) {
      await tx.update(networkMembers).set({ status: 'active', joinedAt: new Date(), addedBy: actorPersonId(actor) }).where(eq(networkMembers.id, row.id));
      await audit(tx, actor, { action: 'update', entityType: 'network_member', entityId: row.id, fields: ['status'] });
      await mailRequester(tx, row, found.network.name, 'approved');
      return { ok: true, member: { id: row.id, status: 'active', role: row.role } };
    }
    await tx.delete(networkMembers).where(eq(networkMembers.id, row.id));
    await audit(tx, actor, { action: 'delete', entityType: 'network_member', entityId: row.id, fields: ['status', 'declineReason'] });
    await mailRequester(tx, row, found.network.name, 'declined', decision.reason!.trim());
    return { ok: true, member: { id: row.id, status: 'requested', role: row.role } };
  });
}

/** The person who asked (or, for a company, its contact persons) hears of the decision in their language. */
async function mailRequester(tx: Db, row: typeof networkMembers.$inferSelect, networkName: string, outcome: 'approved' | 'declined', reason?: string): Promise<void> {
  const people = await queryRows<{ email: string | null; locale: string | null }>(
    tx,
    row.personId
      ? sql`select email, preferred_locale as locale from persons where id = ${row.personId}::uuid`
      : sql`select p.email, p.preferred_locale as locale from persons p where p.id in (${contactPersonIdsSql(sql`${row.memberCompanyId}::uuid`)})`,
  );
  for (const p of people) {
    if (!p.email) continue;
    const t = translator(isLocale(p.locale) ? p.locale : 'da');
    await queueMail(tx, {
      to: p.email,
      subject: t(outcome === 'approved' ? 'networks.mail.approved_subject' : 'networks.mail.declined_subject', { network: networkName }),
      text: t(outcome === 'approved' ? 'networks.mail.approved_body' : 'networks.mail.declined_body', { network: networkName, reason: reason ?? '' }),
    });
  }
}

/**
 * Someone leaves (themselves, or their company's place as its contact), or a coordinator removes
 * them. Only organisers remove a coordinator or an expert; the last coordinator stays.
 */
export async function removeNetworkMember(db: Db, actor: Actor, networkId: string, memberRowId: string): Promise<{ ok: true } | MembershipFailure> {
  return db.transaction(async (tx): Promise<{ ok: true } | MembershipFailure> => {
    const found = await networkFor(tx, actor, networkId, 'network.see', true);
    if (!found.ok) return found;
    const n = found.network;
    const row = await rowOf(tx, networkId, memberRowId);
    const me = actorPersonId(actor);
    const own = row !== undefined && ((row.personId !== null && row.personId === me) || (row.memberCompanyId !== null && me !== null && (await isContactOf(tx, me, row.memberCompanyId))));
    if (!row || (!own && !can(actor, 'network.read', n))) return notFound;
    if (!own && !can(actor, 'network.coordinate', n)) return forbidden;
    if (!own && row.role !== 'member' && !organises(actor, n)) return forbidden;
    if (row.role === 'coordinator' && row.status === 'active' && (await activeCoordinators(tx, networkId)) <= 1) return { ok: false, reason: 'last_coordinator' };
    await tx.delete(networkMembers).where(eq(networkMembers.id, row.id));
    await audit(tx, actor, { action: 'delete', entityType: 'network_member', entityId: row.id, fields: ['status', 'role'] });
    return { ok: true };
  });
}

/** The reader leaves: their own place (or, as its contact, their company's). */
export async function leaveNetwork(db: Db, actor: Actor, networkId: string): Promise<{ ok: true } | MembershipFailure> {
  const found = await networkFor(db, actor, networkId, 'network.see');
  if (!found.ok) return found;
  if (!found.network.memberRowId) return notFound;
  return removeNetworkMember(db, actor, networkId, found.network.memberRowId);
}

/**
 * Who is in the network, for those who read its inside: people with their role, companies with
 * their contact persons. Requests and invitations are listed for coordinators only.
 */
export async function listNetworkMembers(db: Db, actor: Actor, networkId: string): Promise<{ ok: true; network: NetworkAccess; members: NetworkMemberRow[] } | Refusal> {
  const found = await networkFor(db, actor, networkId, 'network.read');
  if (!found.ok) return found;
  const coordinating = can(actor, 'network.coordinate', found.network);
  const rows = await queryRows<Omit<NetworkMemberRow, 'contacts'> & { contacts: string[] | null }>(
    db,
    sql`select nm.id, nm.person_id as "personId", nm.member_company_id as "memberCompanyId",
          coalesce(p.first_name || ' ' || p.last_name, ${memberCompanyNameSql(sql`nm.member_company_id`)}, '') as name,
          nm.role, nm.status, nm.request_note as "requestNote", nm.joined_at as "joinedAt", nm.created_at as "createdAt",
          case when nm.member_company_id is null then null else (
            select array_agg(cp.first_name || ' ' || cp.last_name order by cp.sort_key_da collate "C")
            from persons cp where cp.id in (${contactPersonIdsSql(sql`nm.member_company_id`)})) end as contacts
        from network_members nm left join persons p on p.id = nm.person_id
        where nm.network_id = ${networkId}::uuid ${coordinating ? sql`` : sql`and nm.status = 'active'`}
        order by case nm.status when 'requested' then 0 when 'invited' then 1 else 2 end,
          case nm.role when 'coordinator' then 0 when 'expert' then 1 else 2 end,
          coalesce(p.sort_key_da, lower(${memberCompanyNameSql(sql`nm.member_company_id`)})) collate "C", nm.id`,
  );
  return {
    ok: true,
    network: found.network,
    members: rows.map((r) => ({ ...r, joinedAt: r.joinedAt ? new Date(r.joinedAt) : null, createdAt: new Date(r.createdAt), contacts: r.contacts ?? [] })),
  };
}
