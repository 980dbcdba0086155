-- The sealed ballot ledger and the points ledger are append-only for the app: it may read and add rows only.
REVOKE UPDATE, DELETE, TRUNCATE ON ballot_ledger FROM vmeste_app;--> statement-breakpoint
GRANT SELECT, INSERT ON ballot_ledger TO vmeste_app;--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON points_ledger FROM vmeste_app;--> statement-breakpoint
GRANT SELECT, INSERT ON points_ledger TO vmeste_app;
