import type { Feature } from '../../kernel/feature.js';
import { workplaceMeetingsPersonalData } from './personal-data.js';
import { seedDemoWorkplaceMeetings } from './demo.js';
import { can } from './policy.js';
import { workplaceMeetingApi } from './api.js';
import { meetingCalendarRoutes } from './calendar-routes.js';
import { workplaceMeetingPages } from './page-routes.js';

export { meetingStatuses, type MeetingStatus, type ProposedTime } from './tables.js';
export { can as canWorkplaceMeeting, type MeetingAction, type MeetingSubject } from './policy.js';
export { listMeetingRequests, getMeeting, loadMeeting, meetingFor, visibleMeetingsSql, type MeetingRow } from './queries.js';
export { requestWorkplaceMeeting, followMeeting, type RequestResult, type FollowedMeeting, type MeetingInvalid } from './requests.js';
export { scheduleMeeting, type ScheduleResult, type Clash } from './schedule.js';
export { takeMeeting, declineMeeting, cancelMeeting, reportMeeting, type MeetingResult, type WrongStatus } from './workflow.js';
export { offeredTopics, listTopics, createTopic, updateTopic, deleteTopic, type Topic, type TopicResult } from './topics.js';
export { myAssignedMeetings, createAssignedMeetingsFeed, assignedMeetingsIcs, assignedFeedUrl, type AssignedMeeting } from './assigned.js';
export { meetingStats, type MeetingStats } from './stats.js';
export { meetingsHeld, type MeetingsHeldMonth } from './insight-figures.js';
export { meetingLinks, meetingMail, type MeetingMailContext } from './mails.js';
export { meetingProblem } from './api.js';
export { meetingRequestInput, scheduleInput, declineInput, cancelInput, reportInput, topicInput, topicPatch, meetingFilter, statsFilter, type MeetingRequestInput, type ScheduleInput, type DeclineInput, type CancelInput, type ReportInput, type TopicInput, type TopicPatch, type MeetingFilter, type StatsFilter, type Meeting, type MeetingList } from './schema.js';

/** Workplace meetings: the API, the calendar feed and the pages (request form, follow status, queue, meeting, mine). */
export const feature: Feature = {
  name: 'workplace-meetings',
  personalData: workplaceMeetingsPersonalData,
  demo: seedDemoWorkplaceMeetings,
  nav: [{ href: '/workplace-meetings', labelKey: 'wm_page.nav', visible: (a) => can(a, 'workplace_meeting.list') && can(a, 'workplace_meeting.stats'), order: 35 }],
  async routes(app) {
    await app.register(workplaceMeetingApi);
    await app.register(meetingCalendarRoutes);
    await app.register(workplaceMeetingPages);
  },
};
