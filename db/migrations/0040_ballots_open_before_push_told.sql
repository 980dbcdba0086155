-- Ballots already open (or past) when "a ballot opened" notices began (ADR 049) count as told: the sweeper must not
-- announce a ballot that opened long ago.
INSERT INTO ballot_open_broadcasts (ballot_id) SELECT id FROM ballots WHERE status IN ('open', 'closed', 'published') ON CONFLICT DO NOTHING;
