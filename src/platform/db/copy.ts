import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './database.js';

/**
 * The node-postgres connection a transaction runs on, or null on PGlite. Drizzle keeps it on the
 * transaction's session; reading it here, in one place, lets bulk loads use COPY on PostgreSQL while
 * staying in the caller's transaction (pinned drizzle-orm 0.45; the import tests on PostgreSQL fail
 * if this ever stops finding it).
 */
export function postgresClientOf(tx: Db): pg.ClientBase | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? client : null;
}

/** A value in COPY's text format: `\N` for null, backslash escapes for the characters COPY reads itself. */
function copyText(value: string | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** Streams rows into `table` with COPY … FROM STDIN on the transaction's own connection. */
export async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<(string | boolean | null)[]>): Promise<void> {
  function* lines(): Generator<string> {
    let batch = '';
    for (const row of rows) {
      batch += row.map(copyText).join('\t') + '\n';
      if (batch.length > 1 << 16) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
}
