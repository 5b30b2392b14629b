import type { FastifyInstance } from 'fastify';
import { workplaceMeetingApi } from './api.js';
import { meetingCalendarRoutes } from './calendar-routes.js';
import { workplaceMeetingPages } from './page-routes.js';

export { workplaceMeetings, meetingTopics, meetingTopicChoices, meetingFeeds, meetingStatuses, type MeetingStatus, type ProposedTime } from './tables.js';
export { can as canWorkplaceMeeting, type MeetingAction, type MeetingSubject } from './policy.js';
export { listMeetingRequests, getMeeting, loadMeeting, meetingFor, visibleMeetingsSql, type MeetingRow, type Refusal } from './queries.js';
export { requestWorkplaceMeeting, followMeeting, type RequestResult, type FollowedMeeting, type MeetingInvalid, type FieldProblem } from './requests.js';
export { scheduleMeeting, type ScheduleResult, type Clash } from './schedule.js';
export { takeMeeting, declineMeeting, cancelMeeting, reportMeeting, type MeetingResult, type WrongStatus } from './workflow.js';
export { offeredTopics, listTopics, createTopic, updateTopic, deleteTopic, type Topic, type TopicResult } from './topics.js';
export { myAssignedMeetings, createAssignedMeetingsFeed, assignedMeetingsIcs, assignedFeedUrl, type AssignedMeeting } from './assigned.js';
export { meetingStats, type MeetingStats } from './stats.js';
export { meetingLinks, meetingMail, type MeetingMailContext } from './mails.js';
export { meetingProblem } from './api.js';
export {
  meetingRequestInput,
  scheduleInput,
  declineInput,
  cancelInput,
  reportInput,
  topicInput,
  topicPatch,
  meetingFilter,
  statsFilter,
  type MeetingRequestInput,
  type ScheduleInput,
  type DeclineInput,
  type CancelInput,
  type ReportInput,
  type TopicInput,
  type TopicPatch,
  type MeetingFilter,
  type StatsFilter,
  type Meeting,
  type MeetingList,
} from './schema.js';

/** Workplace meetings: the API, the calendar feed and the pages (request form, follow status, queue, meeting, mine). */
export async function workplaceMeetingRoutes(app: FastifyInstance): Promise<void> {
  await app.register(workplaceMeetingApi);
  await app.register(meetingCalendarRoutes);
  await app.register(workplaceMeetingPages);
}
