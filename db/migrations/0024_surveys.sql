CREATE TYPE "public"."survey_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TABLE "survey_drafts" (
	"survey_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_drafts_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_participations" (
	"survey_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "survey_participations_survey_id_user_id_pk" PRIMARY KEY("survey_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survey_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" integer NOT NULL,
	"uploaded_by" uuid,
	"mime_type" text NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survey_id" integer NOT NULL,
	"user_id" uuid,
	"answers" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" serial PRIMARY KEY NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"status" "survey_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"department_id" integer,
	"anonymous" boolean DEFAULT true NOT NULL,
	"editable" boolean DEFAULT false NOT NULL,
	"verified_only" boolean DEFAULT false NOT NULL,
	"min_age" smallint,
	"max_age" smallint,
	"district_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"points_reward" integer DEFAULT 5 NOT NULL,
	"definition" jsonb DEFAULT '{"sections":[]}'::jsonb NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "surveys_dates" CHECK ("surveys"."opens_at" IS NULL OR "surveys"."closes_at" IS NULL OR "surveys"."opens_at" < "surveys"."closes_at"),
	CONSTRAINT "surveys_published_has_dates" CHECK ("surveys"."status" = 'draft' OR ("surveys"."opens_at" IS NOT NULL AND "surveys"."closes_at" IS NOT NULL)),
	CONSTRAINT "surveys_age_range" CHECK ("surveys"."min_age" IS NULL OR "surveys"."max_age" IS NULL OR "surveys"."min_age" <= "surveys"."max_age"),
	CONSTRAINT "surveys_anonymous_not_editable" CHECK (NOT ("surveys"."anonymous" AND "surveys"."editable")),
	CONSTRAINT "surveys_points" CHECK ("surveys"."points_reward" >= 0 AND "surveys"."points_reward" <= 1000)
);
--> statement-breakpoint
ALTER TABLE "points_ledger" ADD COLUMN "survey_id" integer;--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_drafts" ADD CONSTRAINT "survey_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participations" ADD CONSTRAINT "survey_participations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD CONSTRAINT "survey_photos_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_photos" ADD CONSTRAINT "survey_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_participations_user_idx" ON "survey_participations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "survey_photos_survey_idx" ON "survey_photos" USING btree ("survey_id");--> statement-breakpoint
CREATE INDEX "survey_responses_survey_idx" ON "survey_responses" USING btree ("survey_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_person" ON "survey_responses" USING btree ("survey_id","user_id") WHERE "survey_responses"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "surveys_status_idx" ON "surveys" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "surveys_department_idx" ON "surveys" USING btree ("department_id") WHERE "surveys"."department_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_survey_once" ON "points_ledger" USING btree ("user_id","survey_id") WHERE "points_ledger"."reason" = 'survey';