import type { Db } from '../../platform/db/database.js';
import type { Jobs } from '../../platform/jobs/jobs.js';
import { mixRound, waveRound } from './waves.js';

/** Every 30 s the waves' clock (open, remind, close); every 5 minutes the open waves' new responses are mixed. */
export function registerSurveyJobs(jobs: Jobs, db: Db, mail: { baseUrl: string }): void {
  jobs.addPoller({ name: 'surveys.wave-round', intervalMs: 30_000, run: () => waveRound(db, mail) });
  jobs.define({ name: 'surveys.mix', cron: '*/5 * * * *', retryLimit: 3, retryDelaySeconds: 60, handler: async () => void (await mixRound(db)) });
}
