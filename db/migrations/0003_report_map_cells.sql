CREATE TABLE "report_map_cells" (
	"level" smallint NOT NULL,
	"cx" integer NOT NULL,
	"cy" integer NOT NULL,
	"category_id" integer NOT NULL,
	"status" "report_status" NOT NULL,
	"district_id" integer NOT NULL,
	"overdue" boolean NOT NULL,
	"n" integer NOT NULL,
	"sum_lng" double precision NOT NULL,
	"sum_lat" double precision NOT NULL,
	CONSTRAINT "report_map_cells_level_cx_cy_category_id_status_district_id_overdue_pk" PRIMARY KEY("level","cx","cy","category_id","status","district_id","overdue")
);
