-- The audit log is append-only for the app: it may read and add rows, never change or remove them.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM vmeste_app;--> statement-breakpoint
GRANT SELECT, INSERT ON audit_log TO vmeste_app;--> statement-breakpoint
GRANT SELECT ON spatial_ref_sys TO vmeste_app;
