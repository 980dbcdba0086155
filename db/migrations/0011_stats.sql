CREATE TABLE "stats_daily" (
	"metric" text NOT NULL,
	"day" date NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "stats_daily_metric_day_dimension_pk" PRIMARY KEY("metric","day","dimension")
);
--> statement-breakpoint
CREATE TABLE "stats_totals" (
	"metric" text NOT NULL,
	"dimension" text DEFAULT '' NOT NULL,
	"value" double precision NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stats_totals_metric_dimension_pk" PRIMARY KEY("metric","dimension")
);
