-- ADR 048: the reports an Open311 client filed before the channel existed came through the API.
UPDATE reports SET channel = 'api' WHERE source = 'open311';
