import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit/audit.js';
import { queryRows, type Db } from '../../platform/db/database.js';
import type { Locale, Translate } from '../../platform/i18n/i18n.js';
import { forbidden, type Refusal } from '../../platform/outcomes.js';
import { listUnitsCached } from '../../kernel/units.js';
import { employerKindLabel } from '../../kernel/labels.js';
import type { EmployerKind } from '../../kernel/tables.js';
import { listMembershipTypesCached, memberNumberSql } from '../members/index.js';
import { waveQuestions } from './answering.js';
import { can } from './policy.js';
import { inLocale, type Question } from './questions.js';
import { minGroupOf } from './surveys.js';
import { waveFor } from './waves.js';
import { neutraliseCell } from '../../platform/csv/cells.js';

interface ExportResponse {
  memberNumber: string | null;
  name: string | null;
  answers: Record<string, unknown>;
  unit: string | null;
  type: string | null;
  kind: string | null;
}

/** A column of the file: its header and how a response fills it. */
interface Column {
  header: string;
  cell(r: ExportResponse): string;
}

function answerColumns(q: Question, locale: Locale): Column[] {
  const text = inLocale(q.text, locale);
  const label = (v: string) => inLocale(q.options.find((o) => o.value === v)?.label, locale) || v;
  if (q.type === 'matrix') {
    return q.statements.map((s) => ({
      header: `${text} — ${inLocale(s.label, locale)}`,
      cell: (r) => {
        const row = r.answers[q.key] as Record<string, unknown> | undefined;
        return row?.[s.key] === undefined ? '' : String(row[s.key]);
      },
    }));
  }
  return [
    {
      header: text,
      cell: (r) => {
        const v = r.answers[q.key];
        if (v === undefined || v === null) return '';
        if (q.type === 'single') return label(String(v));
        if (q.type === 'multiple') return (v as string[]).map(label).join('; ');
        return String(v);
      },
    },
  ];
}

/**
 * The answers of a wave as CSV for staff of the survey's unit: one row per response in no particular
 * order, a column per question (per statement of a matrix), choices by their label in the reader's
 * language. An anonymous survey's file has no person columns; a background category is filled in
 * only where at least the smallest group of responses share it, so no small group is recognised.
 * Headers in the reader's language, `;`-separated with a BOM, cells neutralised against formulas.
 */
export async function exportWaveCsv(db: Db, actor: Actor, waveId: string, t: Translate, locale: Locale): Promise<{ ok: true; csv: string; filename: string } | Refusal> {
  const found = await waveFor(db, actor, waveId);
  if (!found.ok) return found;
  const { survey, wave } = found;
  if (!can(actor, 'survey.export', survey)) return forbidden;
  const questions = await waveQuestions(db, wave);
  const named = !survey.anonymous;
  const rows = await queryRows<ExportResponse>(
    db,
    sql`select ${named ? memberNumberSql(sql`r.person_id`) : sql`null`} as "memberNumber",
          ${named ? sql`(select p.first_name || ' ' || p.last_name from persons p where p.id = r.person_id)` : sql`null`} as name,
          r.answers,
          case when count(*) over (partition by r.bg_unit) >= ${minGroupOf(survey)} then r.bg_unit end as unit,
          case when count(*) over (partition by r.bg_membership_type) >= ${minGroupOf(survey)} then r.bg_membership_type end as type,
          case when count(*) over (partition by r.bg_workplace_kind) >= ${minGroupOf(survey)} then r.bg_workplace_kind end as kind
        from survey_responses r where r.wave_id = ${waveId}::uuid order by r.id`,
  );
  const [unitList, typeList] = await Promise.all([listUnitsCached(db), listMembershipTypesCached(db)]);
  const unitName = new Map(unitList.map((u) => [u.id, u.name]));
  const typeName = new Map(typeList.map((m) => [m.id, m.name]));
  const columns: Column[] = [];
  if (named) columns.push({ header: t('surveys.csv.member_number'), cell: (r) => r.memberNumber ?? '' }, { header: t('surveys.csv.name'), cell: (r) => r.name ?? '' });
  if (survey.background.includes('unit')) columns.push({ header: t('surveys.background.unit'), cell: (r) => (r.unit ? (unitName.get(r.unit) ?? '') : '') });
  if (survey.background.includes('membership_type')) columns.push({ header: t('surveys.background.membership_type'), cell: (r) => (r.type ? (typeName.get(r.type) ?? '') : '') });
  if (survey.background.includes('workplace_kind')) columns.push({ header: t('surveys.background.workplace_kind'), cell: (r) => (r.kind && r.kind in employerKindLabel ? t(employerKindLabel[r.kind as EmployerKind]) : '') });
  for (const q of questions) columns.push(...answerColumns(q, locale));
  const csv = stringify([columns.map((c) => neutraliseCell(c.header)), ...rows.map((r) => columns.map((c) => neutraliseCell(c.cell(r))))], { delimiter: ';', bom: true });
  await audit(db, actor, { action: 'export', entityType: 'survey_wave', entityId: waveId, fields: named ? ['memberNumber', 'name', 'answers'] : ['answers'] });
  const slug = inLocale(survey.title, 'da').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'survey';
  return { ok: true, csv, filename: `${slug}-${wave.name.replace(/[^A-Za-z0-9]+/g, '-')}.csv` };
}
