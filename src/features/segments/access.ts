import { sql, type SQL } from 'drizzle-orm';
import { unitScope, type Actor } from '../../platform/actor.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import { uuidArray } from '../../platform/db/sql.js';
import { isUuid, type SegmentFilter } from './filter.js';
import { can } from './policy.js';
import { notFound, forbidden, type Refusal, type FieldProblem } from '../../platform/outcomes.js';

/** A saved segment as the pages, the API and the mailings feature see it. */
export interface Segment {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  filter: SegmentFilter;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}


/** One problem with one field of the input, named as the form and the API name it. */
export type SegmentInvalid = { ok: false; reason: 'invalid'; errors: FieldProblem[] };
export const invalid = (...errors: FieldProblem[]): SegmentInvalid => ({ ok: false, reason: 'invalid', errors });

const columns = sql`s.id, s.unit_id as "unitId", u.name as "unitName", s.name, s.filter, s.created_by as "createdBy",
  s.created_at as "createdAt", s.updated_at as "updatedAt"`;

type Raw = Omit<Segment, 'filter' | 'createdAt' | 'updatedAt'> & { filter: unknown; createdAt: string | Date; updatedAt: string | Date };

function fromRow(r: Raw): Segment {
  const filter = (typeof r.filter === 'string' ? JSON.parse(r.filter) : r.filter) as Partial<SegmentFilter>;
  return {
    id: r.id,
    unitId: r.unitId,
    unitName: r.unitName,
    name: r.name,
    filter: { match: filter.match ?? 'all', conditions: filter.conditions ?? [], exclude: filter.exclude ?? [] },
    createdBy: r.createdBy,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export async function findSegment(db: Db, id: string, lock = false): Promise<Segment | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await queryRows<Raw>(db, sql`select ${columns} from segments s join units u on u.id = s.unit_id where s.id = ${id}${lock ? sql` for update of s` : sql``}`);
  return row ? fromRow(row) : undefined;
}

/**
 * The segment if the actor may `use` it (staff of its unit: send to it, change it, count and preview
 * it) or `view` it (staff or board of its unit). Out of sight is `not_found`; in sight but read-only
 * is `forbidden`. With `lock` the row is taken FOR UPDATE, so changes of one segment queue up.
 */
export async function loadSegmentFor(db: Db, actor: Actor, segmentId: string, action: 'use' | 'view', opts: { lock?: boolean } = {}): Promise<{ ok: true; segment: Segment } | Refusal> {
  const segment = await findSegment(db, segmentId, opts.lock);
  if (!segment || !can(actor, 'segment.view', segment)) return notFound;
  if (action === 'use' && !can(actor, 'segment.use', segment)) return forbidden;
  return { ok: true, segment };
}

/** The segments of the units the actor reaches as staff or board (admins all), by unit then name. */
export async function listSegments(db: Db, actor: Actor): Promise<Segment[]> {
  const scope = unitScope(actor, 'staff', 'board');
  const where: SQL = scope === 'all' ? sql`true` : scope.size === 0 ? sql`false` : sql`s.unit_id = any(${uuidArray(scope)})`;
  const rows = await queryRows<Raw>(db, sql`select ${columns} from segments s join units u on u.id = s.unit_id where ${where} order by u.position, u.name, lower(s.name), s.id`);
  return rows.map(fromRow);
}
