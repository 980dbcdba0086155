-- Ballot casts are what was chosen until the ballot is sealed: the app role may add them, never change or remove
-- them (a changed cast would be sealed into the ledger as if chosen). Sealing discards them through this function,
-- which runs as the owner and refuses a ballot whose ledger is not complete.
REVOKE UPDATE, DELETE, TRUNCATE ON ballot_casts FROM vmeste_app;--> statement-breakpoint
GRANT SELECT, INSERT ON ballot_casts TO vmeste_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION discard_sealed_casts(p_ballot_id integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  removed integer;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM ballots b
    WHERE b.id = p_ballot_id AND b.status IN ('closed', 'published') AND b.entry_count IS NOT NULL
      AND b.entry_count = (SELECT count(*) FROM ballot_ledger l WHERE l.ballot_id = b.id)
      AND b.entry_count = (SELECT count(*) FROM ballot_casts c WHERE c.ballot_id = b.id)
  ) THEN
    RAISE EXCEPTION 'ballot % is not sealed: its casts stay', p_ballot_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  DELETE FROM ballot_casts WHERE ballot_id = p_ballot_id;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION discard_sealed_casts(integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION discard_sealed_casts(integer) TO vmeste_app;
