CREATE TABLE "survey_drafts" (
	"wave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_drafts_wave_id_person_id_pk" PRIMARY KEY("wave_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "survey_invitees" (
	"wave_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"workplace_id" uuid,
	"answered" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_invitees_wave_id_person_id_pk" PRIMARY KEY("wave_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "survey_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"type" text NOT NULL,
	"text" jsonb NOT NULL,
	"help" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"section" jsonb,
	"required" boolean DEFAULT false NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"statements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"min" integer,
	"max" integer,
	"min_label" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"max_label" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"condition" jsonb,
	"retired" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_questions_type" CHECK ("survey_questions"."type" in ('single','multiple','scale','matrix','number','text'))
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"person_id" uuid,
	"answers" jsonb NOT NULL,
	"cells" text[] NOT NULL,
	"bg_unit" uuid,
	"bg_membership_type" uuid,
	"bg_workplace_kind" text,
	"fresh" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" uuid NOT NULL,
	"name" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"segment_id" uuid,
	"reminders" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"invitation" jsonb,
	"question_keys" text[] DEFAULT '{}'::text[] NOT NULL,
	"invitees" integer DEFAULT 0 NOT NULL,
	"invitation_mailing_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "survey_waves_status" CHECK ("survey_waves"."status" in ('scheduled','open','closed')),
	CONSTRAINT "survey_waves_period" CHECK ("survey_waves"."closes_at" > "survey_waves"."opens_at"),
	CONSTRAINT "survey_waves_reminders" CHECK (cardinality("survey_waves"."reminders") <= 2)
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"intro" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"anonymous" boolean NOT NULL,
	"background" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_group" integer DEFAULT 5 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_min_group" CHECK ("surveys"."min_group" between 3 and 100)
);
--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitees" ADD CONSTRAINT "survey_invitees_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_questions" ADD CONSTRAINT "survey_questions_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_wave_id_survey_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."survey_waves"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_waves" ADD CONSTRAINT "survey_waves_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_invitees_workplace_idx" ON "survey_invitees" USING btree ("wave_id","workplace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_questions_key_unique" ON "survey_questions" USING btree ("survey_id","key");--> statement-breakpoint
CREATE INDEX "survey_responses_wave_idx" ON "survey_responses" USING btree ("wave_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_person_unique" ON "survey_responses" USING btree ("wave_id","person_id");--> statement-breakpoint
CREATE INDEX "survey_waves_survey_idx" ON "survey_waves" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "survey_waves_due_idx" ON "survey_waves" USING btree ("status","opens_at");--> statement-breakpoint
CREATE INDEX "surveys_unit_idx" ON "surveys" USING btree ("unit_id");