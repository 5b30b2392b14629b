CREATE TABLE "event_calendar_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"place_name" text,
	"address_line" text,
	"postal_code" text,
	"city" text,
	"online_url" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text DEFAULT 'Europe/Copenhagen' NOT NULL,
	"unit_id" uuid NOT NULL,
	"audience" text NOT NULL,
	"audience_unit_id" uuid,
	"audience_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer,
	"waitlist" boolean DEFAULT true NOT NULL,
	"max_guests" integer DEFAULT 0 NOT NULL,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	"material_visibility" text DEFAULT 'participants' NOT NULL,
	"confirmed_seats" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_kind" CHECK ("events"."kind" in ('member_meeting','annual_meeting','webinar','network_meeting','course','board_seminar','role_meeting')),
	CONSTRAINT "events_audience" CHECK ("events"."audience" in ('public','members','unit_members','roles')),
	CONSTRAINT "events_audience_unit" CHECK (("events"."audience" = 'unit_members') = ("events"."audience_unit_id" is not null)),
	CONSTRAINT "events_audience_roles" CHECK (("events"."audience" = 'roles') = (cardinality("events"."audience_roles") > 0)),
	CONSTRAINT "events_status" CHECK ("events"."status" in ('draft','published','cancelled')),
	CONSTRAINT "events_material_visibility" CHECK ("events"."material_visibility" in ('participants','public')),
	CONSTRAINT "events_period" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_capacity" CHECK ("events"."capacity" is null or "events"."capacity" > 0),
	CONSTRAINT "events_guests" CHECK ("events"."max_guests" between 0 and 20),
	CONSTRAINT "events_window" CHECK ("events"."registration_closes_at" is null or "events"."registration_closes_at" <= "events"."ends_at"),
	CONSTRAINT "events_window_order" CHECK ("events"."registration_opens_at" is null or "events"."registration_closes_at" is null or "events"."registration_opens_at" < "events"."registration_closes_at"),
	CONSTRAINT "events_seats" CHECK ("events"."confirmed_seats" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_programme_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone,
	"title" text NOT NULL,
	"speaker" text,
	"material_id" uuid
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text,
	"email" text,
	"guests" integer DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"seq" bigserial NOT NULL,
	"confirm_token_hash" text,
	"cancel_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"checked_in_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "event_registrations_status" CHECK ("event_registrations"."status" in ('pending','confirmed','waitlisted','cancelled')),
	CONSTRAINT "event_registrations_who" CHECK ("event_registrations"."person_id" is not null or ("event_registrations"."name" is not null and "event_registrations"."email" is not null)),
	CONSTRAINT "event_registrations_guests" CHECK ("event_registrations"."guests" between 0 and 20)
);
--> statement-breakpoint
ALTER TABLE "event_calendar_feeds" ADD CONSTRAINT "event_calendar_feeds_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_audience_unit_id_units_id_fk" FOREIGN KEY ("audience_unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_materials" ADD CONSTRAINT "event_materials_uploaded_by_persons_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_programme_items" ADD CONSTRAINT "event_programme_items_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_programme_items" ADD CONSTRAINT "event_programme_items_material_id_event_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."event_materials"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_cancelled_by_persons_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "events_slug_unique" ON "events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "events_unit_idx" ON "events" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "event_materials_event_idx" ON "event_materials" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_programme_items_event_idx" ON "event_programme_items" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_person_unique" ON "event_registrations" USING btree ("event_id","person_id") WHERE "event_registrations"."status" <> 'cancelled' and "event_registrations"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_email_unique" ON "event_registrations" USING btree ("event_id",lower("email")) WHERE "event_registrations"."status" <> 'cancelled' and "event_registrations"."person_id" is null;--> statement-breakpoint
CREATE INDEX "event_registrations_event_status_idx" ON "event_registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
CREATE INDEX "event_registrations_person_idx" ON "event_registrations" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_confirm_token_unique" ON "event_registrations" USING btree ("confirm_token_hash");