import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/db/database.js';
import { reachesUnit, unitScope, type Actor } from '../../platform/actor.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { listUnits, type Unit } from '../../kernel/units.js';
import { authorRoleSql } from './authors.js';

export interface Author {
  id: string;
  name: string;
}

/**
 * Who the actor may name as a post's author: the people who may author a post of a unit the actor
 * writes for (staff and board of it or of a unit above it, and admins, today), never another
 * district's staff. An admin writes for every unit and sees everyone. The use case checks that the
 * one chosen reaches the post's unit; the list is short (the office and the board), sorted by the
 * reader's language (PGlite has no Danish or Swedish collation, so it is sorted here).
 */
export async function possibleAuthors(db: Db, actor: Actor, locale: Locale): Promise<Author[]> {
  const scope = unitScope(actor, 'staff', 'board');
  const rows = await queryRows<Author>(
    db,
    sql`select distinct p.id, p.first_name || ' ' || p.last_name as name
        from role_assignments r join persons p on p.id = r.person_id
        where ${authorRoleSql(scope)}`,
  );
  const collator = new Intl.Collator(locale === 'sv' ? 'sv' : 'da');
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}

/** The units the actor writes posts for (a unit includes those below it). */
export async function unitsForWriting(db: Db, actor: Actor): Promise<Unit[]> {
  return (await listUnits(db)).filter((u) => reachesUnit(actor, u.id, 'staff', 'board'));
}
