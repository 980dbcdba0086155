ALTER TYPE "public"."question_kind" ADD VALUE 'ranked';--> statement-breakpoint
ALTER TYPE "public"."question_kind" ADD VALUE 'graded';--> statement-breakpoint
ALTER TYPE "public"."question_kind" ADD VALUE 'budget';--> statement-breakpoint
ALTER TABLE "ballot_questions" DROP CONSTRAINT "ballot_questions_max";--> statement-breakpoint
ALTER TABLE "ballot_options" ADD COLUMN "cost" bigint;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD COLUMN "rule" text DEFAULT 'plurality' NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD COLUMN "cart" text;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD COLUMN "budget" bigint;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD COLUMN "min_spend" bigint;--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "amount" bigint;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "currency" text;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_cost" CHECK ("ballot_options"."cost" IS NULL OR "ballot_options"."cost" > 0);--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD CONSTRAINT "ballot_questions_rule" CHECK (("ballot_questions"."kind"::text IN ('single', 'multiple') AND "ballot_questions"."rule" = 'plurality') OR ("ballot_questions"."kind"::text = 'ranked' AND "ballot_questions"."rule" IN ('schulze', 'instant-runoff')) OR ("ballot_questions"."kind"::text = 'graded' AND "ballot_questions"."rule" = 'majority-judgment') OR ("ballot_questions"."kind"::text = 'budget' AND "ballot_questions"."rule" IN ('greedy', 'equal-shares')));--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD CONSTRAINT "ballot_questions_budget" CHECK (("ballot_questions"."kind"::text = 'budget') = ("ballot_questions"."budget" IS NOT NULL AND "ballot_questions"."currency" IS NOT NULL AND "ballot_questions"."cart" IN ('knapsack', 'approval')) AND ("ballot_questions"."budget" IS NULL OR "ballot_questions"."budget" > 0) AND ("ballot_questions"."min_spend" IS NULL OR ("ballot_questions"."min_spend" >= 0 AND "ballot_questions"."min_spend" <= "ballot_questions"."budget")));--> statement-breakpoint
ALTER TABLE "ballot_questions" ADD CONSTRAINT "ballot_questions_max" CHECK ("ballot_questions"."max_choices" >= 1 AND ("ballot_questions"."kind"::text IN ('multiple', 'budget') OR "ballot_questions"."max_choices" = 1));