// The schema's own rules, checked against the migrated database.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';

afterAll(closeConnections);

describe('the schema', () => {
  it('indexes every foreign key, with an index whose rows include every referencing row', async () => {
    // An index leading with the column serves the ON DELETE scan and the joins; a partial one only if it keeps every
    // row that can reference (`col IS NOT NULL`): notifications(user_id) WHERE read_at IS NULL does not.
    const unindexed = await sql<{ fk: string }[]>`
      SELECT c.conrelid::regclass::text || '.' || a.attname || ' → ' || c.confrelid::regclass::text AS fk
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
        AND NOT EXISTS (
          SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1]
            AND (i.indpred IS NULL OR pg_get_expr(i.indpred, i.indrelid) = format('(%I IS NOT NULL)', a.attname)))
      ORDER BY 1`;
    expect(unindexed.map((u) => u.fk)).toEqual([]);
  });
});
