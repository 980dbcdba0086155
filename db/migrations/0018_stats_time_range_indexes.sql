CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_revoked_idx" ON "sessions" USING btree ("revoked_at") WHERE "sessions"."revoked_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "sign_in_failures_at_idx" ON "sign_in_failures" USING btree ("at");--> statement-breakpoint
CREATE INDEX "report_answers_created_brin" ON "report_answers" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "reports_created_idx" ON "reports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "reports_closed_idx" ON "reports" USING btree ("closed_at") WHERE "reports"."closed_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idea_comments_created_brin" ON "idea_comments" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "idea_supports_created_brin" ON "idea_supports" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "ideas_created_idx" ON "ideas" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "points_ledger_created_brin" ON "points_ledger" USING brin ("created_at");--> statement-breakpoint
CREATE INDEX "feedback_created_brin" ON "feedback" USING brin ("created_at");