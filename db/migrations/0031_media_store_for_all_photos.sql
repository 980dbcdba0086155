ALTER TABLE "idea_photos" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "implementation_photos" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "initiative_photos" ALTER COLUMN "data" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_photos" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "initiative_photos" ADD COLUMN "storage_key" text;--> statement-breakpoint
CREATE INDEX "idea_photos_storage_key_idx" ON "idea_photos" USING btree ("storage_key") WHERE "idea_photos"."storage_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "implementation_photos_storage_key_idx" ON "implementation_photos" USING btree ("storage_key") WHERE "implementation_photos"."storage_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "initiative_photos_storage_key_idx" ON "initiative_photos" USING btree ("storage_key") WHERE "initiative_photos"."storage_key" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_photos" ADD CONSTRAINT "idea_photos_bytes_somewhere" CHECK (("idea_photos"."data" IS NULL) <> ("idea_photos"."storage_key" IS NULL));--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD CONSTRAINT "implementation_photos_bytes_somewhere" CHECK (("implementation_photos"."data" IS NULL) <> ("implementation_photos"."storage_key" IS NULL));--> statement-breakpoint
ALTER TABLE "initiative_photos" ADD CONSTRAINT "initiative_photos_bytes_somewhere" CHECK (("initiative_photos"."data" IS NULL) <> ("initiative_photos"."storage_key" IS NULL));