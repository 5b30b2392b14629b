import type { Database } from '../platform/db/database.js';

/**
 * The demo's fullest pages, for tests that look at wide lists: the published event ahead with the
 * most confirmed participants, and the workplace with the most colleagues.
 */
export async function busiestDemoPages(database: Database): Promise<{ slug: string; workplaceId: string }> {
  const { rows: events } = await database.executeSql(`
    select e.slug from events e where e.status = 'published' and e.starts_at > now()
    order by (select count(*) from event_registrations r where r.event_id = e.id and r.status = 'confirmed') desc, e.starts_at limit 1`);
  const { rows: workplaces } = await database.executeSql(`
    select w.id from workplaces w order by (select count(*) from employments e where e.workplace_id = w.id and e.ends_on is null) desc, w.name limit 1`);
  return { slug: (events[0] as { slug: string }).slug, workplaceId: (workplaces[0] as { id: string }).id };
}
