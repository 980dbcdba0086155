CREATE TYPE "public"."feedback_stage" AS ENUM('filed', 'moderated', 'answered', 'reviewed', 'cast', 'booked', 'served');--> statement-breakpoint
ALTER TYPE "public"."feedback_subject" ADD VALUE 'visit';--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "stage" "feedback_stage";--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "clarity" smallint;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "speed" smallint;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "conduct" smallint;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "waiting" smallint;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "result" smallint;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "service_id" integer;--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "staff_id" uuid;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_staff_id_users_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_centre_idx" ON "feedback" USING btree ("centre_id","created_at") WHERE "feedback"."centre_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_service_idx" ON "feedback" USING btree ("service_id") WHERE "feedback"."service_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "feedback_staff_idx" ON "feedback" USING btree ("staff_id") WHERE "feedback"."staff_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_dimensions" CHECK (coalesce("feedback"."clarity", 1) BETWEEN 1 AND 5 AND coalesce("feedback"."speed", 1) BETWEEN 1 AND 5 AND coalesce("feedback"."conduct", 1) BETWEEN 1 AND 5 AND coalesce("feedback"."waiting", 1) BETWEEN 1 AND 5 AND coalesce("feedback"."result", 1) BETWEEN 1 AND 5);