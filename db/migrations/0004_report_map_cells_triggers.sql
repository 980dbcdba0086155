-- Keeps report_map_cells in step with reports: statement-level triggers with transition tables, so a bulk COPY
-- costs one aggregated upsert, not one per row. Levels 11..19 serve map zooms 8..16 (level = zoom + 3).
-- Deltas are applied in key order so concurrent writers lock cells in the same order (no deadlocks).
-- A view of "signed report rows" is not possible over transition tables, hence the three similar statements.
CREATE OR REPLACE FUNCTION report_map_cells_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_map_cells AS c (level, cx, cy, category_id, status, district_id, overdue, n, sum_lng, sum_lat)
  SELECT l, floor(ST_X(r.location) / (360.0::float8 / (1 << l)))::int, floor(ST_Y(r.location) / (360.0::float8 / (1 << l)))::int,
         r.category_id, r.status, coalesce(r.district_id, 0), r.overdue, count(*)::int, sum(ST_X(r.location)), sum(ST_Y(r.location))
  FROM new_rows r, generate_series(11, 19) AS l
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (level, cx, cy, category_id, status, district_id, overdue) DO UPDATE
    SET n = c.n + EXCLUDED.n, sum_lng = c.sum_lng + EXCLUDED.sum_lng, sum_lat = c.sum_lat + EXCLUDED.sum_lat;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_map_cells_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_map_cells AS c (level, cx, cy, category_id, status, district_id, overdue, n, sum_lng, sum_lat)
  SELECT l, floor(ST_X(r.location) / (360.0::float8 / (1 << l)))::int, floor(ST_Y(r.location) / (360.0::float8 / (1 << l)))::int,
         r.category_id, r.status, coalesce(r.district_id, 0), r.overdue, -count(*)::int, -sum(ST_X(r.location)), -sum(ST_Y(r.location))
  FROM old_rows r, generate_series(11, 19) AS l
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (level, cx, cy, category_id, status, district_id, overdue) DO UPDATE
    SET n = c.n + EXCLUDED.n, sum_lng = c.sum_lng + EXCLUDED.sum_lng, sum_lat = c.sum_lat + EXCLUDED.sum_lat;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_map_cells_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only rows whose place, category, status, district or overdue flag changed move between cells.
  INSERT INTO report_map_cells AS c (level, cx, cy, category_id, status, district_id, overdue, n, sum_lng, sum_lat)
  SELECT l, floor(d.x / (360.0::float8 / (1 << l)))::int, floor(d.y / (360.0::float8 / (1 << l)))::int,
         d.category_id, d.status, d.district_id, d.overdue, sum(d.sign)::int, sum(d.sign * d.x), sum(d.sign * d.y)
  FROM (
    SELECT s.sign, CASE WHEN s.sign < 0 THEN ST_X(o.location) ELSE ST_X(n.location) END AS x,
           CASE WHEN s.sign < 0 THEN ST_Y(o.location) ELSE ST_Y(n.location) END AS y,
           CASE WHEN s.sign < 0 THEN o.category_id ELSE n.category_id END AS category_id,
           CASE WHEN s.sign < 0 THEN o.status ELSE n.status END AS status,
           coalesce(CASE WHEN s.sign < 0 THEN o.district_id ELSE n.district_id END, 0) AS district_id,
           CASE WHEN s.sign < 0 THEN o.overdue ELSE n.overdue END AS overdue
    FROM old_rows o JOIN new_rows n USING (id), (VALUES (-1), (1)) AS s(sign)
    WHERE (ST_X(o.location), ST_Y(o.location), o.category_id, o.status, o.district_id, o.overdue)
          IS DISTINCT FROM (ST_X(n.location), ST_Y(n.location), n.category_id, n.status, n.district_id, n.overdue)
  ) d, generate_series(11, 19) AS l
  GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
  ON CONFLICT (level, cx, cy, category_id, status, district_id, overdue) DO UPDATE
    SET n = c.n + EXCLUDED.n, sum_lng = c.sum_lng + EXCLUDED.sum_lng, sum_lat = c.sum_lat + EXCLUDED.sum_lat;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER reports_map_cells_insert AFTER INSERT ON reports REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_map_cells_on_insert();--> statement-breakpoint
CREATE TRIGGER reports_map_cells_update AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_map_cells_on_update();--> statement-breakpoint
CREATE TRIGGER reports_map_cells_delete AFTER DELETE ON reports REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_map_cells_on_delete();--> statement-breakpoint
-- Reports that existed before this migration.
INSERT INTO report_map_cells (level, cx, cy, category_id, status, district_id, overdue, n, sum_lng, sum_lat)
SELECT l, floor(ST_X(r.location) / (360.0::float8 / (1 << l)))::int, floor(ST_Y(r.location) / (360.0::float8 / (1 << l)))::int,
       r.category_id, r.status, coalesce(r.district_id, 0), r.overdue, count(*)::int, sum(ST_X(r.location)), sum(ST_Y(r.location))
FROM reports r, generate_series(11, 19) AS l
GROUP BY 1, 2, 3, 4, 5, 6, 7;
