import type { Db } from '../platform/db/database.js';
import { segments } from '../features/segments/tables.js';
import type { SegmentFilter } from '../features/segments/filter.js';

type Key = 'national' | 'nord';

/** A few saved segments, so the mailing pages have recipients to choose from in the demo. */
export async function seedDemoSegments(tx: Db, ctx: { unitByKey: Record<Key, string>; createdBy: string | null }): Promise<void> {
  const plain = (conditions: SegmentFilter['conditions'], exclude: SegmentFilter['exclude'] = []): SegmentFilter => ({ match: 'all', conditions, exclude });
  await tx.insert(segments).values([
    { unitId: ctx.unitByKey.nord, name: 'Alle ledere i Kreds Nord', filter: plain([{ field: 'role', values: ['leader'] }]), createdBy: ctx.createdBy },
    { unitId: ctx.unitByKey.national, name: 'Tillidsrepræsentanter i hele forbundet', filter: plain([{ field: 'role', values: ['steward'] }]), createdBy: ctx.createdBy },
    {
      unitId: ctx.unitByKey.national,
      name: 'Tillids- og arbejdsmiljørepræsentanter i kommunerne',
      filter: plain([
        { field: 'role', values: ['steward', 'safety_rep'] },
        { field: 'employerKind', values: ['municipality'] },
      ]),
      createdBy: ctx.createdBy,
    },
  ]);
}
