// The votes tool's part of the city's figures (ADR 011): who took part in each ballot by district of residence
// (never who), the days people voted, and the ballots open now.
import { sql } from '#app/utils/db.server';
import type { StatsDeclaration } from '#app/modules/manifest';

export const votesStats = {
  totals: ({ tx }) => [
    tx`SELECT 'ballots.turnout', b.id::text || ':' || coalesce(d.code, 'unknown'), count(*)
      FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id LEFT JOIN districts d ON d.id = p.district_id
      WHERE b.status IN ('open', 'closed', 'published') GROUP BY 2`,
    // Turnout by channel (ADR 048): where people voted, per ballot and in all; kept with who, never with what.
    tx`SELECT 'ballots.turnout_channel', p.ballot_id::text || ':' || p.channel::text, count(*)
      FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id WHERE b.status IN ('open', 'closed', 'published') GROUP BY 2`,
    tx`SELECT 'participation.channel', 'ballots:' || p.channel::text, count(*)
      FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id WHERE b.status IN ('open', 'closed', 'published') GROUP BY 2`,
  ],
  // A participation row has no time (it would tie a voter to a moment in the ledger); the points for voting have.
  participants: ({ tx, day, since }) => [tx`SELECT ${day('created_at')}, user_id FROM points_ledger WHERE reason = 'ballot' AND ${since('created_at')}`],
  operations: async () => {
    const [counts] = await sql<{ ballotsOpen: number }[]>`SELECT (SELECT count(*) FROM ballots WHERE status = 'open')::int AS "ballotsOpen"`;
    return counts!;
  },
} satisfies StatsDeclaration;

export type TurnoutRow = { ballotId: number; titleRu: string; titleEn: string; districtCode: string; districtRu: string; districtEn: string; voters: number };

/** Who took part in each ballot, by district of residence (never who), from the counted totals: the latest ballots first. */
export async function turnoutByDistrict(ballots = 3): Promise<TurnoutRow[]> {
  return sql<TurnoutRow[]>`
    WITH t AS (
      SELECT split_part(dimension, ':', 1)::int AS ballot_id, split_part(dimension, ':', 2) AS district_code, value
      FROM stats_totals WHERE metric = 'ballots.turnout'
    ), latest AS (SELECT DISTINCT ballot_id FROM t ORDER BY ballot_id DESC LIMIT ${ballots})
    SELECT b.id AS "ballotId", b.title_ru AS "titleRu", b.title_en AS "titleEn", t.district_code AS "districtCode",
      coalesce(d.name_ru, '—') AS "districtRu", coalesce(d.name_en, '—') AS "districtEn", t.value::int AS voters
    FROM t JOIN latest USING (ballot_id) JOIN ballots b ON b.id = t.ballot_id LEFT JOIN districts d ON d.code = t.district_code
    ORDER BY b.id DESC, t.district_code`;
}

export type TurnoutChannelRow = { ballotId: number; titleRu: string; titleEn: string; channel: string; voters: number };

/** Who took part in each ballot by channel (web, app, centre, api), from the counted totals: the latest ballots first. */
export async function turnoutByChannel(ballots = 3): Promise<TurnoutChannelRow[]> {
  return sql<TurnoutChannelRow[]>`
    WITH t AS (
      SELECT split_part(dimension, ':', 1)::int AS ballot_id, split_part(dimension, ':', 2) AS channel, value
      FROM stats_totals WHERE metric = 'ballots.turnout_channel'
    ), latest AS (SELECT DISTINCT ballot_id FROM t ORDER BY ballot_id DESC LIMIT ${ballots})
    SELECT b.id AS "ballotId", b.title_ru AS "titleRu", b.title_en AS "titleEn", t.channel, t.value::int AS voters
    FROM t JOIN latest USING (ballot_id) JOIN ballots b ON b.id = t.ballot_id
    ORDER BY b.id DESC, t.channel`;
}
