import { createApplication, submitApplication } from './applications.js';
import { decideApplication } from './decisions.js';
import { fileReport, recordPayout } from './payouts.js';
import { today } from './access.js';
import type { PoolView } from './pools.js';
import { applicationInput } from './schema.js';
import { applicationBody, testMailContext, type Someone } from './grants.fixture.js';
import type { GrantPagesWorld } from './application-pages.fixture.js';

/*
 * What the pool pages' tests need beyond the API's world (grants.fixture.ts): an application in any
 * pool in any state, with its own title, amounts and day, so a pool's page has known figures, a
 * queue in every state and an overdue report. All through the use cases; the north's board decides,
 * its staff pay out.
 */

export type PoolAppState = 'submitted' | 'granted' | 'paid_out' | 'reported' | 'rejected';

export interface PoolAppOpts {
  by?: Someone;
  title?: string;
  requested?: number;
  /** A lower grant than requested; the full amount when left out. */
  granted?: number;
  activityDate?: string;
}

let n = 0;

/** An application in `pool` brought to `state`; returns its id. */
export async function applicationIn(w: GrantPagesWorld, pool: PoolView, state: PoolAppState, o: PoolAppOpts = {}): Promise<string> {
  const db = w.database.db;
  const by = o.by ?? w.applicant;
  const requested = o.requested ?? 1_000_00;
  const input = applicationInput.parse(
    applicationBody(pool, {
      title: o.title ?? `Aktivitet ${++n}`,
      requested,
      costLines: [{ description: 'Lokale og forplejning', amount: requested }],
      ...(o.activityDate ? { activityDate: o.activityDate } : {}),
    }),
  );
  const made = await createApplication(db, by.actor, pool.id, input);
  if (!made.ok) throw new Error(`createApplication: ${JSON.stringify(made)}`);
  const id = made.id;
  const step = (r: { ok: boolean }, what: string) => {
    if (!r.ok) throw new Error(`${what}: ${JSON.stringify(r)}`);
  };
  step(await submitApplication(db, by.actor, id), 'submitApplication');
  if (state === 'submitted') return id;
  if (state === 'rejected') {
    step(await decideApplication(db, w.board.actor, id, { outcome: 'rejected', amount: null, reason: 'Ligger uden for puljens formål.' }, testMailContext), 'decideApplication');
    return id;
  }
  step(await decideApplication(db, w.board.actor, id, { outcome: 'granted', amount: o.granted ?? null, reason: 'Et godt initiativ.' }, testMailContext), 'decideApplication');
  if (state === 'granted') return id;
  step(await recordPayout(db, w.staff.actor, id, { paidOn: today(), reference: `BILAG-${++n}` }, testMailContext), 'recordPayout');
  if (state === 'paid_out') return id;
  step(await fileReport(db, by.actor, id, { summary: 'Det gik godt.', participants: 20, actualCosts: [{ description: 'Lokale og forplejning', amount: requested }] }), 'fileReport');
  return id;
}
