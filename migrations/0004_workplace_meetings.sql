CREATE TABLE "workplace_meeting_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workplace_meeting_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "workplace_meeting_topic_choices" (
	"meeting_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	CONSTRAINT "workplace_meeting_topic_choices_meeting_id_topic_id_pk" PRIMARY KEY("meeting_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "workplace_meeting_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workplace_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"workplace_id" uuid,
	"new_workplace_name" text,
	"new_workplace_address" text,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"requester_person_id" uuid,
	"locale" text DEFAULT 'da' NOT NULL,
	"proposed_times" jsonb NOT NULL,
	"free_topic" text,
	"questions" text,
	"non_members_welcome" boolean DEFAULT false NOT NULL,
	"expected_participants" integer,
	"time_zone" text DEFAULT 'Europe/Copenhagen' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"handled_by" uuid,
	"decline_reason" text,
	"declined_at" timestamp with time zone,
	"cancel_reason" text,
	"cancelled_at" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"scheduled_at" timestamp with time zone,
	"event_id" uuid,
	"politician_id" uuid,
	"consultant_id" uuid,
	"report_note" text,
	"participants" integer,
	"members_recruited" integer,
	"held_at" timestamp with time zone,
	"follow_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workplace_meetings_status" CHECK ("workplace_meetings"."status" in ('new','in_progress','scheduled','held','declined','cancelled')),
	CONSTRAINT "workplace_meetings_workplace" CHECK ("workplace_meetings"."workplace_id" is not null or "workplace_meetings"."new_workplace_name" is not null),
	CONSTRAINT "workplace_meetings_proposed" CHECK (jsonb_typeof("workplace_meetings"."proposed_times") = 'array' and jsonb_array_length("workplace_meetings"."proposed_times") between 1 and 3),
	CONSTRAINT "workplace_meetings_locale" CHECK ("workplace_meetings"."locale" in ('da','sv','en')),
	CONSTRAINT "workplace_meetings_period" CHECK ("workplace_meetings"."ends_at" is null or "workplace_meetings"."starts_at" is null or "workplace_meetings"."ends_at" > "workplace_meetings"."starts_at"),
	CONSTRAINT "workplace_meetings_scheduled" CHECK ("workplace_meetings"."status" not in ('scheduled','held') or ("workplace_meetings"."starts_at" is not null and "workplace_meetings"."ends_at" is not null and "workplace_meetings"."politician_id" is not null and "workplace_meetings"."consultant_id" is not null)),
	CONSTRAINT "workplace_meetings_two_people" CHECK ("workplace_meetings"."politician_id" is null or "workplace_meetings"."consultant_id" is null or "workplace_meetings"."politician_id" <> "workplace_meetings"."consultant_id"),
	CONSTRAINT "workplace_meetings_declined" CHECK ("workplace_meetings"."status" <> 'declined' or "workplace_meetings"."decline_reason" is not null),
	CONSTRAINT "workplace_meetings_counts" CHECK (coalesce("workplace_meetings"."participants", 0) >= 0 and coalesce("workplace_meetings"."members_recruited", 0) >= 0 and coalesce("workplace_meetings"."expected_participants", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_audience";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "audience_workplace_id" uuid;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "open_to_non_members" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workplace_meeting_feeds" ADD CONSTRAINT "workplace_meeting_feeds_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meeting_topic_choices" ADD CONSTRAINT "workplace_meeting_topic_choices_meeting_id_workplace_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."workplace_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meeting_topic_choices" ADD CONSTRAINT "workplace_meeting_topic_choices_topic_id_workplace_meeting_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."workplace_meeting_topics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meeting_topics" ADD CONSTRAINT "workplace_meeting_topics_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_requester_person_id_persons_id_fk" FOREIGN KEY ("requester_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_handled_by_persons_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_politician_id_persons_id_fk" FOREIGN KEY ("politician_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplace_meetings" ADD CONSTRAINT "workplace_meetings_consultant_id_persons_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workplace_meeting_topic_choices_topic_idx" ON "workplace_meeting_topic_choices" USING btree ("topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workplace_meeting_topics_name_unique" ON "workplace_meeting_topics" USING btree ("unit_id",lower("name"));--> statement-breakpoint
CREATE INDEX "workplace_meeting_topics_unit_idx" ON "workplace_meeting_topics" USING btree ("unit_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "workplace_meetings_follow_token_unique" ON "workplace_meetings" USING btree ("follow_token_hash");--> statement-breakpoint
CREATE INDEX "workplace_meetings_unit_status_idx" ON "workplace_meetings" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "workplace_meetings_workplace_idx" ON "workplace_meetings" USING btree ("workplace_id");--> statement-breakpoint
CREATE INDEX "workplace_meetings_politician_idx" ON "workplace_meetings" USING btree ("politician_id","starts_at");--> statement-breakpoint
CREATE INDEX "workplace_meetings_consultant_idx" ON "workplace_meetings" USING btree ("consultant_id","starts_at");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience_workplace_id_workplaces_id_fk" FOREIGN KEY ("audience_workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience_workplace" CHECK (("events"."audience" = 'workplace') = ("events"."audience_workplace_id" is not null));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_open_to_non_members" CHECK (not "events"."open_to_non_members" or "events"."audience" = 'workplace');--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience" CHECK ("events"."audience" in ('public','members','unit_members','roles','workplace'));