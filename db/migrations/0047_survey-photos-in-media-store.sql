ALTER TABLE "survey_photos" ALTER COLUMN "bytes" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD COLUMN "attached_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "survey_photos_storage_key_idx" ON "survey_photos" USING btree ("storage_key") WHERE "survey_photos"."storage_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "survey_photos_unattached_idx" ON "survey_photos" USING btree ("created_at") WHERE "survey_photos"."attached_at" IS NULL;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD CONSTRAINT "survey_photos_bytes_somewhere" CHECK (("survey_photos"."bytes" IS NULL) <> ("survey_photos"."storage_key" IS NULL));