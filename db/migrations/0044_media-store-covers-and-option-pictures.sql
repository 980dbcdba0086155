ALTER TABLE "projects" ADD COLUMN "cover_storage_key" text;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD COLUMN "image_storage_key" text;--> statement-breakpoint
CREATE INDEX "projects_cover_storage_key_idx" ON "projects" USING btree ("cover_storage_key") WHERE "projects"."cover_storage_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ballot_options_image_storage_key_idx" ON "ballot_options" USING btree ("image_storage_key") WHERE "ballot_options"."image_storage_key" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_cover_in_one_place" CHECK ("projects"."cover_image" IS NULL OR "projects"."cover_storage_key" IS NULL);--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_image_in_one_place" CHECK ("ballot_options"."image" IS NULL OR "ballot_options"."image_storage_key" IS NULL);