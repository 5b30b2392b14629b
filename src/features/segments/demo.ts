import type { Db } from '../../platform/db/database.js';
import type { DemoContext } from '../../kernel/feature.js';
import { segments } from './tables.js';
import type { SegmentFilter } from './filter.js';

/** A few saved segments, so the mailing pages have recipients to choose from in the demo. */
export async function seedDemoSegments(tx: Db, ctx: DemoContext): Promise<void> {
  const createdBy = ctx.staff[0]?.id ?? null;
  const plain = (conditions: SegmentFilter['conditions'], exclude: SegmentFilter['exclude'] = []): SegmentFilter => ({ match: 'all', conditions, exclude });
  const rows = await tx.insert(segments).values([
    { unitId: ctx.unitByKey.nord, name: 'Alle ledere i Kreds Nord', filter: plain([{ field: 'role', values: ['leader'] }]), createdBy },
    { unitId: ctx.unitByKey.national, name: 'Tillidsrepræsentanter i hele forbundet', filter: plain([{ field: 'role', values: ['steward'] }]), createdBy },
    {
      unitId: ctx.unitByKey.national,
      name: 'Tillids- og arbejdsmiljørepræsentanter i kommunerne',
      filter: plain([
        { field: 'role', values: ['steward', 'safety_rep'] },
        { field: 'employerKind', values: ['municipality'] },
      ]),
      createdBy,
    },
  ]).returning({ id: segments.id, name: segments.name });
  // The mailings' demo sends to two of them.
  for (const row of rows) {
    if (row.name === 'Tillidsrepræsentanter i hele forbundet') ctx.made.set('segments.stewards', row.id);
    if (row.name === 'Alle ledere i Kreds Nord') ctx.made.set('segments.leaders_nord', row.id);
  }
}
