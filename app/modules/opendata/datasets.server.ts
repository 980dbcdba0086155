import { copyCsvStream, csvStream, jsonStream } from '#app/utils/streams.server';
import type { Dataset, Resource } from '#app/modules/manifest';
import { datasets as registered } from '#app/modules/registry.server';

export type { Dataset, Field, FieldType, Resource } from '#app/modules/manifest';

export const licence = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/' };

/** Every tool's datasets, in the registry's order. */
export const datasets: Dataset[] = [...registered];
export const findDataset = (id: string) => datasets.find((d) => d.id === id);

/** The Frictionless Data Package descriptor of a dataset. */
export function dataPackage(dataset: Dataset, baseUrl: string, updated: Date) {
  return {
    profile: 'data-package',
    name: dataset.id,
    title: dataset.title.en,
    description: dataset.description.en,
    licenses: [licence],
    updated: updated.toISOString(),
    resources: dataset.resources.map((r) => ({
      name: r.name,
      path: `${baseUrl}/data/${dataset.id}/${r.path}`,
      format: r.format,
      mediatype: r.mediatype,
      encoding: 'utf-8',
      schema: { fields: dataset.fields },
    })),
  };
}

/** Streams a resource as CSV, GeoJSON or JSON; nothing is built in memory. */
export function streamResource(dataset: Dataset, resource: Resource): ReadableStream<Uint8Array> {
  const names = dataset.fields.map((f) => f.name);
  if (resource.format === 'csv') return dataset.csvSelect ? copyCsvStream(dataset.csvSelect) : csvStream(dataset.rows(), names);
  const properties = (row: Record<string, unknown>) => Object.fromEntries(names.map((n) => [n, row[n] ?? null]));
  if (resource.format === 'geojson') {
    return jsonStream(dataset.rows(), (row) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [row.lng, row.lat] }, properties: properties(row) }), '{"type":"FeatureCollection","features":[', ']}');
  }
  return jsonStream(dataset.rows(), properties);
}
