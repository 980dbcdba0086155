DROP INDEX "feedback_once";--> statement-breakpoint
ALTER TABLE "feedback" ALTER COLUMN "stage" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "feedback_once_per_stage" ON "feedback" USING btree ("user_id","subject","subject_id","stage");