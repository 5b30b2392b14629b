ALTER TABLE "api_tokens" DROP CONSTRAINT "api_tokens_role";--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "role" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "person_id" uuid;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_person_idx" ON "api_tokens" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_role_or_person" CHECK (("api_tokens"."role" is null) <> ("api_tokens"."person_id" is null) and ("api_tokens"."person_id" is null or "api_tokens"."unit_id" is null));--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_role" CHECK ("api_tokens"."role" is null or "api_tokens"."role" in ('member','steward','staff','board','admin'));