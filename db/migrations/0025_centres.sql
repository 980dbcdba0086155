CREATE TYPE "public"."life_situation" AS ENUM('birth', 'moving', 'documents', 'family', 'retirement', 'business');--> statement-breakpoint
CREATE TYPE "public"."visit_status" AS ENUM('booked', 'cancelled', 'served', 'no_show');--> statement-breakpoint
CREATE TABLE "centre_hours" (
	"centre_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"opens" time NOT NULL,
	"closes" time NOT NULL,
	CONSTRAINT "centre_hours_centre_id_weekday_pk" PRIMARY KEY("centre_id","weekday"),
	CONSTRAINT "centre_hours_weekday" CHECK ("centre_hours"."weekday" BETWEEN 0 AND 7),
	CONSTRAINT "centre_hours_order" CHECK ("centre_hours"."opens" < "centre_hours"."closes")
);
--> statement-breakpoint
CREATE TABLE "centre_services" (
	"centre_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	CONSTRAINT "centre_services_centre_id_service_id_pk" PRIMARY KEY("centre_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "centres" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"address_ru" text NOT NULL,
	"address_en" text NOT NULL,
	"district_id" integer,
	"location" geometry(Point, 4326) NOT NULL,
	"windows" smallint NOT NULL,
	"slot_minutes" smallint DEFAULT 15 NOT NULL,
	"accessibility_ru" text,
	"accessibility_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "centres_code_unique" UNIQUE("code"),
	CONSTRAINT "centres_windows" CHECK ("centres"."windows" BETWEEN 1 AND 99),
	CONSTRAINT "centres_slot_minutes" CHECK ("centres"."slot_minutes" BETWEEN 5 AND 120)
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"situation" "life_situation" NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"description_ru" text NOT NULL,
	"description_en" text NOT NULL,
	"documents_ru" text NOT NULL,
	"documents_en" text NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code"),
	CONSTRAINT "services_duration" CHECK ("services"."duration_minutes" BETWEEN 1 AND 480)
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"window" smallint NOT NULL,
	"status" "visit_status" DEFAULT 'booked' NOT NULL,
	"reminded_day_at" timestamp with time zone,
	"reminded_hour_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "visits_window" CHECK ("visits"."window" BETWEEN 1 AND 99)
);
--> statement-breakpoint
ALTER TABLE "centre_hours" ADD CONSTRAINT "centre_hours_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_services" ADD CONSTRAINT "centre_services_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centre_services" ADD CONSTRAINT "centre_services_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "centres" ADD CONSTRAINT "centres_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "centre_services_service_idx" ON "centre_services" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "centres_location_idx" ON "centres" USING gist ("location");--> statement-breakpoint
CREATE INDEX "centres_district_idx" ON "centres" USING btree ("district_id") WHERE "centres"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visits_one_per_window" ON "visits" USING btree ("centre_id","window","starts_at") WHERE "visits"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "visits_one_per_person" ON "visits" USING btree ("user_id","starts_at") WHERE "visits"."status" <> 'cancelled';--> statement-breakpoint
CREATE INDEX "visits_service_idx" ON "visits" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "visits_due_idx" ON "visits" USING btree ("starts_at") WHERE "visits"."status" = 'booked';