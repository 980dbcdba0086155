// The schema's own rules, checked against the migrated database.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';

afterAll(closeConnections);

describe('the schema', () => {
  it('indexes every foreign key, except those to tables whose rows are never deleted in bulk', async () => {
    // users: an account is anonymised, not deleted (/me/data), so no ON DELETE ever scans for it;
    // districts and departments: a few dozen rows the city edits by hand.
    const referencedRarely = new Set(['users', 'districts', 'departments']);
    // idea_credits.from_idea_id: read only with its idea (by idea_id, indexed); a merged idea is kept, not deleted.
    const allowed = new Set(['idea_credits.from_idea_id']);
    const unindexed = await sql<{ tbl: string; col: string; ref: string }[]>`
      SELECT c.conrelid::regclass::text AS tbl, a.attname AS col, c.confrelid::regclass::text AS ref
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])`;
    const missing = unindexed.filter((u) => !referencedRarely.has(u.ref) && !allowed.has(`${u.tbl}.${u.col}`)).map((u) => `${u.tbl}.${u.col} → ${u.ref}`);
    expect(missing).toEqual([]);
  });
});
