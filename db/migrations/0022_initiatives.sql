CREATE TYPE "public"."initiative_status" AS ENUM('pending', 'rejected', 'collecting', 'review', 'answered', 'voting', 'expired');--> statement-breakpoint
CREATE TABLE "initiative_photos" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"initiative_id" bigint NOT NULL,
	"mime_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_supports" (
	"initiative_id" bigint NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_supports_initiative_id_user_id_pk" PRIMARY KEY("initiative_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"author_id" uuid,
	"district_id" integer,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" "initiative_status" DEFAULT 'pending' NOT NULL,
	"threshold" integer,
	"collects_until" timestamp with time zone,
	"support_count" integer DEFAULT 0 NOT NULL,
	"noticed_percent" smallint DEFAULT 0 NOT NULL,
	"moderated_at" timestamp with time zone,
	"moderated_by" uuid,
	"rejected_reason" text,
	"reached_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"ballot_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_support_count_positive" CHECK ("initiatives"."support_count" >= 0),
	CONSTRAINT "initiatives_noticed_percent" CHECK ("initiatives"."noticed_percent" IN (0, 33, 66, 100)),
	CONSTRAINT "initiatives_threshold_positive" CHECK ("initiatives"."threshold" IS NULL OR "initiatives"."threshold" >= 1),
	CONSTRAINT "initiatives_open_has_rule" CHECK ("initiatives"."status" IN ('pending', 'rejected') OR ("initiatives"."threshold" IS NOT NULL AND "initiatives"."collects_until" IS NOT NULL)),
	CONSTRAINT "initiatives_rejected_has_reason" CHECK ("initiatives"."status" <> 'rejected' OR "initiatives"."rejected_reason" IS NOT NULL),
	CONSTRAINT "initiatives_answered_has_answer" CHECK ("initiatives"."status" <> 'answered' OR "initiatives"."answer" IS NOT NULL),
	CONSTRAINT "initiatives_voting_has_ballot" CHECK ("initiatives"."status" <> 'voting' OR "initiatives"."reached_at" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "initiative_photos" ADD CONSTRAINT "initiative_photos_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_supports" ADD CONSTRAINT "initiative_supports_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_supports" ADD CONSTRAINT "initiative_supports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_moderated_by_users_id_fk" FOREIGN KEY ("moderated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_photos_initiative_idx" ON "initiative_photos" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "initiative_supports_user_idx" ON "initiative_supports" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "initiatives_status_idx" ON "initiatives" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "initiatives_collecting_deadline_idx" ON "initiatives" USING btree ("collects_until") WHERE "initiatives"."status" = 'collecting';--> statement-breakpoint
CREATE INDEX "initiatives_author_idx" ON "initiatives" USING btree ("author_id") WHERE "initiatives"."author_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_district_idx" ON "initiatives" USING btree ("district_id") WHERE "initiatives"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_moderated_by_idx" ON "initiatives" USING btree ("moderated_by") WHERE "initiatives"."moderated_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_answered_by_idx" ON "initiatives" USING btree ("answered_by") WHERE "initiatives"."answered_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "initiatives_ballot_idx" ON "initiatives" USING btree ("ballot_id") WHERE "initiatives"."ballot_id" IS NOT NULL;