CREATE TABLE "grant_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"workplace_id" uuid,
	"purpose" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"activity_date" date NOT NULL,
	"place" text,
	"expected_participants" integer,
	"total_cost" bigint DEFAULT 0 NOT NULL,
	"requested" bigint NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"review_started_at" timestamp with time zone,
	"granted" bigint,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reason" text,
	"withdrawn_at" timestamp with time zone,
	"paid_on" date,
	"payment_reference" text,
	"paid_by" uuid,
	"report_due_on" date,
	"report_reminded_at" timestamp with time zone,
	"reported_at" timestamp with time zone,
	"report_summary" text,
	"report_participants" integer,
	"actual_cost" bigint,
	"closed_at" timestamp with time zone,
	"event_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_applications_money" CHECK ("grant_applications"."requested" > 0 and "grant_applications"."total_cost" >= 0 and ("grant_applications"."granted" is null or "grant_applications"."granted" > 0) and ("grant_applications"."actual_cost" is null or "grant_applications"."actual_cost" >= 0)),
	CONSTRAINT "grant_applications_participants" CHECK (("grant_applications"."expected_participants" is null or "grant_applications"."expected_participants" >= 0) and ("grant_applications"."report_participants" is null or "grant_applications"."report_participants" >= 0)),
	CONSTRAINT "grant_applications_status" CHECK ("grant_applications"."status" in ('draft','submitted','in_review','granted','rejected','withdrawn','paid_out','report_due','reported','closed')),
	CONSTRAINT "grant_applications_decided" CHECK ("grant_applications"."status" not in ('granted','paid_out','report_due','reported','closed') or ("grant_applications"."granted" is not null and "grant_applications"."decision_reason" is not null)),
	CONSTRAINT "grant_applications_rejected" CHECK ("grant_applications"."status" <> 'rejected' or "grant_applications"."decision_reason" is not null),
	CONSTRAINT "grant_applications_paid" CHECK ("grant_applications"."status" not in ('paid_out','report_due','reported','closed') or "grant_applications"."paid_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "grant_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text DEFAULT 'application' NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_attachments_kind" CHECK ("grant_attachments"."kind" in ('application','report'))
);
--> statement-breakpoint
CREATE TABLE "grant_co_applicants" (
	"application_id" uuid NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_cost_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text DEFAULT 'budget' NOT NULL,
	"position" integer NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	CONSTRAINT "grant_cost_lines_amount" CHECK ("grant_cost_lines"."amount" >= 0),
	CONSTRAINT "grant_cost_lines_kind" CHECK ("grant_cost_lines"."kind" in ('budget','actual'))
);
--> statement-breakpoint
CREATE TABLE "grant_pool_budget_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pool_id" uuid NOT NULL,
	"old_budget" bigint,
	"new_budget" bigint NOT NULL,
	"reason" text,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"currency" text DEFAULT 'DKK' NOT NULL,
	"budget" bigint NOT NULL,
	"max_per_application" bigint NOT NULL,
	"purposes" text[] DEFAULT '{talk,workshop,network_meeting,workplace_visit}'::text[] NOT NULL,
	"applicant_kinds" text[] DEFAULT '{members,stewards}'::text[] NOT NULL,
	"opens_on" date,
	"closes_on" date,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"report_days" integer DEFAULT 30 NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_pools_money" CHECK ("grant_pools"."budget" >= 0 and "grant_pools"."max_per_application" > 0),
	CONSTRAINT "grant_pools_period" CHECK ("grant_pools"."period_end" >= "grant_pools"."period_start"),
	CONSTRAINT "grant_pools_window" CHECK ("grant_pools"."opens_on" is null or "grant_pools"."closes_on" is null or "grant_pools"."closes_on" >= "grant_pools"."opens_on"),
	CONSTRAINT "grant_pools_currency" CHECK ("grant_pools"."currency" in ('DKK','SEK')),
	CONSTRAINT "grant_pools_report_days" CHECK ("grant_pools"."report_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "grant_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"recommendation" text,
	"recommended_amount" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grant_reviews_recommendation" CHECK ("grant_reviews"."recommendation" is null or "grant_reviews"."recommendation" in ('grant','grant_less','reject')),
	CONSTRAINT "grant_reviews_amount" CHECK ("grant_reviews"."recommended_amount" is null or "grant_reviews"."recommended_amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_pool_id_grant_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."grant_pools"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_applicant_id_persons_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_decided_by_persons_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_applications" ADD CONSTRAINT "grant_applications_paid_by_persons_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_attachments" ADD CONSTRAINT "grant_attachments_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_attachments" ADD CONSTRAINT "grant_attachments_uploaded_by_persons_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_co_applicants" ADD CONSTRAINT "grant_co_applicants_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_co_applicants" ADD CONSTRAINT "grant_co_applicants_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_cost_lines" ADD CONSTRAINT "grant_cost_lines_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_pool_budget_changes" ADD CONSTRAINT "grant_pool_budget_changes_pool_id_grant_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."grant_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_pool_budget_changes" ADD CONSTRAINT "grant_pool_budget_changes_changed_by_persons_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_pools" ADD CONSTRAINT "grant_pools_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_pools" ADD CONSTRAINT "grant_pools_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reviews" ADD CONSTRAINT "grant_reviews_application_id_grant_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."grant_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_reviews" ADD CONSTRAINT "grant_reviews_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_applications_pool_idx" ON "grant_applications" USING btree ("pool_id","status");--> statement-breakpoint
CREATE INDEX "grant_applications_applicant_idx" ON "grant_applications" USING btree ("applicant_id");--> statement-breakpoint
CREATE INDEX "grant_attachments_application_idx" ON "grant_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_co_applicants_pk" ON "grant_co_applicants" USING btree ("application_id","person_id");--> statement-breakpoint
CREATE INDEX "grant_co_applicants_person_idx" ON "grant_co_applicants" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "grant_cost_lines_position" ON "grant_cost_lines" USING btree ("application_id","kind","position");--> statement-breakpoint
CREATE INDEX "grant_pool_budget_changes_pool_idx" ON "grant_pool_budget_changes" USING btree ("pool_id","changed_at");--> statement-breakpoint
CREATE INDEX "grant_pools_unit_idx" ON "grant_pools" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "grant_reviews_application_idx" ON "grant_reviews" USING btree ("application_id","created_at");