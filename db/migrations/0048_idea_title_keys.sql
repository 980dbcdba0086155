-- ADR 067: the similar-ideas lookup searches a project's distinct title keys (a title's words without its numbers),
-- then reads the ideas of the few keys that can rank, fewest trigrams first.
-- The words as pg_trgm splits them (runs of letters and digits, each lower-cased), without the words that are only
-- digits, joined by spaces: the trigrams of the key are the title's, less some that contain a digit.
CREATE OR REPLACE FUNCTION idea_title_key(title text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN coalesce((SELECT string_agg(lower(w), ' ') FROM regexp_split_to_table(title, '[^[:alnum:]]+') AS w WHERE w !~ '^[0-9]*$'), '');--> statement-breakpoint
CREATE TABLE "idea_title_keys" (
	"project_id" integer NOT NULL,
	"key" text NOT NULL,
	CONSTRAINT "idea_title_keys_project_id_key_pk" PRIMARY KEY("project_id","key")
);
--> statement-breakpoint
ALTER TABLE "idea_title_keys" ADD CONSTRAINT "idea_title_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idea_title_keys_trgm_idx" ON "idea_title_keys" USING gin ("key" gin_trgm_ops);--> statement-breakpoint
-- Not CONCURRENTLY: drizzle's migrator runs every pending migration in one transaction, where CREATE INDEX
-- CONCURRENTLY is refused. The build blocks writes to ideas (not reads) for its duration: ~1 s per 30,000 ideas on
-- the bench machine; on a large live table, create it CONCURRENTLY by hand first (the same definition, IF NOT EXISTS
-- makes this statement a no-op then).
CREATE INDEX IF NOT EXISTS "ideas_title_key_idx" ON "ideas" USING btree ("project_id",idea_title_key("title"),cardinality(show_trgm("title")));--> statement-breakpoint
-- A statement's new ideas add their keys once (a bulk insert: one aggregated insert); a renamed idea its new key.
CREATE OR REPLACE FUNCTION idea_title_keys_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_title_keys (project_id, key)
  SELECT DISTINCT project_id, idea_title_key(title) FROM new_rows ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION idea_title_keys_on_rename() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_title_keys (project_id, key) VALUES (NEW.project_id, idea_title_key(NEW.title)) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER idea_title_keys_insert AFTER INSERT ON ideas REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION idea_title_keys_on_insert();--> statement-breakpoint
CREATE TRIGGER idea_title_keys_rename AFTER UPDATE OF title, project_id ON ideas
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.project_id IS DISTINCT FROM NEW.project_id) EXECUTE FUNCTION idea_title_keys_on_rename();--> statement-breakpoint
INSERT INTO idea_title_keys (project_id, key) SELECT DISTINCT project_id, idea_title_key(title) FROM ideas ON CONFLICT DO NOTHING;
