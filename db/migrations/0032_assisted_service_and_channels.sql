CREATE TYPE "public"."participation_channel" AS ENUM('web', 'app', 'centre', 'api');--> statement-breakpoint
CREATE TYPE "public"."assisted_action_kind" AS ENUM('register', 'code', 'verify', 'report', 'idea', 'support', 'booth');--> statement-breakpoint
ALTER TYPE "public"."role_name" ADD VALUE 'consultant';--> statement-breakpoint
CREATE TABLE "access_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"issued_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assisted_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"consultant_id" uuid,
	"resident_id" uuid NOT NULL,
	"kind" "assisted_action_kind" NOT NULL,
	"target_id" text,
	"document_kind" text,
	"consent_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assisted_actions_document" CHECK (("assisted_actions"."kind"::text = 'verify') = ("assisted_actions"."document_kind" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "booth_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" integer NOT NULL,
	"ballot_id" integer NOT NULL,
	"resident_id" uuid NOT NULL,
	"opened_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_because" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "role_grants_unique";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "role_grants" ADD COLUMN "centre_id" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "channel" "participation_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "idea_supports" ADD COLUMN "channel" "participation_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "channel" "participation_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_participations" ADD COLUMN "channel" "participation_channel" DEFAULT 'web' NOT NULL;--> statement-breakpoint
ALTER TABLE "access_codes" ADD CONSTRAINT "access_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_codes" ADD CONSTRAINT "access_codes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assisted_actions" ADD CONSTRAINT "assisted_actions_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_sessions" ADD CONSTRAINT "booth_sessions_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_sessions" ADD CONSTRAINT "booth_sessions_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_sessions" ADD CONSTRAINT "booth_sessions_resident_id_users_id_fk" FOREIGN KEY ("resident_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booth_sessions" ADD CONSTRAINT "booth_sessions_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_codes_user_idx" ON "access_codes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "access_codes_issued_by_idx" ON "access_codes" USING btree ("issued_by") WHERE "access_codes"."issued_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "assisted_actions_centre_idx" ON "assisted_actions" USING btree ("centre_id","created_at");--> statement-breakpoint
CREATE INDEX "assisted_actions_consultant_idx" ON "assisted_actions" USING btree ("consultant_id") WHERE "assisted_actions"."consultant_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "assisted_actions_resident_idx" ON "assisted_actions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "booth_sessions_one_open" ON "booth_sessions" USING btree ("resident_id") WHERE "booth_sessions"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "booth_sessions_resident_idx" ON "booth_sessions" USING btree ("resident_id","created_at");--> statement-breakpoint
CREATE INDEX "booth_sessions_centre_idx" ON "booth_sessions" USING btree ("centre_id","created_at");--> statement-breakpoint
CREATE INDEX "booth_sessions_ballot_idx" ON "booth_sessions" USING btree ("ballot_id");--> statement-breakpoint
CREATE INDEX "booth_sessions_opened_by_idx" ON "booth_sessions" USING btree ("opened_by") WHERE "booth_sessions"."opened_by" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_grants_centre_idx" ON "role_grants" USING btree ("centre_id") WHERE "role_grants"."centre_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "role_grants_unique" ON "role_grants" USING btree ("user_id","role",coalesce("department_id", 0),coalesce("project_id", 0),coalesce("centre_id", 0));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_unique" UNIQUE("phone");--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_phone_format" CHECK ("users"."phone" IS NULL OR "users"."phone" ~ '^\+?[0-9]{5,15}$');--> statement-breakpoint
ALTER TABLE "role_grants" ADD CONSTRAINT "role_grants_centre_scope" CHECK (("role_grants"."role"::text = 'consultant') = ("role_grants"."centre_id" IS NOT NULL));