CREATE TYPE "public"."idea_feasibility" AS ENUM('feasible', 'infeasible');--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "proposed_cost" bigint;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "cost" bigint;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "feasibility" "idea_feasibility";--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "feasibility_reason" text;--> statement-breakpoint
ALTER TABLE "ideas" ADD COLUMN "district_id" integer;--> statement-breakpoint
ALTER TABLE "project_districts" ADD COLUMN "budget" bigint;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "budget" bigint;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ideas_district_idx" ON "ideas" USING btree ("district_id") WHERE "ideas"."district_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_costs_positive" CHECK (("ideas"."proposed_cost" IS NULL OR "ideas"."proposed_cost" > 0) AND ("ideas"."cost" IS NULL OR "ideas"."cost" > 0));--> statement-breakpoint
ALTER TABLE "ideas" ADD CONSTRAINT "ideas_feasibility" CHECK ("ideas"."feasibility" IS NULL OR ("ideas"."feasibility" = 'feasible' AND "ideas"."cost" IS NOT NULL) OR ("ideas"."feasibility" = 'infeasible' AND "ideas"."feasibility_reason" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "project_districts" ADD CONSTRAINT "project_districts_budget" CHECK ("project_districts"."budget" IS NULL OR "project_districts"."budget" > 0);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_budget" CHECK (("projects"."budget" IS NULL OR ("projects"."budget" > 0 AND "projects"."currency" IS NOT NULL)) AND ("projects"."currency" IS NULL OR "projects"."currency" ~ '^[A-Z]{3}$'));