DROP INDEX "ideas_title_trgm_gist_idx";--> statement-breakpoint
CREATE INDEX "ideas_title_lower_trgm_gist_idx" ON "ideas" USING gist (lower("title") gist_trgm_ops);