CREATE TABLE "magazine_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"author_name" text,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "magazine_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issue_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_files_kind" CHECK ("magazine_files"."kind" in ('cover','pdf')),
	CONSTRAINT "magazine_files_size" CHECK ("magazine_files"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "magazine_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"number" integer NOT NULL,
	"year" integer NOT NULL,
	"published_on" date NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT 'members' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"cover_alt" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "magazine_issues_status" CHECK ("magazine_issues"."status" in ('draft','published')),
	CONSTRAINT "magazine_issues_audience" CHECK ("magazine_issues"."audience" in ('members','public')),
	CONSTRAINT "magazine_issues_number" CHECK ("magazine_issues"."number" between 1 and 999 and "magazine_issues"."year" between 1900 and 2999)
);
--> statement-breakpoint
CREATE TABLE "news_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"post_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" uuid,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_comments_length" CHECK (char_length("news_comments"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "news_post_covers" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "news_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text DEFAULT 'news' NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"author_id" uuid,
	"audience" text DEFAULT 'public' NOT NULL,
	"comments_enabled" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"cover_alt" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "news_posts_kind" CHECK ("news_posts"."kind" in ('news','blog')),
	CONSTRAINT "news_posts_audience" CHECK ("news_posts"."audience" in ('public','members')),
	CONSTRAINT "news_posts_status" CHECK ("news_posts"."status" in ('draft','published')),
	CONSTRAINT "news_posts_published" CHECK ("news_posts"."status" <> 'published' or "news_posts"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "press_release_photos" (
	"release_id" uuid PRIMARY KEY NOT NULL,
	"version" uuid DEFAULT gen_random_uuid() NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"credit" text NOT NULL,
	"alt" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "press_release_photos_credit" CHECK (length(trim("press_release_photos"."credit")) > 0),
	CONSTRAINT "press_release_photos_size" CHECK ("press_release_photos"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "press_releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"embargo_until" timestamp with time zone,
	"contact_person_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "press_releases_status" CHECK ("press_releases"."status" in ('draft','published')),
	CONSTRAINT "press_releases_published" CHECK ("press_releases"."status" <> 'published' or "press_releases"."published_at" is not null)
);
--> statement-breakpoint
DROP INDEX "mailing_recipients_due_idx";--> statement-breakpoint
ALTER TABLE "magazine_articles" ADD CONSTRAINT "magazine_articles_issue_id_magazine_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."magazine_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_files" ADD CONSTRAINT "magazine_files_issue_id_magazine_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."magazine_issues"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "magazine_issues" ADD CONSTRAINT "magazine_issues_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_comments" ADD CONSTRAINT "news_comments_post_id_news_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."news_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_comments" ADD CONSTRAINT "news_comments_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_comments" ADD CONSTRAINT "news_comments_hidden_by_persons_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_post_covers" ADD CONSTRAINT "news_post_covers_post_id_news_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."news_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "news_posts" ADD CONSTRAINT "news_posts_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_release_photos" ADD CONSTRAINT "press_release_photos_release_id_press_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."press_releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_releases" ADD CONSTRAINT "press_releases_contact_person_id_persons_id_fk" FOREIGN KEY ("contact_person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "press_releases" ADD CONSTRAINT "press_releases_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "magazine_articles_slug_unique" ON "magazine_articles" USING btree ("issue_id","slug");--> statement-breakpoint
CREATE INDEX "magazine_articles_issue_idx" ON "magazine_articles" USING btree ("issue_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "magazine_files_issue_kind_unique" ON "magazine_files" USING btree ("issue_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "magazine_issues_slug_unique" ON "magazine_issues" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "magazine_issues_number_unique" ON "magazine_issues" USING btree ("year","number");--> statement-breakpoint
CREATE INDEX "magazine_issues_published_idx" ON "magazine_issues" USING btree ("status","published_on");--> statement-breakpoint
CREATE INDEX "news_comments_post_idx" ON "news_comments" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "news_posts_slug_unique" ON "news_posts" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "news_posts_published_idx" ON "news_posts" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "news_posts_unit_idx" ON "news_posts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "press_releases_slug_unique" ON "press_releases" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "press_releases_published_idx" ON "press_releases" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "mailing_recipients_due_idx" ON "mailing_recipients" USING btree ("mailing_id","next_attempt_at") WHERE "mailing_recipients"."status" in ('pending','sending');