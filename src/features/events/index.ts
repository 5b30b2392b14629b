import type { Feature } from '../../kernel/feature.js';
import { eventsPersonalData } from './personal-data.js';
import { seedDemoEvents } from './demo.js';
import { registerEventReminders } from './reminders.js';
import { eventApi } from './api.js';
import { calendarRoutes } from './calendar-routes.js';
import { publicEventPages } from './public-routes.js';
import { eventStaffPages } from './staff-routes.js';

export { eventKindLabel } from './labels.js';
export { eventKinds, audiences, audienceRoles, eventStatuses, registrationStatuses, materialVisibilities, type EventKind, type Audience, type AudienceRole, type EventStatus, type RegistrationStatus, type MaterialVisibility } from './tables.js';
export { can as canEvent, audienceAdmits, viewerFromGrants, type EventAction, type EventSubject, type EventViewer } from './policy.js';
export { loadViewer, heldRoles } from './viewer.js';
export { findEvent, eventFor, type EventRow } from './access.js';
export { createEvent, updateEvent, publishEvent, unpublishEvent, cancelEvent, slugify, localDate, type EventResult, type EventInvalid } from './events.js';
export { registerForEvent, confirmPublicRegistration, cancelRegistration, cancelRegistrationByToken, findRegistrationByToken, windowState, type RegistrationResult, type RegistrationFailure, type RegistrationFailureReason, type Registered, type ConfirmResult, type CancelResult } from './registrations.js';
export { promoteFromWaitlist, promoteWaiting } from './promotion.js';
export { upcomingPublishedEvents, invitationEvent, type InvitationEvent } from './invitable.js';
export { checkIn, type CheckInResult } from './check-in.js';
export { messageParticipants } from './messages.js';
export { uploadMaterial, deleteMaterial, getMaterial, MATERIAL_MAX_BYTES, materialTypes, type UploadResult, type MaterialFile } from './materials.js';
export { getEvent, listEvents, listRegistrations, myEvents, loadEventDetail, visibleEventsSql, eventSummaries, ownRegistration, type EventView, type MyEvent, type OwnRegistration } from './queries.js';
export { eventMailContext, eventLinks, eventMail, type EventMailContext, type MailEvent, type Recipient } from './mails.js';
export { eventInput, eventPatch, eventFilter, registrationInput, cancelEventInput, messageInput, programmeItemInput, eventRuleErrors, isTimeZone, type EventInput, type EventPatch, type EventFilter, type RegistrationInput, type CancelEventInput, type MessageInput, type ProgrammeItemInput, type EventSummary, type EventDetail, type EventPage, type RegistrationRow } from './schema.js';

export { registerEventReminders, sendDueReminders } from './reminders.js';
export { eventIcs, eventPageUrl, type CalendarEvent } from './calendar.js';
export { registeredPersonIdsSql, attendedPersonIdsSql, eventTitleSql, eventTitlesSql, visibleEventIdsSql, eventChoices, type EventChoice } from './audience-sql.js';
export { eventSlugSql } from './workplace-sql.js';
export { eventDemand, eventDemandByMonth, type EventDemand, type EventDemandMonth } from './insight-figures.js';

/** Events: the API, the public and member pages, the staff pages and the calendar feeds. */
export const feature: Feature = {
  name: 'events',
  personalData: eventsPersonalData,
  demo: seedDemoEvents,
  nav: [{ href: '/events', labelKey: 'event_page.nav', visible: () => true, order: 20 }],
  jobs: (jobs, { db, config }) => registerEventReminders(jobs, db, { baseUrl: config.publicUrl }),
  async routes(app) {
    await app.register(eventApi);
    await app.register(publicEventPages);
    await app.register(eventStaffPages);
    await app.register(calendarRoutes);
  },
};
