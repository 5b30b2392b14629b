import { loginAs, type TestApp } from '../../test/app.js';
import { everyone, type Expected, type PageRow, type SessionCookies } from '../../test/page-matrix.js';
import type { PublishingWorld } from './magazine.fixture.js';

/**
 * The callers of the publishing world (the magazine's and the press room's) and the answers they
 * share, for the permission matrix of `src/test/page-matrix.ts`.
 */

export const CALLERS = ['anonymous', 'member', 'nonMember', 'steward', 'board', 'staff', 'admin'] as const;
export type Caller = (typeof CALLERS)[number];
export type Expectations = Record<Caller, Expected>;
export type Row = PageRow<Caller>;

export const all = (e: Expected): Expectations => everyone(CALLERS, e);
/** Staff and admins only: a visitor is asked to log in, everyone else refused. */
export const staffOnly = (ok: number): Expectations => ({ anonymous: 'login', member: 403, nonMember: 403, steward: 403, board: 403, staff: ok, admin: ok });
/** What a members-only issue keeps for members (and the union's own people). */
export const membersOnly = (ok: number): Expectations => ({ anonymous: 'login', member: ok, nonMember: 403, steward: ok, board: ok, staff: ok, admin: ok });

export async function callerCookies(t: TestApp, w: PublishingWorld): Promise<SessionCookies<Caller>> {
  const out = {} as SessionCookies<Caller>;
  for (const who of CALLERS) if (who !== 'anonymous') out[who] = (await loginAs(t.database, w[who].id)).cookie;
  return out;
}
