import { sql } from 'drizzle-orm';
import { hasRole, reachesUnit, type Actor } from '../../platform/actor.js';
import type { AccessRole } from '../../platform/actor.js';
import { audit, type AuditEntry } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { memberDistrictNameSql, memberNumberSql } from '../members/index.js';
import { isUuid, type SegmentFilter } from './filter.js';
import { forbidden, type Refusal } from '../../platform/outcomes.js';
import { invalid, loadSegmentFor, type SegmentInvalid } from './access.js';
import { segmentPersonIdsSql } from './segment-sql.js';
import { filterProblems } from './validate.js';

/** One recipient as the preview shows them. */
export interface SegmentPreviewRow {
  personId: string;
  firstName: string;
  lastName: string;
  memberNumber: string | null;
  email: string | null;
  unitName: string;
}

export type CountResult = { ok: true; count: number } | Refusal | SegmentInvalid;
export type PreviewResult = { ok: true; items: SegmentPreviewRow[] } | Refusal | SegmentInvalid;

export const PREVIEW_SIZE = 20;

type Audience = { unitId: string; filter: SegmentFilter };

async function count(db: Db, segment: Audience): Promise<number> {
  const [row] = await queryRows<{ count: number | string }>(db, sql`select count(*)::int as count from (${segmentPersonIdsSql(segment)}) s`);
  return Number(row?.count ?? 0);
}

/**
 * The first recipients in name order, in the reader's alphabet: the generated sort keys put æ ø å
 * (Danish) or å ä ö (Swedish) last and compare byte by byte, the same on PostgreSQL and PGlite.
 * Everyone a segment selects has a membership; its number and district are looked up after the sort,
 * for the rows shown only.
 */
async function preview(db: Db, segment: Audience, limit: number, locale: Locale): Promise<SegmentPreviewRow[]> {
  const key = locale === 'sv' ? sql`p.sort_key_sv collate "C"` : sql`p.sort_key_da collate "C"`;
  return queryRows<SegmentPreviewRow>(
    db,
    sql`select p.id as "personId", p.first_name as "firstName", p.last_name as "lastName", ${memberNumberSql(sql`p.id`)} as "memberNumber",
          p.email, ${memberDistrictNameSql(sql`p.id`)} as "unitName"
        from (${segmentPersonIdsSql(segment)}) s
        join persons p on p.id = s.person_id
        order by ${key}, p.id
        limit ${Math.max(1, Math.min(limit, 100))}`,
  );
}

/** Reading who is in a segment is a read of member data: the audit names the columns shown, never a value. */
const previewAudit = (segmentId: string | null): AuditEntry => ({
  action: 'view',
  entityType: 'segment_recipients',
  entityId: segmentId,
  fields: ['firstName', 'lastName', 'memberNumber', 'email', 'unit'],
});

/** How many a saved segment reaches today: staff and board of its unit. */
export async function countSegment(db: Db, actor: Actor, segmentId: string): Promise<{ ok: true; count: number } | Refusal> {
  const found = await loadSegmentFor(db, actor, segmentId, 'view');
  if (!found.ok) return found;
  return { ok: true, count: await count(db, found.segment) };
}

/** The first recipients of a saved segment: staff of its unit only (the board sees the count, not the people). */
export async function previewSegment(db: Db, actor: Actor, segmentId: string, limit = PREVIEW_SIZE, locale: Locale = 'da'): Promise<{ ok: true; items: SegmentPreviewRow[] } | Refusal> {
  const found = await loadSegmentFor(db, actor, segmentId, 'use');
  if (!found.ok) return found;
  const items = await preview(db, found.segment, limit, locale);
  await audit(db, actor, previewAudit(segmentId));
  return { ok: true, items };
}

/** An unsaved filter is checked like a saved one: a unit the actor reaches, ids that exist and are theirs to see. */
async function checkUnsaved(db: Db, actor: Actor, unitId: string, filter: SegmentFilter, roles: AccessRole[]): Promise<Refusal | SegmentInvalid | null> {
  if (!hasRole(actor, ...roles)) return forbidden;
  const [unit] = isUuid(unitId) ? await queryRows<{ id: string }>(db, sql`select id from units where id = ${unitId}`) : [];
  if (!unit) return invalid({ path: 'unitId', code: 'segment.unit_not_found' });
  if (!reachesUnit(actor, unitId, ...roles)) return invalid({ path: 'unitId', code: 'segment.unit_forbidden' });
  const problems = await filterProblems(db, actor, filter);
  return problems.length > 0 ? invalid(...problems) : null;
}

/** How many an unsaved filter would reach in this unit: the builder's live count. */
export async function countFilter(db: Db, actor: Actor, unitId: string, filter: SegmentFilter): Promise<CountResult> {
  const refused = await checkUnsaved(db, actor, unitId, filter, ['staff', 'board']);
  if (refused) return refused;
  return { ok: true, count: await count(db, { unitId, filter }) };
}

/** The first recipients of an unsaved filter (the builder without JavaScript shows them with the count). */
export async function previewFilter(db: Db, actor: Actor, unitId: string, filter: SegmentFilter, limit = PREVIEW_SIZE, locale: Locale = 'da'): Promise<PreviewResult> {
  const refused = await checkUnsaved(db, actor, unitId, filter, ['staff']);
  if (refused) return refused;
  const items = await preview(db, { unitId, filter }, limit, locale);
  await audit(db, actor, previewAudit(null));
  return { ok: true, items };
}
