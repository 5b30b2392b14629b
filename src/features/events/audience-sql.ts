import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uuidArray } from '../../platform/db/sql.js';
import { visibleEventsSql } from './queries.js';

/*
 * What audiences (segments, and the mailings sent to them) ask of events without reading their
 * tables: who registered for or attended an event, an event's title, and which events a person
 * building an audience may pick.
 */

/** The persons registered (confirmed or on the waiting list) for one of these events, as `select … person_id from …` (a source to union). */
export function registeredPersonIdsSql(eventIds: SQL): SQL {
  return sql`select er.person_id from event_registrations er where er.event_id in ${eventIds} and er.status in ('confirmed', 'waitlisted') and er.person_id is not null`;
}

/** The persons checked in at one of these events (on a registration not cancelled), as `select … person_id from …`. */
export function attendedPersonIdsSql(eventIds: SQL): SQL {
  return sql`select er.person_id from event_registrations er where er.event_id in ${eventIds}
        and er.checked_in_at is not null and er.status <> 'cancelled' and er.person_id is not null`;
}

/** The event's title, or null for no event, as an SQL expression. */
export function eventTitleSql(eventId: AnyPgColumn | SQL): SQL<string | null> {
  return sql<string | null>`(select te.title from events te where te.id = ${eventId})`;
}

/** The events among these ids (a uuid array), as rows `(id text, name)` with the title as the name, whoever may see them. */
export function eventTitlesSql(ids: SQL): SQL {
  return sql`select ne.id::text as id, ne.title as name from events ne where ne.id = any(${ids})`;
}

/** The events among these ids (a uuid array) that the actor may see, as `select e.id from …`. */
export async function visibleEventIdsSql(db: Db, actor: Actor, ids: SQL): Promise<SQL> {
  return sql`select e.id from events e where e.id = any(${ids}) and ${await visibleEventsSql(db, actor)}`;
}

/** An event as a picker offers it. */
export interface EventChoice {
  id: string;
  name: string;
  startsAt: string;
  timeZone: string;
}

/**
 * The events an audience's author may pick, newest first: those they see that are out (not drafts)
 * and ended in the last twelve months or are still to come, and the ids already chosen (`keep`) in
 * any case, as long as they see them.
 */
export async function eventChoices(db: Db, actor: Actor, keep: readonly string[], limit: number): Promise<EventChoice[]> {
  const rows = await queryRows<Omit<EventChoice, 'startsAt'> & { startsAt: string | Date }>(
    db,
    sql`select e.id, e.title as name, e.starts_at as "startsAt", e.time_zone as "timeZone" from events e
        where ${await visibleEventsSql(db, actor)} and ((e.status <> 'draft' and e.ends_at >= now() - interval '12 months') or e.id = any(${uuidArray(keep)}))
        order by e.starts_at desc, e.id limit ${limit}`,
  );
  return rows.map((e) => ({ ...e, startsAt: new Date(e.startsAt).toISOString() }));
}
