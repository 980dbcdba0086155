CREATE TYPE "public"."assessment_verdict" AS ENUM('recommend', 'reject', 'needs_work');--> statement-breakpoint
CREATE TYPE "public"."idea_status" AS ENUM('published', 'hidden', 'merged', 'shortlisted', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."project_stage" AS ENUM('collecting', 'reviewing', 'voting', 'results', 'implementing', 'done');--> statement-breakpoint
CREATE TYPE "public"."ballot_status" AS ENUM('draft', 'scheduled', 'open', 'closed', 'published');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('planned', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "public"."question_kind" AS ENUM('single', 'multiple');--> statement-breakpoint
CREATE TABLE "abuse_flags" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idea_id" bigint,
	"comment_id" bigint,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "abuse_flags_one_target" CHECK (num_nonnulls("abuse_flags"."idea_id", "abuse_flags"."comment_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "idea_assessments" (
	"idea_id" bigint NOT NULL,
	"expert_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"verdict" "assessment_verdict" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_assessments_idea_id_expert_id_pk" PRIMARY KEY("idea_id","expert_id"),
	CONSTRAINT "idea_assessments_score" CHECK ("idea_assessments"."score" BETWEEN 1 AND 5)
);
--> statement-breakpoint
CREATE TABLE "idea_comments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idea_id" bigint NOT NULL,
	"parent_id" bigint,
	"author_id" uuid,
	"body" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_credits" (
	"idea_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"from_idea_id" bigint,
	CONSTRAINT "idea_credits_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "idea_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"idea_id" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idea_supports" (
	"idea_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idea_supports_idea_id_user_id_pk" PRIMARY KEY("idea_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ideas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"author_id" uuid,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" "idea_status" DEFAULT 'published' NOT NULL,
	"merged_into_id" bigint,
	"hidden_reason" text,
	"support_count" integer DEFAULT 0 NOT NULL,
	"comment_count" integer DEFAULT 0 NOT NULL,
	"moderated_at" timestamp with time zone,
	"shortlisted_at" timestamp with time zone,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ideas_merged_has_target" CHECK (("ideas"."status" = 'merged') = ("ideas"."merged_into_id" IS NOT NULL)),
	CONSTRAINT "ideas_hidden_has_reason" CHECK ("ideas"."status" <> 'hidden' OR "ideas"."hidden_reason" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "project_districts" (
	"project_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	CONSTRAINT "project_districts_project_id_district_id_pk" PRIMARY KEY("project_id","district_id")
);
--> statement-breakpoint
CREATE TABLE "project_stages" (
	"project_id" integer NOT NULL,
	"stage" "project_stage" NOT NULL,
	"starts_on" timestamp with time zone NOT NULL,
	"ends_on" timestamp with time zone NOT NULL,
	CONSTRAINT "project_stages_project_id_stage_pk" PRIMARY KEY("project_id","stage"),
	CONSTRAINT "project_stages_order" CHECK ("project_stages"."starts_on" <= "project_stages"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"cover_mime_type" text,
	"cover_image" "bytea",
	"stage" "project_stage" DEFAULT 'collecting' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "ballot_casts" (
	"ballot_id" integer NOT NULL,
	"receipt_hash" text NOT NULL,
	"choices" jsonb NOT NULL,
	CONSTRAINT "ballot_casts_ballot_id_receipt_hash_pk" PRIMARY KEY("ballot_id","receipt_hash")
);
--> statement-breakpoint
CREATE TABLE "ballot_districts" (
	"ballot_id" integer NOT NULL,
	"district_id" integer NOT NULL,
	CONSTRAINT "ballot_districts_ballot_id_district_id_pk" PRIMARY KEY("ballot_id","district_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_ledger" (
	"ballot_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"receipt_hash" text NOT NULL,
	"choices" text NOT NULL,
	"prev_hash" text NOT NULL,
	"entry_hash" text NOT NULL,
	CONSTRAINT "ballot_ledger_ballot_id_seq_pk" PRIMARY KEY("ballot_id","seq")
);
--> statement-breakpoint
CREATE TABLE "ballot_options" (
	"id" serial PRIMARY KEY NOT NULL,
	"question_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"label_ru" text NOT NULL,
	"label_en" text NOT NULL,
	"idea_id" bigint,
	"image_mime_type" text,
	"image" "bytea"
);
--> statement-breakpoint
CREATE TABLE "ballot_participations" (
	"ballot_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"district_id" integer,
	"age_band" text NOT NULL,
	CONSTRAINT "ballot_participations_ballot_id_user_id_pk" PRIMARY KEY("ballot_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_questions" (
	"id" serial PRIMARY KEY NOT NULL,
	"ballot_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"text_ru" text NOT NULL,
	"text_en" text NOT NULL,
	"kind" "question_kind" DEFAULT 'single' NOT NULL,
	"max_choices" smallint DEFAULT 1 NOT NULL,
	CONSTRAINT "ballot_questions_max" CHECK ("ballot_questions"."max_choices" >= 1 AND ("ballot_questions"."kind" = 'multiple' OR "ballot_questions"."max_choices" = 1))
);
--> statement-breakpoint
CREATE TABLE "ballot_tally_shards" (
	"option_id" integer NOT NULL,
	"shard" smallint NOT NULL,
	"votes" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ballot_tally_shards_option_id_shard_pk" PRIMARY KEY("option_id","shard")
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" serial PRIMARY KEY NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"status" "ballot_status" DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"min_age" smallint,
	"max_age" smallint,
	"verified_only" boolean DEFAULT true NOT NULL,
	"hide_results_until_close" boolean DEFAULT false NOT NULL,
	"points_reward" integer DEFAULT 10 NOT NULL,
	"project_id" integer,
	"evaluates_decision_id" integer,
	"chain_head" text,
	"entry_count" integer,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_dates" CHECK ("ballots"."opens_at" IS NULL OR "ballots"."closes_at" IS NULL OR "ballots"."opens_at" < "ballots"."closes_at"),
	CONSTRAINT "ballots_scheduled_has_dates" CHECK ("ballots"."status" = 'draft' OR ("ballots"."opens_at" IS NOT NULL AND "ballots"."closes_at" IS NOT NULL)),
	CONSTRAINT "ballots_age_range" CHECK ("ballots"."min_age" IS NULL OR "ballots"."max_age" IS NULL OR "ballots"."min_age" <= "ballots"."max_age")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"ballot_id" integer NOT NULL,
	"option_id" integer NOT NULL,
	"idea_id" bigint,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"status" "decision_status" DEFAULT 'planned' NOT NULL,
	"evaluation_ballot_id" integer,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decisions_optionId_unique" UNIQUE("option_id")
);
--> statement-breakpoint
CREATE TABLE "implementation_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"decision_id" integer NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"department_id" integer,
	"due_on" date,
	"status" "decision_status" DEFAULT 'planned' NOT NULL,
	"progress" smallint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "implementation_items_progress" CHECK ("implementation_items"."progress" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "implementation_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"update_id" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_updates" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"author_id" uuid,
	"text" text NOT NULL,
	"progress" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"reason" text NOT NULL,
	"ballot_id" integer,
	"reward_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_nonzero" CHECK ("points_ledger"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" serial PRIMARY KEY NOT NULL,
	"title_ru" text NOT NULL,
	"title_en" text NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"cost" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_cost_positive" CHECK ("rewards"."cost" > 0)
);
--> statement-breakpoint
ALTER TABLE "role_grants" DROP CONSTRAINT "role_grants_expert_scope";--> statement-breakpoint
ALTER TABLE "abuse_flags" ADD CONSTRAINT "abuse_flags_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_flags" ADD CONSTRAINT "abuse_flags_comment_id_idea_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."idea_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_flags" ADD CONSTRAINT "abuse_flags_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "abuse_flags" ADD CONSTRAINT "abuse_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_assessments" ADD CONSTRAINT "idea_assessments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_assessments" ADD CONSTRAINT "idea_assessments_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_parent_id_idea_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."idea_comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_comments" ADD CONSTRAINT "idea_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_credits" ADD CONSTRAINT "idea_credits_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_credits" ADD CONSTRAINT "idea_credits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_credits" ADD CONSTRAINT "idea_credits_from_idea_id_ideas_id_fk" FOREIGN KEY ("from_idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_photos" ADD CONSTRAINT "idea_photos_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD CONSTRAINT "idea_supports_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD CONSTRAINT "idea_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_merged_into_id_ideas_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_districts" ADD CONSTRAINT "project_districts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_districts" ADD CONSTRAINT "project_districts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stages" ADD CONSTRAINT "project_stages_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_casts" ADD CONSTRAINT "ballot_casts_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_districts" ADD CONSTRAINT "ballot_districts_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_districts" ADD CONSTRAINT "ballot_districts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_ledger" ADD CONSTRAINT "ballot_ledger_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_question_id_ballot_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."ballot_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participations" ADD CONSTRAINT "ballot_participations_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participations" ADD CONSTRAINT "ballot_participations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_participations" ADD CONSTRAINT "ballot_participations_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD CONSTRAINT "ballot_questions_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_tally_shards" ADD CONSTRAINT "ballot_tally_shards_option_id_ballot_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."ballot_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_option_id_ballot_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."ballot_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_evaluation_ballot_id_ballots_id_fk" FOREIGN KEY ("evaluation_ballot_id") REFERENCES "public"."ballots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_items" ADD CONSTRAINT "implementation_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_items" ADD CONSTRAINT "implementation_items_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_photos" ADD CONSTRAINT "implementation_photos_update_id_implementation_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."implementation_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_updates" ADD CONSTRAINT "implementation_updates_item_id_implementation_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."implementation_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_updates" ADD CONSTRAINT "implementation_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "abuse_flags_once" ON "abuse_flags" USING btree ("reporter_id",coalesce("idea_id", 0),coalesce("comment_id", 0)) WHERE "abuse_flags"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "abuse_flags_open_idx" ON "abuse_flags" USING btree ("created_at") WHERE "abuse_flags"."resolved_at" IS NULL;--> statement-breakpoint
CREATE INDEX "idea_comments_idea_idx" ON "idea_comments" USING btree ("idea_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_comments_author_idx" ON "idea_comments" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "idea_photos_idea_idx" ON "idea_photos" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "idea_supports_user_idx" ON "idea_supports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ideas_project_new_idx" ON "ideas" USING btree ("project_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_project_supported_idx" ON "ideas" USING btree ("project_id","support_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_project_discussed_idx" ON "ideas" USING btree ("project_id","comment_count" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ideas_search_idx" ON "ideas" USING gin ("search");--> statement-breakpoint
CREATE INDEX "ideas_title_trgm_idx" ON "ideas" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ideas_tags_idx" ON "ideas" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "ideas_author_idx" ON "ideas" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "ideas_unmoderated_idx" ON "ideas" USING btree ("created_at") WHERE "ideas"."moderated_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_ledger_receipt" ON "ballot_ledger" USING btree ("ballot_id","receipt_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_options_position" ON "ballot_options" USING btree ("question_id","position");--> statement-breakpoint
CREATE INDEX "ballot_options_idea_idx" ON "ballot_options" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "ballot_participations_user_idx" ON "ballot_participations" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_questions_position" ON "ballot_questions" USING btree ("ballot_id","position");--> statement-breakpoint
CREATE INDEX "ballots_status_idx" ON "ballots" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "decisions_ballot_idx" ON "decisions" USING btree ("ballot_id");--> statement-breakpoint
CREATE INDEX "decisions_idea_idx" ON "decisions" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "implementation_items_decision_idx" ON "implementation_items" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "implementation_photos_update_idx" ON "implementation_photos" USING btree ("update_id");--> statement-breakpoint
CREATE INDEX "implementation_updates_item_idx" ON "implementation_updates" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "points_ledger_user_idx" ON "points_ledger" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_ballot_once" ON "points_ledger" USING btree ("user_id","ballot_id") WHERE "points_ledger"."reason" = 'ballot';--> statement-breakpoint
-- Expert grants made before projects existed point at no project and grant nothing: drop them before the key.
DELETE FROM "role_grants" WHERE "project_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_project_scope" CHECK ("role_grants"."role" IN ('expert', 'moderator') OR "role_grants"."project_id" IS NULL);