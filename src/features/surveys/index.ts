import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { addAudienceSource } from '../mailings/index.js';
import { addSegmentUse } from '../segments/index.js';
import { surveyApi } from './api.js';
import { registerSurveyJobs } from './jobs.js';
import { answerLinkUrl, LINK_PURPOSE, unansweredSql, WAVE_AUDIENCE } from './waves.js';

export { questionTypes, backgroundVariables, waveStatuses, type QuestionType, type BackgroundVariable, type WaveStatus, type SurveyText } from './tables.js';
export { can as canSurvey, type SurveyAction, type SurveySubject } from './policy.js';
export { createSurvey, updateSurvey, getSurvey, listSurveys, type SurveyView, type SurveySummary } from './surveys.js';
export { createWave, updateWave, openWave, closeWave, waveRound, mixRound } from './waves.js';
export { submitResponse, saveDraft, answerForm, myOpenWaves } from './answering.js';
export { waveResults, questionTrend, workplaceRate, type WaveResults, type Trend } from './results.js';

// A wave's invitation and reminders go to its invitees who have not answered, each with a personal answer link.
addAudienceSource({ name: WAVE_AUDIENCE, personIds: unansweredSql, link: { purpose: LINK_PURPOSE, url: answerLinkUrl } });
// A wave keeps the segment it asked.
addSegmentUse({ name: 'surveys.wave', exists: (segmentId) => sql`exists (select 1 from survey_waves w where w.segment_id = ${segmentId})` });

/**
 * Surveys: questions that keep their identity across waves, waves for an audience with invitations
 * and reminders through the mail queue, answering once (anonymously when the survey says so),
 * results with charts and suppression of small groups, and the trend of a question between waves.
 */
export const feature: Feature = {
  name: 'surveys',
  jobs: (jobs, { db, config }) => registerSurveyJobs(jobs, db, { baseUrl: config.publicUrl }),
  async routes(app) {
    await app.register(surveyApi);
  },
};
