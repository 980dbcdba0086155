-- Sessions started before the column existed: the last request known for certain is the sign-in.
UPDATE sessions SET last_seen_at = created_at;
