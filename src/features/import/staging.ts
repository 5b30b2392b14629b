import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db/database.js';
import { copyRows, postgresClientOf } from '../../platform/db/copy.js';
import { audit, auditStagedRows } from '../../platform/audit/audit.js';

export interface StagedColumn<R> {
  name: string;
  type: 'uuid' | 'text' | 'date' | 'boolean';
  value: (row: R) => string | boolean | null;
}

/** Rows per INSERT: each column travels as one array parameter, so this bounds a statement's size, not its parameter count. */
const CHUNK = 10_000;

/**
 * A temporary table holding the rows an import writes, dropped when the transaction ends. It is
 * filled with COPY on PostgreSQL and with multi-row inserts of unnest()-ed arrays on PGlite.
 */
export async function stage<R>(tx: Db, table: string, columns: StagedColumn<R>[], rows: R[], joins: boolean): Promise<void> {
  const name = sql.raw(table);
  await tx.execute(sql`create temp table ${name} (${sql.raw(columns.map((c) => `${c.name} ${c.type}`).join(', '))}) on commit drop`);
  const client = postgresClientOf(tx);
  if (client) {
    // COPY parses several times faster than arrays of parameters; PGlite has no COPY FROM STDIN.
    await copyRows(client, table, columns.map((c) => c.name), (function* () {
      for (const row of rows) yield columns.map((c) => c.value(row));
    })());
  } else {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const arrays = columns.map((c) => sql`${sql.param(chunk.map(c.value))}::${sql.raw(c.type)}[]`);
      await tx.execute(sql`insert into ${name} (${sql.raw(columns.map((c) => c.name).join(', '))}) select * from unnest(${sql.join(arrays, sql`, `)})`);
    }
  }
  // UPDATE … FROM joins the staged rows: without statistics the planner guesses their number and
  // may pick a nested loop over the register. Inserts read the table once and need none.
  if (joins) await tx.execute(sql`analyze ${name}`);
}

export interface ImportAudit {
  /** The import itself, e.g. `member_import`, with the header's columns as its fields. */
  importEntity: string;
  importId: string;
  importFields: string[];
  /** The staging table with `audit_action` and `audit_fields` per row; null when nothing changed. */
  table: string | null;
  entityType: string;
  idColumn: string;
}

/**
 * One audit event for the import and one per created or updated record, written with a single
 * INSERT … SELECT: field names only, never values.
 */
export async function auditImport(tx: Db, actor: Actor, a: ImportAudit): Promise<void> {
  await audit(tx, actor, { action: 'create', entityType: a.importEntity, entityId: a.importId, fields: a.importFields });
  if (a.table) await auditStagedRows(tx, actor, { table: a.table, entityType: a.entityType, idColumn: a.idColumn });
}
