CREATE SEQUENCE "public"."member_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 100001 CACHE 1;--> statement-breakpoint
CREATE TABLE "staff_profiles" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"direct_phone" text,
	"public_email" text,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"photo" "bytea",
	"photo_mime" text,
	"published" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_companies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text DEFAULT 'DK' NOT NULL,
	"cvr" text,
	"org_number" text,
	"address_line" text,
	"postal_code" text,
	"city" text,
	"email" text,
	"phone" text,
	"unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_companies_country" CHECK ("member_companies"."country" in ('DK','SE')),
	CONSTRAINT "member_companies_cvr" CHECK ("member_companies"."cvr" is null or "member_companies"."cvr" ~ '^[0-9]{8}$'),
	CONSTRAINT "member_companies_org_number" CHECK ("member_companies"."org_number" is null or "member_companies"."org_number" ~ '^[0-9]{10}$'),
	CONSTRAINT "member_companies_identifier" CHECK (("member_companies"."country" = 'DK' and "member_companies"."org_number" is null) or ("member_companies"."country" = 'SE' and "member_companies"."cvr" is null))
);
--> statement-breakpoint
CREATE TABLE "member_company_contacts" (
	"company_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"title" text,
	"is_primary" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_company_contacts_company_id_person_id_pk" PRIMARY KEY("company_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"person_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"granted" boolean NOT NULL,
	"source" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_person_id_purpose_pk" PRIMARY KEY("person_id","purpose")
);
--> statement-breakpoint
CREATE TABLE "join_confirmations" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"membership_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "membership_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"membership_id" uuid NOT NULL,
	"on_date" date NOT NULL,
	"status" text NOT NULL,
	"type_id" uuid,
	"unit_id" uuid,
	"reason" text,
	"actor_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_sections" (
	"membership_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"since" date DEFAULT current_date NOT NULL,
	CONSTRAINT "membership_sections_membership_id_unit_id_pk" PRIMARY KEY("membership_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "membership_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "membership_types_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"member_number" text DEFAULT nextval('member_number_seq')::text NOT NULL,
	"type_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_since" date DEFAULT current_date NOT NULL,
	"joined_on" date,
	"email_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_person_id_unique" UNIQUE("person_id"),
	CONSTRAINT "memberships_member_number_unique" UNIQUE("member_number"),
	CONSTRAINT "memberships_status" CHECK ("memberships"."status" in ('applicant','active','resigned','expelled','deceased','rejected'))
);
--> statement-breakpoint
CREATE TABLE "employments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"workplace_id" uuid NOT NULL,
	"job_title" text,
	"is_leader" boolean DEFAULT false NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "employments_period" CHECK ("employments"."ends_on" is null or "employments"."starts_on" is null or "employments"."ends_on" >= "employments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "workplaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"employer_kind" text NOT NULL,
	"employer_name" text,
	"member_company_id" uuid,
	"p_number" text,
	"address_line" text,
	"postal_code" text,
	"city" text,
	"unit_id" uuid NOT NULL,
	"sort_key" text GENERATED ALWAYS AS (regexp_replace(translate(lower("workplaces"."name"), 'æäøöåéèêëáàüúóôíïç', '{{||}eeeeaayuooiic'), 'aa', '}', 'g')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workplaces_employer_kind" CHECK ("workplaces"."employer_kind" in ('municipality','region','state','private','member_company')),
	CONSTRAINT "workplaces_member_company" CHECK (("workplaces"."employer_kind" = 'member_company') = ("workplaces"."member_company_id" is not null)),
	CONSTRAINT "workplaces_p_number" CHECK ("workplaces"."p_number" is null or "workplaces"."p_number" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_role";--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "extra_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "address_line" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "postal_code" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "country" text DEFAULT 'DK' NOT NULL;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "date_of_birth" date;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "sort_key_da" text GENERATED ALWAYS AS (regexp_replace(translate(lower("persons"."last_name" || ' ' || "persons"."first_name"), 'æäøöåéèêëáàüúóôíïç', '{{||}eeeeaayuooiic'), 'aa', '}', 'g')) STORED;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "sort_key_sv" text GENERATED ALWAYS AS (translate(lower("persons"."last_name" || ' ' || "persons"."first_name"), 'åäæöøéèêëáàüúóôíïç', '{||}}eeeeaayuooiic')) STORED;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', "persons"."first_name" || ' ' || "persons"."last_name" || ' ' || coalesce("persons"."email", ''))) STORED;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD COLUMN "workplace_id" uuid;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_companies" ADD CONSTRAINT "member_companies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_company_contacts" ADD CONSTRAINT "member_company_contacts_company_id_member_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."member_companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_company_contacts" ADD CONSTRAINT "member_company_contacts_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_confirmations" ADD CONSTRAINT "join_confirmations_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_type_id_membership_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."membership_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_events" ADD CONSTRAINT "membership_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_sections" ADD CONSTRAINT "membership_sections_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_sections" ADD CONSTRAINT "membership_sections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_type_id_membership_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."membership_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplaces" ADD CONSTRAINT "workplaces_member_company_id_member_companies_id_fk" FOREIGN KEY ("member_company_id") REFERENCES "public"."member_companies"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workplaces" ADD CONSTRAINT "workplaces_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_profiles_unit_idx" ON "staff_profiles" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "staff_profiles_topics_idx" ON "staff_profiles" USING gin ("topics");--> statement-breakpoint
CREATE UNIQUE INDEX "member_companies_cvr_unique" ON "member_companies" USING btree ("cvr");--> statement-breakpoint
CREATE UNIQUE INDEX "member_companies_org_number_unique" ON "member_companies" USING btree ("org_number");--> statement-breakpoint
CREATE INDEX "member_companies_unit_idx" ON "member_companies" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "member_company_contacts_person_idx" ON "member_company_contacts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "membership_events_membership_idx" ON "membership_events" USING btree ("membership_id","on_date");--> statement-breakpoint
CREATE INDEX "membership_sections_unit_idx" ON "membership_sections" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "memberships_unit_status_idx" ON "memberships" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "memberships_number_prefix_idx" ON "memberships" USING btree ("member_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "employments_workplace_idx" ON "employments" USING btree ("workplace_id");--> statement-breakpoint
CREATE INDEX "employments_person_idx" ON "employments" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workplaces_p_number_unique" ON "workplaces" USING btree ("p_number");--> statement-breakpoint
CREATE INDEX "workplaces_unit_idx" ON "workplaces" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "workplaces_sort_idx" ON "workplaces" USING btree ("sort_key" collate "C");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_workplace_id_workplaces_id_fk" FOREIGN KEY ("workplace_id") REFERENCES "public"."workplaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "persons_sort_da_idx" ON "persons" USING btree ("sort_key_da" collate "C");--> statement-breakpoint
CREATE INDEX "persons_sort_sv_idx" ON "persons" USING btree ("sort_key_sv" collate "C");--> statement-breakpoint
CREATE INDEX "persons_search_idx" ON "persons" USING gin ("search");--> statement-breakpoint
CREATE INDEX "role_assignments_workplace_idx" ON "role_assignments" USING btree ("workplace_id");--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_country" CHECK ("persons"."country" ~ '^[A-Z]{2}$');--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_workplace" CHECK (("role_assignments"."role" in ('steward','safety_rep')) = ("role_assignments"."workplace_id" is not null));--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_role" CHECK ("role_assignments"."role" in ('member','steward','safety_rep','leader','board','staff','admin'));