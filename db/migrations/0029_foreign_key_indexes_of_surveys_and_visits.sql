CREATE INDEX "survey_drafts_user_idx" ON "survey_drafts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "survey_photos_uploaded_by_idx" ON "survey_photos" USING btree ("uploaded_by") WHERE "survey_photos"."uploaded_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "survey_responses_user_idx" ON "survey_responses" USING btree ("user_id") WHERE "survey_responses"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "surveys_created_by_idx" ON "surveys" USING btree ("created_by") WHERE "surveys"."created_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "visits_centre_idx" ON "visits" USING btree ("centre_id");--> statement-breakpoint
CREATE INDEX "visits_user_idx" ON "visits" USING btree ("user_id");