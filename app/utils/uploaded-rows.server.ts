// The rows of an uploaded table (the centres' import, the address registry's, the service catalogue's): a CSV with a
// header row, or a GeoJSON FeatureCollection of points whose properties are the columns, or (for the catalogue) a JSON
// array of objects. One reader, so the imports take the same files.
import { parse } from 'csv-parse/sync';
import type { Translate } from '#app/utils/i18n';

/**
 * One row as the file gives it: `index` its place among the rows (0 first), `line` a CSV row's line in the file (the
 * header is line 1; null for a GeoJSON feature), and its values, a point's coordinates as `longitude` and `latitude`.
 */
export type UploadedRow = { index: number; line: number | null; values: Record<string, unknown> };

/**
 * Reads at most `maxRows + 1` rows (one more than allowed, so the caller can say there are too many), or says what is
 * wrong with the file as a whole. A file is GeoJSON when it starts with `{` or is named .json or .geojson; with
 * `jsonRows` (a table of things without a place, the service catalogue's), a JSON array of objects is read too, each
 * object a row whose keys are the columns.
 */
export function readUploadedRows(fileName: string, content: string, maxRows: number, t: Translate, { jsonRows = false } = {}): { format: 'csv' | 'geojson' | 'json'; rows: UploadedRow[] } | string {
  const start = content.trimStart()[0];
  if (start === '{' || (jsonRows && start === '[') || /\.(geo)?json$/i.test(fileName)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      return t('admin.geojson.notJson');
    }
    if (jsonRows && Array.isArray(parsed)) {
      const rows = parsed.slice(0, maxRows + 1).map((raw: unknown, index: number) => ({ index, line: null, values: raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {} }));
      return { format: 'json', rows };
    }
    const collection = parsed as { type?: unknown; features?: unknown };
    if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return t('admin.geojson.notCollection');
    const rows = collection.features.slice(0, maxRows + 1).map((raw: unknown, index: number) => {
      const feature = raw as { geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> | null };
      const point = feature?.geometry?.type === 'Point' && Array.isArray(feature.geometry.coordinates) ? feature.geometry.coordinates : [];
      return { index, line: null, values: { ...(feature?.properties ?? {}), longitude: point[0], latitude: point[1] } };
    });
    return { format: 'geojson', rows };
  }
  try {
    const records = parse(content, { columns: true, skip_empty_lines: true, trim: true, bom: true, to: maxRows + 1, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
    return { format: 'csv', rows: records.map(({ record, info }, index) => ({ index, line: info.lines, values: record })) };
  } catch (error) {
    return (error as Error).message.slice(0, 200);
  }
}

/** A value of a row as a form would post it: text as it is, a number as its digits, anything else as JSON. */
export const asText = (v: unknown) => (v === undefined || v === null ? undefined : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v));
