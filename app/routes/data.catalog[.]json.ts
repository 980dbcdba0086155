import { datasets, licence } from '#app/modules/opendata/datasets.server';
import { appOrigin } from '#app/utils/env.server';

/** The catalogue as JSON: each dataset with its id, title and the URL of its datapackage.json. */
export async function loader() {
  const base = appOrigin();
  const entries = await Promise.all(
    datasets.map(async (d) => {
      const { rows, updated } = await d.state();
      return { id: d.id, title: d.title.en, title_ru: d.title.ru, rows, updated: updated.toISOString(), licence: licence.name, formats: d.resources.map((r) => r.format), datapackage: `${base}/data/${d.id}/datapackage.json` };
    }),
  );
  return Response.json({ datasets: entries }, { headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=60' } });
}
