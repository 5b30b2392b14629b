import type { Db } from '../../platform/db/database.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { digestRound } from './notifications.js';

/** The digest job's schedule (UTC): 05:30 is 06:30 or 07:30 in Copenhagen, yesterday's digest before the working day. */
export const DIGEST_CRON = '30 5 * * *';

/**
 * The networks' daily digest of yesterday's posts. A run is safe to repeat (each network's digest of
 * a day is taken once), so a failed run is simply retried.
 */
export function registerNetworkJobs(jobs: Jobs, db: Db, mail: { baseUrl: string }): void {
  jobs.define({ name: 'networks.digest', cron: DIGEST_CRON, retryLimit: 3, retryDelaySeconds: 600, handler: async () => void (await digestRound(db, mail)) });
}
