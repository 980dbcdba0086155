CREATE INDEX "role_grants_granted_by_idx" ON "role_grants" USING btree ("granted_by") WHERE "role_grants"."granted_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "users_district_idx" ON "users" USING btree ("district_id") WHERE "users"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "users_blocked_by_idx" ON "users" USING btree ("blocked_by") WHERE "users"."blocked_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "department_districts_district_idx" ON "department_districts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "districts_parent_idx" ON "districts" USING btree ("parent_id") WHERE "districts"."parent_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "routing_exceptions_district_idx" ON "routing_exceptions" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "routing_exceptions_department_idx" ON "routing_exceptions" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "report_answers_author_idx" ON "report_answers" USING btree ("author_id") WHERE "report_answers"."author_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reports_moderation_queue_idx" ON "reports" USING btree ("created_at","id") WHERE "reports"."status" = 'submitted' AND "reports"."moderated_at" IS NULL;--> statement-breakpoint
CREATE INDEX "api_keys_created_by_idx" ON "api_keys" USING btree ("created_by") WHERE "api_keys"."created_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "abuse_flags_reporter_idx" ON "abuse_flags" USING btree ("reporter_id");--> statement-breakpoint
CREATE INDEX "abuse_flags_resolved_by_idx" ON "abuse_flags" USING btree ("resolved_by") WHERE "abuse_flags"."resolved_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "idea_assessments_expert_idx" ON "idea_assessments" USING btree ("expert_id");--> statement-breakpoint
CREATE INDEX "idea_credits_from_idea_idx" ON "idea_credits" USING btree ("from_idea_id") WHERE "idea_credits"."from_idea_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "project_districts_district_idx" ON "project_districts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "projects_created_by_idx" ON "projects" USING btree ("created_by") WHERE "projects"."created_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ballot_districts_district_idx" ON "ballot_districts" USING btree ("district_id");--> statement-breakpoint
CREATE INDEX "ballot_participations_district_idx" ON "ballot_participations" USING btree ("district_id") WHERE "ballot_participations"."district_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ballots_created_by_idx" ON "ballots" USING btree ("created_by") WHERE "ballots"."created_by" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "implementation_updates_author_idx" ON "implementation_updates" USING btree ("author_id") WHERE "implementation_updates"."author_id" IS NOT NULL;