ALTER TABLE "points_ledger" ADD COLUMN "idea_id" bigint;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD COLUMN "report_id" bigint;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_idea_id_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_idea_once" ON "points_ledger" USING btree ("idea_id") WHERE "points_ledger"."idea_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_report_once" ON "points_ledger" USING btree ("report_id") WHERE "points_ledger"."report_id" IS NOT NULL;