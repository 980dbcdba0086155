CREATE INDEX "role_grants_department_idx" ON "role_grants" USING btree ("department_id") WHERE "role_grants"."department_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "role_grants_project_idx" ON "role_grants" USING btree ("project_id") WHERE "role_grants"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "email_outbox_user_idx" ON "email_outbox" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "report_answers_report_idx" ON "report_answers" USING btree ("report_id","created_at");--> statement-breakpoint
CREATE INDEX "report_answers_department_idx" ON "report_answers" USING btree ("department_id","created_at");--> statement-breakpoint
CREATE INDEX "report_events_actor_idx" ON "report_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "report_followers_user_idx" ON "report_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reports_category_idx" ON "reports" USING btree ("category_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_district_idx" ON "reports" USING btree ("district_id","created_at");--> statement-breakpoint
CREATE INDEX "abuse_flags_idea_idx" ON "abuse_flags" USING btree ("idea_id") WHERE "abuse_flags"."idea_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "abuse_flags_comment_idx" ON "abuse_flags" USING btree ("comment_id") WHERE "abuse_flags"."comment_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idea_comments_parent_idx" ON "idea_comments" USING btree ("parent_id") WHERE "idea_comments"."parent_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idea_credits_user_idx" ON "idea_credits" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ideas_merged_into_idx" ON "ideas" USING btree ("merged_into_id") WHERE "ideas"."merged_into_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ballots_project_idx" ON "ballots" USING btree ("project_id") WHERE "ballots"."project_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "decisions_evaluation_idx" ON "decisions" USING btree ("evaluation_ballot_id");--> statement-breakpoint
CREATE INDEX "implementation_items_department_idx" ON "implementation_items" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "points_ledger_ballot_idx" ON "points_ledger" USING btree ("ballot_id") WHERE "points_ledger"."ballot_id" IS NOT NULL;