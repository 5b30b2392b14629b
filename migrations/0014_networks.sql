CREATE TABLE "network_digests" (
	"network_id" uuid NOT NULL,
	"day" text NOT NULL,
	"posts" integer NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_digests_network_id_day_pk" PRIMARY KEY("network_id","day")
);
--> statement-breakpoint
CREATE TABLE "network_file_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_meetings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"agenda" text DEFAULT '' NOT NULL,
	"minutes" text DEFAULT '' NOT NULL,
	"agenda_updated_at" timestamp with time zone,
	"minutes_updated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid,
	"member_company_id" uuid,
	"role" text DEFAULT 'member' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"request_note" text,
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	CONSTRAINT "network_members_one" CHECK (("network_members"."person_id" is null) <> ("network_members"."member_company_id" is null)),
	CONSTRAINT "network_members_company_member" CHECK ("network_members"."member_company_id" is null or "network_members"."role" = 'member'),
	CONSTRAINT "network_members_role" CHECK ("network_members"."role" in ('member','coordinator','expert')),
	CONSTRAINT "network_members_status" CHECK ("network_members"."status" in ('active','requested','invited'))
);
--> statement-breakpoint
CREATE TABLE "network_notifications" (
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_notifications_network_id_person_id_pk" PRIMARY KEY("network_id","person_id"),
	CONSTRAINT "network_notifications_mode" CHECK ("network_notifications"."mode" in ('each','digest','none'))
);
--> statement-breakpoint
CREATE TABLE "network_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"thread_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"by_expert" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by" uuid,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "network_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"competition_notice" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_thread_reads" (
	"thread_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	CONSTRAINT "network_thread_reads_thread_id_person_id_pk" PRIMARY KEY("thread_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "network_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"title" text NOT NULL,
	"author_id" uuid,
	"pinned" boolean DEFAULT false NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"hidden_by" uuid,
	"expert_answered" boolean DEFAULT false NOT NULL,
	"post_count" integer DEFAULT 0 NOT NULL,
	"last_post_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"visibility" text NOT NULL,
	"join_policy" text NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_kind" CHECK ("networks"."kind" in ('people','companies')),
	CONSTRAINT "networks_visibility" CHECK ("networks"."visibility" in ('listed','hidden')),
	CONSTRAINT "networks_join_policy" CHECK ("networks"."join_policy" in ('open','request','invitation'))
);
--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_audience";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "audience_network_id" uuid;--> statement-breakpoint
ALTER TABLE "mailings" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "network_digests" ADD CONSTRAINT "network_digests_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_file_versions" ADD CONSTRAINT "network_file_versions_file_id_network_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."network_files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_file_versions" ADD CONSTRAINT "network_file_versions_uploaded_by_persons_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_files" ADD CONSTRAINT "network_files_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_files" ADD CONSTRAINT "network_files_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_meetings" ADD CONSTRAINT "network_meetings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_added_by_persons_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_notifications" ADD CONSTRAINT "network_notifications_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_notifications" ADD CONSTRAINT "network_notifications_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_thread_id_network_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."network_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_posts" ADD CONSTRAINT "network_posts_hidden_by_persons_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_thread_reads" ADD CONSTRAINT "network_thread_reads_thread_id_network_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."network_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_thread_reads" ADD CONSTRAINT "network_thread_reads_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_threads" ADD CONSTRAINT "network_threads_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_threads" ADD CONSTRAINT "network_threads_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_threads" ADD CONSTRAINT "network_threads_hidden_by_persons_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "network_file_versions_unique" ON "network_file_versions" USING btree ("file_id","version");--> statement-breakpoint
CREATE INDEX "network_files_network_idx" ON "network_files" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "network_meetings_network_idx" ON "network_meetings" USING btree ("network_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_person_unique" ON "network_members" USING btree ("network_id","person_id") WHERE "network_members"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "network_members_company_unique" ON "network_members" USING btree ("network_id","member_company_id") WHERE "network_members"."member_company_id" is not null;--> statement-breakpoint
CREATE INDEX "network_members_person_idx" ON "network_members" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "network_members_company_idx" ON "network_members" USING btree ("member_company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_posts_thread_seq" ON "network_posts" USING btree ("thread_id","seq");--> statement-breakpoint
CREATE INDEX "network_posts_network_created_idx" ON "network_posts" USING btree ("network_id","created_at");--> statement-breakpoint
CREATE INDEX "network_posts_author_idx" ON "network_posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "network_threads_network_idx" ON "network_threads" USING btree ("network_id","last_post_at");--> statement-breakpoint
CREATE INDEX "networks_unit_idx" ON "networks" USING btree ("unit_id");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience_network" CHECK (("events"."audience" = 'network') = ("events"."audience_network_id" is not null));--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience" CHECK ("events"."audience" in ('public','members','unit_members','roles','workplace','network'));