import { sql } from 'drizzle-orm';
import type { Feature } from '../../kernel/feature.js';
import { mailingsPersonalData } from './personal-data.js';
import { addSegmentUse } from '../segments/index.js';
import { seedDemoMailings } from './demo.js';
import { registerMailingJobs } from './jobs.js';
import { canComposeMailings } from './policy.js';
import { mailingApi } from './api.js';
import { myNewsletterPages } from './me-routes.js';
import { mailingPages } from './page-routes.js';
import { mailingLinkPages } from './public-routes.js';
import { topicPages } from './topic-routes.js';

export { mailingKinds, mailingStatuses, recipientStatuses, subscriptionSources, type LocalizedText, type MailingKind, type MailingStatus, type RecipientStatus, type SubscriptionSource } from './tables.js';
export type { RecipientFields, RenderedMessage, PreparedMailing, MailingProblem, MailingLinkContext, SubscribedCondition } from './contract.js';
export { can as canMailing, canUseMailings, canComposeMailings, canManageTopics, type MailingAction, type MailingSubject } from './policy.js';
export { createMailing, updateMailing, deleteMailing, type MailingResult, type MailingInvalid, type NotDraft } from './mailings.js';
export { getMailing, listMailings, loadMailing, MAILING_PAGE_SIZE } from './queries.js';
export { mailingProblems, versionProblems, settingsProblems } from './validate.js';
export { prepareMailing } from './render.js';
export { allowedMergeFields, unknownMergeFields, mergeFieldsIn, type MergeField } from './merge-fields.js';
export { subscribedCondition, loadMyNewsletters, setSubscriptions, type MyNewsletters, type MyTopic } from './subscriptions.js';
export { listTopics, getTopic, createTopic, updateTopic, type TopicResult } from './topics.js';
export { unsubscribeToken, findUnsubscribeTarget, unsubscribeByToken } from './unsubscribe.js';
export { invitationToken, findInvitation, acceptInvitation, type Invitation, type AcceptResult } from './invitations.js';
export { previewMailing, sendTestMailing } from './preview.js';
export { countMailingRecipients } from './audience.js';
export { sendMailing, type SendResult, type SendRefusal } from './send.js';
export { sendServiceMail, discardUnsentServiceMail, type ServiceMailInput, type ServiceMailResult } from './service-mail.js';
export { addAudienceSource, type AudienceSource } from './audience-sources.js';
export { personalLinkToken, verifyPersonalLink } from './link-tokens.js';
export { pauseMailing, resumeMailing, cancelMailing, type ControlResult } from './control.js';
export { mailingProgress, mailingFailures, type MailingProgress, type MailingFailure, type MailingFailurePage } from './progress.js';
export { mailingDelivery, type MailingDeliveryMonth } from './insight-figures.js';
export { registerMailingJobs, sendDueMailings } from './jobs.js';
export { mailingProblem } from './api.js';
export { mailingInput, mailingPatch, sendInput, mailingFilter, topicInput, topicPatch, type MailingInput, type MailingPatch, type MailingFilter, type MailingOutput, type MailingSummary, type MailingList, type TopicInput, type TopicPatch, type TopicOutput } from './schema.js';

// A mailing keeps the segment it was (or will be) sent to.
addSegmentUse({ name: 'mailings.segment', exists: (segmentId) => sql`exists (select 1 from mailings m where m.segment_id = ${segmentId})` });

/**
 * Mailings: the API, the staff pages (compose, preview, send, progress, topics), a member's
 * newsletter choices on /me/newsletters, and the personal links in the mails (one-click unsubscribe,
 * the invitation's register link).
 */
export const feature: Feature = {
  name: 'mailings',
  personalData: mailingsPersonalData,
  demo: seedDemoMailings,
  nav: [{ href: '/mailings', labelKey: 'mailings.nav', visible: (a) => canComposeMailings(a), order: 45 }],
  jobs: (jobs, { db, config }) => registerMailingJobs(jobs, db, config),
  async routes(app) {
    await app.register(mailingApi);
    await app.register(topicPages);
    await app.register(mailingPages);
    await app.register(myNewsletterPages);
    await app.register(mailingLinkPages);
  },
};
