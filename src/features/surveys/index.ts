import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { addAudienceSource } from '../mailings/index.js';
import { addSegmentUse } from '../segments/index.js';
import { surveyApi } from './api.js';
import { can } from './policy.js';
import { surveyResultsPages } from './results-routes.js';
import { surveyAnswerPages } from './answer-routes.js';
import { surveysMySection } from './my-section.js';
import { registerSurveyJobs } from './jobs.js';
import { surveyStaffPages } from './staff-routes.js';
import { seedDemoSurveys } from './demo.js';
import { surveysPersonalData } from './personal-data.js';
import { setInstallationMinGroup } from './surveys.js';
import { answerLinkUrl, LINK_PURPOSE, unansweredSql, WAVE_AUDIENCE } from './waves.js';

export { questionTypes, backgroundVariables, waveStatuses, type QuestionType, type BackgroundVariable, type WaveStatus, type SurveyText } from './tables.js';
export { can as canSurvey, type SurveyAction, type SurveySubject } from './policy.js';
export { createSurvey, updateSurvey, getSurvey, listSurveys, type SurveyView, type SurveySummary } from './surveys.js';
export { createWave, updateWave, openWave, closeWave, waveRound, mixRound } from './waves.js';
export { submitResponse, saveDraft, answerForm, myOpenWaves } from './answering.js';
export { waveResults, questionTrend, workplaceRate, type WaveResults, type Trend } from './results.js';
export { waveResponseRates, type WaveResponseRate } from './insight-figures.js';

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
  nav: [{ href: '/surveys', labelKey: 'surveys.nav', visible: (a) => can(a, 'survey.list'), order: 36 }],
  demo: seedDemoSurveys,
  personalData: surveysPersonalData,
  mySections: [surveysMySection],
  jobs: (jobs, { db, config }) => {
    setInstallationMinGroup(config.SURVEY_MIN_GROUP);
    registerSurveyJobs(jobs, db, { baseUrl: config.publicUrl });
  },
  async routes(app) {
    setInstallationMinGroup(app.config.SURVEY_MIN_GROUP);
    await app.register(surveyApi);
    await app.register(surveyStaffPages);
    await app.register(surveyResultsPages);
    await app.register(surveyAnswerPages);
  },
};
