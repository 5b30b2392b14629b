import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { allMembers, type MemberRow } from './queries.js';
import type { MemberListFilter } from './schema.js';
import { neutraliseCell } from '../../platform/csv/cells.js';

/**
 * The columns, named as the CSV import reads them, so an exported file can be edited and imported
 * again. Status is the code (active, resigned …), the type its code, the unit its name.
 */
const columns: [string, (m: MemberRow) => string | null][] = [
  ['member_number', (m) => m.memberNumber],
  ['first_name', (m) => m.firstName],
  ['last_name', (m) => m.lastName],
  ['email', (m) => m.email],
  ['phone', (m) => m.phone],
  ['address', (m) => m.addressLine],
  ['postal_code', (m) => m.postalCode],
  ['city', (m) => m.city],
  ['country', (m) => m.country],
  ['date_of_birth', (m) => m.dateOfBirth],
  ['preferred_language', (m) => m.preferredLocale],
  ['membership_type', (m) => m.typeCode],
  ['unit', (m) => m.unitName],
  ['status', (m) => m.status],
  ['joined_on', (m) => m.joinedOn],
];

/**
 * The filtered member list as CSV for Danish Excel: UTF-8 with a byte-order mark, `;` between
 * cells, streamed in batches. The export itself is audited with the names of the filters used,
 * never their values (a search may be a name).
 */
export async function exportMembers(db: Db, actor: Actor, filter: MemberListFilter, locale: Locale): Promise<Readable> {
  const used = (['q', 'unit', 'status', 'type', 'role', 'workplace'] as const).filter((k) => filter[k] !== undefined && filter[k] !== '');
  await audit(db, actor, { action: 'export', entityType: 'member_list', fields: used });
  const rows = Readable.from(
    (async function* () {
      for await (const m of allMembers(db, actor, { ...filter, page: 1 }, locale)) yield Object.fromEntries(columns.map(([name, get]) => [name, neutraliseCell(get(m) ?? '')]));
    })(),
  );
  const csv = stringify({ delimiter: ';', bom: true, header: true, columns: columns.map(([name]) => name), record_delimiter: 'windows' });
  rows.on('error', (err) => csv.destroy(err));
  return rows.pipe(csv);
}
