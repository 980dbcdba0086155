ALTER TABLE "report_photos" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "report_photos" ADD COLUMN "storage_key" text;--> statement-breakpoint
CREATE INDEX "report_photos_storage_key_idx" ON "report_photos" USING btree ("storage_key") WHERE "report_photos"."storage_key" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "report_photos" ADD CONSTRAINT "report_photos_bytes_somewhere" CHECK (("report_photos"."data" IS NULL) <> ("report_photos"."storage_key" IS NULL));