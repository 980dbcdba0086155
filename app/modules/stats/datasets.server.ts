// The stats tool's open data: participation by channel (ADR 048), from the figures the tools counted.
import { sql } from '#app/utils/db.server';
import { datasetState } from '#app/utils/streams.server';
import type { Dataset } from '#app/modules/manifest';

export const participationChannelsDataset: Dataset = {
  id: 'participation-by-channel',
  title: { ru: 'Участие по каналам', en: 'Participation by channel' },
  description: {
    ru: 'Сколько обращений, идей, поддержек идей и голосов пришло через сайт, приложение, центры услуг (с помощью консультанта) и API (Open311), всего и по каждому голосованию. Кто и как голосовал, не публикуется.',
    en: 'How many reports, ideas, supports of ideas and votes came through the website, the app, the service centres (with a consultant) and the API (Open311), in all and per ballot. Who voted and how is never published.',
  },
  fields: [
    { name: 'activity', type: 'string', description: 'reports, ideas, supports or ballots' },
    { name: 'ballot_id', type: 'integer', description: 'The ballot (its turnout by channel); empty for the city-wide counts' },
    { name: 'channel', type: 'string', description: 'web, app, centre or api' },
    { name: 'count', type: 'integer', description: 'How many, as last counted' },
  ],
  resources: [{ name: 'participation-by-channel-csv', path: 'participation-by-channel.csv', format: 'csv', mediatype: 'text/csv' }],
  state: () => datasetState(sql`SELECT count(*)::int AS rows, max(counted_at) AS updated FROM stats_totals WHERE metric IN ('participation.channel', 'ballots.turnout_channel')`),
  rows: async function* () {
    const cursor = sql`
      SELECT split_part(dimension, ':', 1) AS activity, NULL::int AS ballot_id, split_part(dimension, ':', 2) AS channel, value::int AS count
      FROM stats_totals WHERE metric = 'participation.channel'
      UNION ALL
      SELECT 'ballots', split_part(dimension, ':', 1)::int, split_part(dimension, ':', 2), value::int
      FROM stats_totals WHERE metric = 'ballots.turnout_channel'
      ORDER BY 1, 2 NULLS FIRST, 3`.cursor(1000);
    for await (const batch of cursor) yield batch;
  },
  csvSelect: `SELECT split_part(dimension, ':', 1) AS activity, NULL::int AS ballot_id, split_part(dimension, ':', 2) AS channel, value::int AS count
    FROM stats_totals WHERE metric = 'participation.channel'
    UNION ALL
    SELECT 'ballots', split_part(dimension, ':', 1)::int, split_part(dimension, ':', 2), value::int FROM stats_totals WHERE metric = 'ballots.turnout_channel'
    ORDER BY 1, 2 NULLS FIRST, 3`,
};
