-- Extensions need a superuser on most servers: scripts/services.mjs creates them for the local servers,
-- an operator does it once for a managed one; here they are only checked.
CREATE EXTENSION IF NOT EXISTS postgis;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS citext;--> statement-breakpoint
-- The role the web and worker processes act as (SET ROLE at connect). It gets data rights, never DDL.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vmeste_app') THEN
    CREATE ROLE vmeste_app NOLOGIN;
  END IF;
END $$;--> statement-breakpoint
GRANT vmeste_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO vmeste_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO vmeste_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO vmeste_app;
