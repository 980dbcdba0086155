CREATE TABLE "addresses" (
	"id" serial PRIMARY KEY NOT NULL,
	"ref" text NOT NULL,
	"street_ru" text NOT NULL,
	"street_en" text NOT NULL,
	"house" text NOT NULL,
	"full_ru" text NOT NULL,
	"full_en" text NOT NULL,
	"district_id" integer,
	"location" geometry(Point, 4326) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "addresses_ref_unique" UNIQUE("ref")
);
--> statement-breakpoint
ALTER TABLE "addresses" ADD CONSTRAINT "addresses_district_id_districts_id_fk" FOREIGN KEY ("district_id") REFERENCES "public"."districts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "addresses_full_ru_trgm" ON "addresses" USING gin ("full_ru" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "addresses_full_en_trgm" ON "addresses" USING gin ("full_en" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "addresses_district_idx" ON "addresses" USING btree ("district_id") WHERE "addresses"."district_id" IS NOT NULL;