import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { audit } from '../../platform/audit/audit.js';
import { invalidInput, type Invalid, type Refusal } from '../../platform/outcomes.js';
import { assemblyFor } from './access.js';
import { wrongStatus, type WrongStatus } from './assemblies.js';
import { isPresentSql, presentPersonIdsSql } from './presence.js';
import { notifyAssembly } from './live.js';
import { fail, type HallDataFailure } from './poll-answers.js';

/*
 * Proxies (fuldmagter), where the statutes allow them: staff record that member A (the holder) votes
 * for absent member B (the giver). The rules: both on the roll; the giver not present; one proxy per
 * giver; at most `rules.proxiesPerHolder` per holder; no chains (a member who gave their proxy holds
 * none, and a holder gives none). Recording takes the assembly row's lock, as check-in does, so two
 * clerks at two tables can't both give a holder the last place, nor record a proxy for a giver being
 * checked in that moment. If the giver comes after all, the proxy lapses (see `checkInMember`); while
 * a giver is present through the event's check-in their proxy counts for nothing (`voterIdsSql`).
 */

export type ProxyView = { id: string; holderId: string; holderName: string; giverId: string; giverName: string; active: boolean; createdAt: string };

export type ProxyReasons = 'proxies_not_allowed' | 'proxy_not_on_roll' | 'giver_present' | 'proxy_limit' | 'proxy_given' | 'proxy_chain' | 'proxy_unknown';
export type ProxyResult = { ok: true; proxy: ProxyView } | Refusal | Invalid | WrongStatus | HallDataFailure<ProxyReasons>;

/** The proxies of an assembly, by holder; `active`: usable now (holder present, giver not). */
export async function listProxies(db: Db, assemblyId: string): Promise<ProxyView[]> {
  const present = presentPersonIdsSql(assemblyId);
  const rows = await queryRows<ProxyView & { createdAt: unknown }>(
    db,
    sql`select x.id, x.holder_person_id as "holderId", h.first_name || ' ' || h.last_name as "holderName",
          x.giver_person_id as "giverId", g.first_name || ' ' || g.last_name as "giverName",
          (x.holder_person_id in (${present}) and x.giver_person_id not in (${present})) as active, x.created_at as "createdAt"
        from assembly_proxies x join persons h on h.id = x.holder_person_id join persons g on g.id = x.giver_person_id
        where x.assembly_id = ${assemblyId}
        order by h.last_name, h.first_name, g.last_name, g.first_name`,
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt as string).toISOString() }));
}

export async function recordProxy(db: Db, actor: Actor, assemblyId: string, input: { holderId: string; giverId: string }): Promise<ProxyResult> {
  return db.transaction(async (tx): Promise<ProxyResult> => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'notice_sent' && a.status !== 'in_session') return wrongStatus(a.status);
    if (!a.rules.proxiesAllowed) return fail('proxies_not_allowed');
    if (input.holderId === input.giverId) return invalidInput({ path: 'giverId', code: 'proxy.same_person' });
    const [s] = await queryRows<{ holderOnRoll: boolean; giverOnRoll: boolean; giverPresent: boolean; given: boolean; held: number; holderGave: boolean; giverHolds: boolean }>(
      tx,
      sql`select exists (select 1 from assembly_roll where assembly_id = ${assemblyId} and person_id = ${input.holderId}) as "holderOnRoll",
            exists (select 1 from assembly_roll where assembly_id = ${assemblyId} and person_id = ${input.giverId}) as "giverOnRoll",
            ${isPresentSql(assemblyId, input.giverId)} as "giverPresent",
            exists (select 1 from assembly_proxies where assembly_id = ${assemblyId} and giver_person_id = ${input.giverId}) as given,
            (select count(*)::int from assembly_proxies where assembly_id = ${assemblyId} and holder_person_id = ${input.holderId}) as held,
            exists (select 1 from assembly_proxies where assembly_id = ${assemblyId} and giver_person_id = ${input.holderId}) as "holderGave",
            exists (select 1 from assembly_proxies where assembly_id = ${assemblyId} and holder_person_id = ${input.giverId}) as "giverHolds"`,
    );
    if (!s.holderOnRoll) return fail('proxy_not_on_roll', undefined, 'holderId');
    if (!s.giverOnRoll) return fail('proxy_not_on_roll', undefined, 'giverId');
    if (s.giverPresent) return fail('giver_present');
    if (s.given) return fail('proxy_given');
    if (s.holderGave) return fail('proxy_chain', undefined, 'holderId');
    if (s.giverHolds) return fail('proxy_chain', undefined, 'giverId');
    if (s.held >= a.rules.proxiesPerHolder) return fail('proxy_limit', { limit: a.rules.proxiesPerHolder });
    const me = actor.kind === 'person' ? actor.personId : null;
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`insert into assembly_proxies (assembly_id, holder_person_id, giver_person_id, recorded_by) values (${assemblyId}, ${input.holderId}, ${input.giverId}, ${me}) returning id`,
    );
    await audit(tx, actor, { action: 'create', entityType: 'assembly_proxy', entityId: row.id, fields: ['holderId', 'giverId'] });
    await notifyAssembly(tx, assemblyId, 'attendance');
    const proxy = (await listProxies(tx, assemblyId)).find((p) => p.id === row.id)!;
    return { ok: true, proxy };
  });
}

/** Withdraws the proxy a giver gave (they took it back, or it was recorded by mistake). */
export async function revokeProxy(db: Db, actor: Actor, assemblyId: string, input: { giverId: string }): Promise<{ ok: true; giverId: string } | Refusal | WrongStatus | HallDataFailure<'proxy_unknown'>> {
  return db.transaction(async (tx) => {
    const found = await assemblyFor(tx, actor, assemblyId, 'assembly.manage', { lock: true });
    if (!found.ok) return found;
    const a = found.assembly;
    if (a.status !== 'notice_sent' && a.status !== 'in_session') return wrongStatus(a.status);
    const [row] = await queryRows<{ id: string }>(tx, sql`delete from assembly_proxies where assembly_id = ${assemblyId} and giver_person_id = ${input.giverId} returning id`);
    if (!row) return fail('proxy_unknown');
    await audit(tx, actor, { action: 'delete', entityType: 'assembly_proxy', entityId: row.id });
    await notifyAssembly(tx, assemblyId, 'attendance');
    return { ok: true as const, giverId: input.giverId };
  });
}
