CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"document_file_id" uuid,
	"report_decision" text,
	"notes" text,
	"decision" text,
	CONSTRAINT "agenda_items_kind" CHECK ("agenda_items"."kind" in ('officers','report','motions','future_work','election','discussion','any_other_business')),
	CONSTRAINT "agenda_items_report" CHECK ("agenda_items"."report_decision" is null or "agenda_items"."report_decision" in ('noted','vote'))
);
--> statement-breakpoint
CREATE TABLE "agenda_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_templates_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"from_line" integer NOT NULL,
	"to_line" integer NOT NULL,
	"replacement" text NOT NULL,
	"reasoning" text,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"refusal_reason" text,
	"decided_at" timestamp with time zone,
	CONSTRAINT "amendments_state" CHECK ("amendments"."state" in ('submitted','admitted','refused','adopted','rejected','withdrawn')),
	CONSTRAINT "amendments_lines" CHECK ("amendments"."from_line" >= 1 and "amendments"."to_line" >= "amendments"."from_line")
);
--> statement-breakpoint
CREATE TABLE "assemblies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text DEFAULT 'ordinary' NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text,
	"time_zone" text DEFAULT 'Europe/Copenhagen' NOT NULL,
	"event_id" uuid,
	"motion_deadline" timestamp with time zone NOT NULL,
	"roll_cutoff_on" date NOT NULL,
	"roll_frozen_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"minutes_visibility" text DEFAULT 'members' NOT NULL,
	"rules" jsonb NOT NULL,
	"chair_person_id" uuid,
	"minute_taker_person_id" uuid,
	"current_item_id" uuid,
	"notice_sent_at" timestamp with time zone,
	"notice_mailing_id" uuid,
	"motions_pack_mailing_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"minutes_approved_by_chair_at" timestamp with time zone,
	"minutes_approved_by_taker_at" timestamp with time zone,
	"minutes_published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assemblies_kind" CHECK ("assemblies"."kind" in ('ordinary','extraordinary')),
	CONSTRAINT "assemblies_status" CHECK ("assemblies"."status" in ('draft','notice_sent','in_session','closed','minutes_published','cancelled')),
	CONSTRAINT "assemblies_visibility" CHECK ("assemblies"."minutes_visibility" in ('members','public')),
	CONSTRAINT "assemblies_deadline" CHECK ("assemblies"."motion_deadline" <= "assemblies"."starts_at"),
	CONSTRAINT "assemblies_published" CHECK ("assemblies"."status" <> 'minutes_published' or ("assemblies"."minutes_approved_by_chair_at" is not null and "assemblies"."minutes_approved_by_taker_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "assembly_attendance" (
	"assembly_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_out_at" timestamp with time zone,
	"checked_in_by" uuid,
	CONSTRAINT "assembly_attendance_assembly_id_person_id_pk" PRIMARY KEY("assembly_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_proxies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"holder_person_id" uuid NOT NULL,
	"giver_person_id" uuid NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_proxies_two_people" CHECK ("assembly_proxies"."holder_person_id" <> "assembly_proxies"."giver_person_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_roll" (
	"assembly_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "assembly_roll_assembly_id_person_id_pk" PRIMARY KEY("assembly_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_rules" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"notice_days" integer DEFAULT 14 NOT NULL,
	"motion_deadline_days" integer DEFAULT 7 NOT NULL,
	"roll_cutoff_days" integer DEFAULT 0 NOT NULL,
	"quorum" real,
	"statute_quorum" real,
	"majority" text DEFAULT 'simple' NOT NULL,
	"statute_majority" text DEFAULT 'two_thirds' NOT NULL,
	"blank_votes_count" boolean DEFAULT false NOT NULL,
	"proxies_allowed" boolean DEFAULT false NOT NULL,
	"proxies_per_holder" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_rules_days" CHECK ("assembly_rules"."notice_days" >= 0 and "assembly_rules"."motion_deadline_days" >= 0 and "assembly_rules"."roll_cutoff_days" >= 0),
	CONSTRAINT "assembly_rules_quorum" CHECK (("assembly_rules"."quorum" is null or ("assembly_rules"."quorum" > 0 and "assembly_rules"."quorum" <= 1)) and ("assembly_rules"."statute_quorum" is null or ("assembly_rules"."statute_quorum" > 0 and "assembly_rules"."statute_quorum" <= 1))),
	CONSTRAINT "assembly_rules_majority" CHECK ("assembly_rules"."majority" in ('simple','two_thirds') and "assembly_rules"."statute_majority" in ('simple','two_thirds')),
	CONSTRAINT "assembly_rules_proxies" CHECK ("assembly_rules"."proxies_per_holder" between 0 and 10)
);
--> statement-breakpoint
CREATE TABLE "bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"seats" integer NOT NULL,
	"substitutes" integer DEFAULT 0 NOT NULL,
	"term_years" integer DEFAULT 2 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bodies_seats" CHECK ("bodies"."seats" >= 1 and "bodies"."substitutes" >= 0 and "bodies"."term_years" >= 1)
);
--> statement-breakpoint
CREATE TABLE "body_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"seat_kind" text DEFAULT 'member' NOT NULL,
	"title" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"election_id" uuid,
	"role_assignment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "body_terms_kind" CHECK ("body_terms"."seat_kind" in ('member','substitute')),
	CONSTRAINT "body_terms_period" CHECK ("body_terms"."ends_on" is null or "body_terms"."ends_on" >= "body_terms"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"election_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"nominated_by" uuid,
	"accepted_at" timestamp with time zone,
	"presentation" text,
	"votes" integer,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "candidates_outcome" CHECK ("candidates"."outcome" is null or "candidates"."outcome" in ('elected','substitute','not_elected'))
);
--> statement-breakpoint
CREATE TABLE "elections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"seats" integer NOT NULL,
	"substitutes" integer DEFAULT 0 NOT NULL,
	"term_ends_on" date NOT NULL,
	"status" text DEFAULT 'nominating' NOT NULL,
	"lots" jsonb,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elections_status" CHECK ("elections"."status" in ('nominating','polling','decided')),
	CONSTRAINT "elections_seats" CHECK ("elections"."seats" >= 1 and "elections"."substitutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "motion_cosigners" (
	"motion_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "motion_cosigners_motion_id_person_id_pk" PRIMARY KEY("motion_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"reasoning" text,
	"vote_kind" text DEFAULT 'ordinary' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"late_reason" text,
	"state" text DEFAULT 'submitted' NOT NULL,
	"refusal_reason" text,
	"board_recommendation" text,
	"decided_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "motions_state" CHECK ("motions"."state" in ('submitted','admitted','refused','adopted','rejected','withdrawn','referred')),
	CONSTRAINT "motions_vote_kind" CHECK ("motions"."vote_kind" in ('ordinary','statute')),
	CONSTRAINT "motions_refused" CHECK ("motions"."state" <> 'refused' or "motions"."refusal_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "named_ballots" (
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"choices" text[] NOT NULL,
	CONSTRAINT "named_ballots_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "poll_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"poll_id" uuid NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	"candidate_id" uuid
);
--> statement-breakpoint
CREATE TABLE "poll_voters" (
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cast_by_person_id" uuid,
	CONSTRAINT "poll_voters_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "polls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"motion_id" uuid,
	"amendment_id" uuid,
	"election_id" uuid,
	"title" text NOT NULL,
	"method" text NOT NULL,
	"mode" text DEFAULT 'open' NOT NULL,
	"vote_kind" text DEFAULT 'ordinary' NOT NULL,
	"max_marks" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"paper_counts" jsonb,
	"result" jsonb,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "polls_method" CHECK ("polls"."method" in ('yes_no_abstain','choice')),
	CONSTRAINT "polls_mode" CHECK ("polls"."mode" in ('open','named','secret')),
	CONSTRAINT "polls_status" CHECK ("polls"."status" in ('created','open','closed','published')),
	CONSTRAINT "polls_vote_kind" CHECK ("polls"."vote_kind" in ('ordinary','statute')),
	CONSTRAINT "polls_marks" CHECK ("polls"."max_marks" >= 1)
);
--> statement-breakpoint
CREATE TABLE "secret_ballots" (
	"poll_id" uuid NOT NULL,
	"choices" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "speaker_lists_closed" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "speakers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"spoke_at" timestamp with time zone,
	CONSTRAINT "speakers_status" CHECK ("speakers"."status" in ('waiting','speaking','done','withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "written_ballot_requests" (
	"poll_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "written_ballot_requests_poll_id_person_id_pk" PRIMARY KEY("poll_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "mailings" ADD COLUMN "audience_source" text;--> statement-breakpoint
ALTER TABLE "mailings" ADD COLUMN "audience_ref" uuid;--> statement-breakpoint
ALTER TABLE "mailings" ADD COLUMN "audience_label" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_submitted_by_persons_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_chair_person_id_persons_id_fk" FOREIGN KEY ("chair_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_minute_taker_person_id_persons_id_fk" FOREIGN KEY ("minute_taker_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_current_item_id_agenda_items_id_fk" FOREIGN KEY ("current_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_checked_in_by_persons_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_holder_person_id_persons_id_fk" FOREIGN KEY ("holder_person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_giver_person_id_persons_id_fk" FOREIGN KEY ("giver_person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_roll" ADD CONSTRAINT "assembly_roll_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_roll" ADD CONSTRAINT "assembly_roll_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_rules" ADD CONSTRAINT "assembly_rules_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bodies" ADD CONSTRAINT "bodies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_terms" ADD CONSTRAINT "body_terms_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_terms" ADD CONSTRAINT "body_terms_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_terms" ADD CONSTRAINT "body_terms_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_terms" ADD CONSTRAINT "body_terms_role_assignment_id_role_assignments_id_fk" FOREIGN KEY ("role_assignment_id") REFERENCES "public"."role_assignments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_nominated_by_persons_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elections" ADD CONSTRAINT "elections_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_cosigners" ADD CONSTRAINT "motion_cosigners_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motion_cosigners" ADD CONSTRAINT "motion_cosigners_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_submitted_by_persons_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_ballots" ADD CONSTRAINT "named_ballots_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_ballots" ADD CONSTRAINT "named_ballots_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_options" ADD CONSTRAINT "poll_options_candidate_id_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."candidates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD CONSTRAINT "poll_voters_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD CONSTRAINT "poll_voters_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_voters" ADD CONSTRAINT "poll_voters_cast_by_person_id_persons_id_fk" FOREIGN KEY ("cast_by_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_amendment_id_amendments_id_fk" FOREIGN KEY ("amendment_id") REFERENCES "public"."amendments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_election_id_elections_id_fk" FOREIGN KEY ("election_id") REFERENCES "public"."elections"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "polls" ADD CONSTRAINT "polls_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_ballots" ADD CONSTRAINT "secret_ballots_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speaker_lists_closed" ADD CONSTRAINT "speaker_lists_closed_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_item_id_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."agenda_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speakers" ADD CONSTRAINT "speakers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_ballot_requests" ADD CONSTRAINT "written_ballot_requests_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "written_ballot_requests" ADD CONSTRAINT "written_ballot_requests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_items_position_unique" ON "agenda_items" USING btree ("assembly_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "amendments_number_unique" ON "amendments" USING btree ("motion_id","number");--> statement-breakpoint
CREATE INDEX "assemblies_unit_idx" ON "assemblies" USING btree ("unit_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "assembly_proxies_giver_unique" ON "assembly_proxies" USING btree ("assembly_id","giver_person_id");--> statement-breakpoint
CREATE INDEX "assembly_proxies_holder_idx" ON "assembly_proxies" USING btree ("assembly_id","holder_person_id");--> statement-breakpoint
CREATE INDEX "assembly_roll_person_idx" ON "assembly_roll" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bodies_unit_name_unique" ON "bodies" USING btree ("unit_id","name");--> statement-breakpoint
CREATE INDEX "body_terms_body_idx" ON "body_terms" USING btree ("body_id","starts_on");--> statement-breakpoint
CREATE INDEX "body_terms_person_idx" ON "body_terms" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "candidates_person_unique" ON "candidates" USING btree ("election_id","person_id");--> statement-breakpoint
CREATE INDEX "motion_cosigners_person_idx" ON "motion_cosigners" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "motions_number_unique" ON "motions" USING btree ("assembly_id","number");--> statement-breakpoint
CREATE INDEX "motions_submitter_idx" ON "motions" USING btree ("submitted_by");--> statement-breakpoint
CREATE UNIQUE INDEX "poll_options_position_unique" ON "poll_options" USING btree ("poll_id","position");--> statement-breakpoint
CREATE INDEX "polls_assembly_idx" ON "polls" USING btree ("assembly_id","created_at");--> statement-breakpoint
CREATE INDEX "secret_ballots_poll_idx" ON "secret_ballots" USING btree ("poll_id");--> statement-breakpoint
CREATE INDEX "speakers_item_idx" ON "speakers" USING btree ("item_id","position");--> statement-breakpoint
ALTER TABLE "mailings" ADD CONSTRAINT "mailings_audience" CHECK (("mailings"."audience_source" is null) = ("mailings"."audience_ref" is null) and ("mailings"."audience_source" is null or "mailings"."segment_id" is null));--> statement-breakpoint
-- A cast ballot is never changed; while its poll is open it is not deleted either (at close the
-- ballots are counted into polls.result and then deleted, see README "Secret ballots").
CREATE FUNCTION secret_ballots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    RAISE EXCEPTION 'a cast ballot cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM polls p WHERE p.id = OLD.poll_id AND p.status IN ('created', 'open')) THEN
    RAISE EXCEPTION 'ballots of an open poll cannot be deleted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER secret_ballots_no_update BEFORE UPDATE ON secret_ballots FOR EACH ROW EXECUTE FUNCTION secret_ballots_guard();
--> statement-breakpoint
CREATE TRIGGER secret_ballots_no_early_delete BEFORE DELETE ON secret_ballots FOR EACH ROW EXECUTE FUNCTION secret_ballots_guard();
--> statement-breakpoint
CREATE TRIGGER named_ballots_no_update BEFORE UPDATE ON named_ballots FOR EACH ROW EXECUTE FUNCTION secret_ballots_guard();
