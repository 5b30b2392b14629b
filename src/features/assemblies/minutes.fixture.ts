import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.js';
import { activeMember, assemblyWorld, calledAssembly, type AssemblyWorld, type Someone } from './assemblies.fixture.js';
import type { AssemblyView } from './queries.js';
import type { MinutesVisibility } from './tables.js';

/*
 * The minutes' tests start from an assembly of the north that was held: its roll taken, members
 * checked in, then closed (or further: approved, published). Its chair and minute taker are members
 * of the north on the roll, with Danish names (æ ø å) for the PDF to carry.
 */

export interface MinutesWorld extends AssemblyWorld {
  /** Søren Ærø Åberg, the chair. */
  chair: Someone;
  /** Åse Østergård, the minute taker. */
  taker: Someone;
}

export async function minutesWorld(database: Database): Promise<MinutesWorld> {
  const w = await assemblyWorld(database);
  const chair = await activeMember(database, w.typeId, w.org.north);
  const taker = await activeMember(database, w.typeId, w.org.north);
  await database.db.execute(sql`update persons set first_name = 'Søren', last_name = 'Ærø Åberg' where id = ${chair.id}`);
  await database.db.execute(sql`update persons set first_name = 'Åse', last_name = 'Østergård' where id = ${taker.id}`);
  return { ...w, chair, taker };
}

export type HeldStage = 'in_session' | 'closed' | 'approved' | 'published';

export interface HeldOptions {
  visibility?: MinutesVisibility;
  /** Leave the assembly without a chair or minute taker (staff then approve for that office). */
  noChair?: boolean;
  noTaker?: boolean;
  stage?: HeldStage;
}

/** An assembly of the north held yesterday, with four members checked in, as far as `stage` (default: closed). */
export async function heldAssembly(w: MinutesWorld, opts: HeldOptions = {}): Promise<AssemblyView> {
  const a = await calledAssembly(w, {
    chairPersonId: opts.noChair ? null : w.chair.id,
    minuteTakerPersonId: opts.noTaker ? null : w.taker.id,
    minutesVisibility: opts.visibility ?? 'members',
  });
  const stage = opts.stage ?? 'closed';
  const db = w.database.db;
  await db.execute(sql`update assemblies set starts_at = now() - interval '1 day', motion_deadline = now() - interval '8 days', opened_at = now() - interval '1 day', status = 'in_session' where id = ${a.id}`);
  for (const p of [w.members[0], w.members[1], w.chair, w.taker]) await db.execute(sql`insert into assembly_attendance (assembly_id, person_id) values (${a.id}, ${p.id})`);
  if (stage !== 'in_session') await db.execute(sql`update assemblies set status = 'closed', closed_at = now() - interval '20 hours' where id = ${a.id}`);
  if (stage === 'approved' || stage === 'published') await db.execute(sql`update assemblies set minutes_approved_by_chair_at = now() - interval '2 hours', minutes_approved_by_taker_at = now() - interval '1 hour' where id = ${a.id}`);
  if (stage === 'published') await db.execute(sql`update assemblies set status = 'minutes_published', minutes_published_at = now() - interval '30 minutes' where id = ${a.id}`);
  return { ...a, status: stage === 'published' ? 'minutes_published' : stage === 'in_session' ? 'in_session' : 'closed' };
}
