CREATE TABLE "mailing_contents" (
	"mailing_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	CONSTRAINT "mailing_contents_mailing_id_locale_pk" PRIMARY KEY("mailing_id","locale"),
	CONSTRAINT "mailing_contents_locale" CHECK ("mailing_contents"."locale" in ('da','sv','en'))
);
--> statement-breakpoint
CREATE TABLE "mailing_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"mailing_id" uuid NOT NULL,
	"person_id" uuid,
	"email" text NOT NULL,
	"locale" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	CONSTRAINT "mailing_recipients_status" CHECK ("mailing_recipients"."status" in ('pending','sending','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "mailings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"segment_id" uuid,
	"kind" text NOT NULL,
	"topic_id" uuid,
	"service_reason" text,
	"event_id" uuid,
	"default_locale" text DEFAULT 'da' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"rate_per_second" integer,
	"recipient_count" integer,
	"frozen_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	"sent_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailings_kind" CHECK ("mailings"."kind" in ('newsletter','service')),
	CONSTRAINT "mailings_status" CHECK ("mailings"."status" in ('draft','scheduled','sending','paused','sent','cancelled')),
	CONSTRAINT "mailings_topic" CHECK (("mailings"."kind" = 'newsletter') = ("mailings"."topic_id" is not null)),
	CONSTRAINT "mailings_locale" CHECK ("mailings"."default_locale" in ('da','sv','en')),
	CONSTRAINT "mailings_rate" CHECK ("mailings"."rate_per_second" is null or "mailings"."rate_per_second" > 0)
);
--> statement-breakpoint
CREATE TABLE "newsletter_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"default_subscribed" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newsletter_topics_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "newsletter_topic_subscriptions" (
	"person_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"subscribed" boolean NOT NULL,
	"source" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "newsletter_topic_subscriptions_person_id_topic_id_pk" PRIMARY KEY("person_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mailing_contents" ADD CONSTRAINT "mailing_contents_mailing_id_mailings_id_fk" FOREIGN KEY ("mailing_id") REFERENCES "public"."mailings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_mailing_id_mailings_id_fk" FOREIGN KEY ("mailing_id") REFERENCES "public"."mailings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailing_recipients" ADD CONSTRAINT "mailing_recipients_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_topic_id_newsletter_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."newsletter_topics"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_sent_by_persons_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_topic_subscriptions" ADD CONSTRAINT "newsletter_topic_subscriptions_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "newsletter_topic_subscriptions" ADD CONSTRAINT "newsletter_topic_subscriptions_topic_id_newsletter_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."newsletter_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailing_recipients_person_unique" ON "mailing_recipients" USING btree ("mailing_id","person_id");--> statement-breakpoint
CREATE INDEX "mailing_recipients_due_idx" ON "mailing_recipients" USING btree ("next_attempt_at") WHERE "mailing_recipients"."status" in ('pending','sending');--> statement-breakpoint
CREATE INDEX "mailing_recipients_mailing_status_idx" ON "mailing_recipients" USING btree ("mailing_id","status");--> statement-breakpoint
CREATE INDEX "mailings_unit_idx" ON "mailings" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "mailings_due_idx" ON "mailings" USING btree ("scheduled_at") WHERE "mailings"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "newsletter_topic_subscriptions_topic_idx" ON "newsletter_topic_subscriptions" USING btree ("topic_id","subscribed");--> statement-breakpoint
CREATE INDEX "segments_unit_idx" ON "segments" USING btree ("unit_id",lower("name"));