import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/database.js';
import { jsonData, listPart, type PersonalDataPart } from '../../kernel/personal-data.js';

/*
 * The initiative pool's part of a person's data export (GDPR art. 15/20).
 *
 * As applicant or co-applicant: every application with what it asked for (the activity, the cost
 * lines, the answers to the pool's questions, the amount), its state and dates, the decision with
 * its reason and amount, the payout, the report, and the attachments' names (the files stay on the
 * application's page; the export is JSON). The applicant sees whom they named as co-applicants, a
 * co-applicant who the applicant is: both wrote the application together.
 *
 * The reviewers' comments and recommendations are included, without who wrote them. The pages never
 * show them to the applicant, so that the board can speak freely while it reviews; but art. 15 gives
 * the data subject their personal data, and an assessment of their application — "grant 7,000 kr.,
 * the catering is set high" — is information about them, as an examiner's comments on a candidate's
 * answers are (CJEU C-434/16 Nowak). The reviewer's identity is the reviewer's personal data, not the
 * applicant's, and naming them would chill the review, so a comment reads as the organisation's
 * (as `ExportActor` does for staff everywhere). Who decided is likewise "the organisation": the
 * decision itself, its amount and its reason are the applicant's.
 *
 * As staff or board: the pools they opened, the budget changes they made, the comments they wrote,
 * the decisions they took and the payouts they recorded — by the activity's title and pool, never
 * the applicant's name, which is the applicant's data.
 */

const asApplicant = (personId: string) => sql`(a.applicant_id = ${personId} or exists (select 1 from grant_co_applicants c where c.application_id = a.id and c.person_id = ${personId}))`;

const applications = (personId: string) => sql`select coalesce(json_agg(json_build_object(
    'pool', p.name, 'unit', u.name, 'currency', p.currency,
    'as', case when a.applicant_id = ${personId} then 'applicant' else 'co_applicant' end,
    'applicant', case when a.applicant_id = ${personId} then null else ap.first_name || ' ' || ap.last_name end,
    'coApplicants', case when a.applicant_id = ${personId}
      then (select coalesce(json_agg(cp.first_name || ' ' || cp.last_name order by cp.last_name, cp.first_name), '[]'::json) from grant_co_applicants c join persons cp on cp.id = c.person_id where c.application_id = a.id) end,
    'workplace', w.name, 'purpose', a.purpose, 'title', a.title, 'description', a.description, 'activityDate', a.activity_date, 'place', a.place,
    'expectedParticipants', a.expected_participants, 'totalCost', a.total_cost, 'requested', a.requested,
    'costLines', (select coalesce(json_agg(json_build_object('description', l.description, 'amount', l.amount) order by l.position), '[]'::json) from grant_cost_lines l where l.application_id = a.id and l.kind = 'budget'),
    'answers', (select coalesce(json_agg(json_build_object('question', q ->> 'text', 'answer', a.answers ->> (q ->> 'id'))), '[]'::json) from jsonb_array_elements(p.questions) q),
    'status', a.status, 'createdAt', a.created_at, 'submittedAt', a.submitted_at, 'withdrawnAt', a.withdrawn_at,
    'decision', case when a.decided_at is null then null else json_build_object('outcome', case when a.status = 'rejected' then 'rejected' else 'granted' end, 'granted', a.granted, 'reason', a.decision_reason, 'decidedAt', a.decided_at, 'decidedBy', 'organisation') end,
    'payout', case when a.paid_on is null then null else json_build_object('paidOn', a.paid_on, 'reference', a.payment_reference) end,
    'report', json_build_object('dueOn', a.report_due_on, 'remindedAt', a.report_reminded_at, 'reportedAt', a.reported_at, 'summary', a.report_summary, 'participants', a.report_participants, 'actualCost', a.actual_cost,
      'actualCostLines', (select coalesce(json_agg(json_build_object('description', l.description, 'amount', l.amount) order by l.position), '[]'::json) from grant_cost_lines l where l.application_id = a.id and l.kind = 'actual')),
    'closedAt', a.closed_at,
    'attachments', (select coalesce(json_agg(json_build_object('kind', f.kind, 'fileName', f.file_name, 'contentType', f.content_type, 'size', f.size, 'uploadedAt', f.created_at) order by f.created_at), '[]'::json) from grant_attachments f where f.application_id = a.id),
    'reviews', (select coalesce(json_agg(json_build_object('comment', r.body, 'recommendation', r.recommendation, 'recommendedAmount', r.recommended_amount, 'at', r.created_at, 'by', 'organisation') order by r.created_at), '[]'::json) from grant_reviews r where r.application_id = a.id)
  ) order by a.created_at), '[]'::json) as data
  from grant_applications a join grant_pools p on p.id = a.pool_id join units u on u.id = p.unit_id join persons ap on ap.id = a.applicant_id left join workplaces w on w.id = a.workplace_id
  where ${asApplicant(personId)}`;

export const grantsPersonalData: readonly PersonalDataPart[] = [
  {
    key: 'grantApplications',
    tables: ['grant_applications', 'grant_co_applicants', 'grant_cost_lines', 'grant_attachments'],
    async collect(tx, personId) {
      // The audit trail of the applications, their attachments and the comments on them belongs with the export.
      const ids = await queryRows<{ id: string }>(
        tx,
        sql`select a.id from grant_applications a where ${asApplicant(personId)}
            union all select f.id from grant_attachments f join grant_applications a on a.id = f.application_id where ${asApplicant(personId)}
            union all select r.id from grant_reviews r join grant_applications a on a.id = r.application_id where ${asApplicant(personId)}`,
      );
      return { data: await jsonData(tx, applications(personId)), recordIds: ids.map((r) => r.id) };
    },
  },
  listPart(
    'grantWorkForTheOrganisation',
    ['grant_pools', 'grant_pool_budget_changes', 'grant_reviews'],
    (personId) => sql`select json_build_object(
        'poolsOpened', (select coalesce(json_agg(json_build_object('pool', p.name, 'createdAt', p.created_at) order by p.created_at), '[]'::json) from grant_pools p where p.created_by = ${personId}),
        'budgetChanges', (select coalesce(json_agg(json_build_object('pool', p.name, 'oldBudget', c.old_budget, 'newBudget', c.new_budget, 'reason', c.reason, 'changedAt', c.changed_at) order by c.changed_at), '[]'::json)
          from grant_pool_budget_changes c join grant_pools p on p.id = c.pool_id where c.changed_by = ${personId}),
        'commentsWritten', (select coalesce(json_agg(json_build_object('application', a.title, 'pool', p.name, 'comment', r.body, 'recommendation', r.recommendation, 'recommendedAmount', r.recommended_amount, 'at', r.created_at) order by r.created_at), '[]'::json)
          from grant_reviews r join grant_applications a on a.id = r.application_id join grant_pools p on p.id = a.pool_id where r.author_id = ${personId}),
        'decisionsTaken', (select coalesce(json_agg(json_build_object('application', a.title, 'pool', p.name, 'status', a.status, 'granted', a.granted, 'decidedAt', a.decided_at) order by a.decided_at), '[]'::json)
          from grant_applications a join grant_pools p on p.id = a.pool_id where a.decided_by = ${personId}),
        'payoutsRecorded', (select coalesce(json_agg(json_build_object('application', a.title, 'pool', p.name, 'paidOn', a.paid_on, 'reference', a.payment_reference) order by a.paid_on), '[]'::json)
          from grant_applications a join grant_pools p on p.id = a.pool_id where a.paid_by = ${personId}),
        'attachmentsUploadedForOthers', (select coalesce(json_agg(json_build_object('application', a.title, 'fileName', f.file_name, 'uploadedAt', f.created_at) order by f.created_at), '[]'::json)
          from grant_attachments f join grant_applications a on a.id = f.application_id where f.uploaded_by = ${personId} and not ${asApplicant(personId)})
      ) as data`,
  ),
];
