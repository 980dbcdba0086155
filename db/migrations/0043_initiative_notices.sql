CREATE TABLE "initiative_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"initiative_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"told_through" uuid,
	"finished_at" timestamp with time zone,
	CONSTRAINT "initiative_notices_kind" CHECK ("initiative_notices"."kind" IN ('progress', 'reached', 'expired', 'answered', 'voting'))
);
--> statement-breakpoint
ALTER TABLE "initiative_notices" ADD CONSTRAINT "initiative_notices_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_notices_initiative_idx" ON "initiative_notices" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "initiative_notices_unfinished_idx" ON "initiative_notices" USING btree ("id") WHERE "initiative_notices"."finished_at" IS NULL;