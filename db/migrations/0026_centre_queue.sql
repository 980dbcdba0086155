CREATE TYPE "public"."ticket_kind" AS ENUM('walk_in', 'visit');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('waiting', 'called', 'served', 'no_show');--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" serial PRIMARY KEY NOT NULL,
	"centre_id" integer NOT NULL,
	"day" date NOT NULL,
	"number" integer NOT NULL,
	"kind" "ticket_kind" NOT NULL,
	"visit_id" integer,
	"service_id" integer NOT NULL,
	"status" "ticket_status" DEFAULT 'waiting' NOT NULL,
	"window" smallint,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"called_by" uuid,
	CONSTRAINT "tickets_window" CHECK ("tickets"."window" IS NULL OR "tickets"."window" BETWEEN 1 AND 99),
	CONSTRAINT "tickets_called" CHECK (("tickets"."status" = 'waiting') = ("tickets"."called_at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_centre_id_centres_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centres"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number" ON "tickets" USING btree ("centre_id","day","number");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_visit" ON "tickets" USING btree ("visit_id") WHERE "tickets"."visit_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_one_called_per_window" ON "tickets" USING btree ("centre_id","window") WHERE "tickets"."status" = 'called';--> statement-breakpoint
CREATE INDEX "tickets_waiting_idx" ON "tickets" USING btree ("centre_id","day") WHERE "tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "tickets_service_idx" ON "tickets" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "tickets_called_by_idx" ON "tickets" USING btree ("called_by") WHERE "tickets"."called_by" IS NOT NULL;