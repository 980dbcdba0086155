CREATE TYPE "public"."area_alert_status" AS ENUM('pending', 'active', 'paused');--> statement-breakpoint
CREATE TABLE "area_alert_digests" (
	"alert_id" integer NOT NULL,
	"day" date NOT NULL,
	"reports" integer NOT NULL,
	"answers" integer NOT NULL,
	"outbox_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_alert_digests_alert_id_day_pk" PRIMARY KEY("alert_id","day")
);
--> statement-breakpoint
CREATE TABLE "area_alerts" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"email" text,
	"locale" text DEFAULT 'ru' NOT NULL,
	"district_id" integer,
	"lat" double precision,
	"lng" double precision,
	"radius" integer,
	"label" text NOT NULL,
	"status" "area_alert_status" DEFAULT 'pending' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmation_sent_at" timestamp with time zone,
	"digest_from" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "area_alerts_owner" CHECK (("area_alerts"."user_id" IS NULL) <> ("area_alerts"."email" IS NULL)),
	CONSTRAINT "area_alerts_area" CHECK (("area_alerts"."district_id" IS NOT NULL AND "area_alerts"."lat" IS NULL AND "area_alerts"."lng" IS NULL AND "area_alerts"."radius" IS NULL) OR ("area_alerts"."district_id" IS NULL AND "area_alerts"."lat" BETWEEN -90 AND 90 AND "area_alerts"."lng" BETWEEN -180 AND 180 AND "area_alerts"."radius" BETWEEN 50 AND 5000)),
	CONSTRAINT "area_alerts_locale" CHECK ("area_alerts"."locale" IN ('ru', 'en'))
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "unsubscribe_url" text;--> statement-breakpoint
ALTER TABLE "area_alert_digests" ADD CONSTRAINT "area_alert_digests_alert_id_area_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."area_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_alert_digests" ADD CONSTRAINT "area_alert_digests_outbox_id_email_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."email_outbox"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_alerts" ADD CONSTRAINT "area_alerts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_alerts" ADD CONSTRAINT "area_alerts_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "area_alert_digests_outbox_idx" ON "area_alert_digests" USING btree ("outbox_id") WHERE "area_alert_digests"."outbox_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "area_alerts_one_per_area" ON "area_alerts" USING btree (coalesce("user_id"::text, lower("email")),coalesce("district_id", 0),coalesce("lat", 0),coalesce("lng", 0),coalesce("radius", 0));--> statement-breakpoint
CREATE INDEX "area_alerts_user_idx" ON "area_alerts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "area_alerts_district_idx" ON "area_alerts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "area_alerts_active_idx" ON "area_alerts" USING btree ("id") WHERE "area_alerts"."status" = 'active';