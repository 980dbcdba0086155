import { sql } from 'drizzle-orm';
import { db } from '#app/utils/db.server';
import type { MessageKey, Params } from '#app/utils/i18n';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import { districtGeometrySchema, districtPropertiesSchema } from './schemas';

export type ImportProblem = { index: number | null; key: MessageKey; params?: Params };

type CheckedFeature = { index: number; code: string; nameRu: string; nameEn: string; geometry: string };

const maxFeatures = 5000;

/** Checks the shape of every feature and collects every problem (not just the first), each with its index. */
function checkFeatures(text: string): Result<{ features: CheckedFeature[]; problems: ImportProblem[] }, ImportProblem[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, errors: [{ index: null, key: 'admin.geojson.notJson' }] };
  }
  const collection = parsed as { type?: unknown; features?: unknown };
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features) || collection.features.length === 0 || collection.features.length > maxFeatures) {
    return { ok: false, errors: [{ index: null, key: 'admin.geojson.notCollection' }] };
  }
  const problems: ImportProblem[] = [];
  const features: CheckedFeature[] = [];
  const seen = new Set<string>();
  collection.features.forEach((raw: unknown, index: number) => {
    const feature = raw as { geometry?: { type?: unknown }; properties?: unknown };
    const props = districtPropertiesSchema.safeParse(feature?.properties);
    if (!props.success) problems.push({ index, key: 'admin.geojson.properties' });
    const type = feature?.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      problems.push({ index, key: 'admin.geojson.geometryType' });
      return;
    }
    const geometry = districtGeometrySchema.safeParse(feature.geometry);
    if (!geometry.success) {
      problems.push({ index, key: 'admin.geojson.coordinates' });
      return;
    }
    if (!props.success) return;
    if (seen.has(props.data.code)) problems.push({ index, key: 'admin.geojson.duplicate', params: { code: props.data.code } });
    seen.add(props.data.code);
    features.push({ index, code: props.data.code, nameRu: props.data.name_ru, nameEn: props.data.name_en, geometry: JSON.stringify(geometry.data) });
  });
  return { ok: true, value: { features, problems } };
}

/**
 * Imports districts from a GeoJSON FeatureCollection: all or nothing. Each geometry is checked by
 * PostGIS (ST_IsValid) and problems are reported by feature index; a district whose code exists is replaced.
 */
export async function importDistricts(actorId: string, text: string): Promise<Result<{ count: number }, ImportProblem[]>> {
  const checked = checkFeatures(text);
  if (!checked.ok) return checked;
  const { features, problems } = checked.value;
  for (const f of features) {
    try {
      const [row] = await db.execute<{ valid: boolean; reason: string }>(
        sql`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${f.geometry}), 4326) AS g) s`,
      );
      if (!row?.valid) problems.push({ index: f.index, key: 'admin.geojson.invalid', params: { reason: row?.reason ?? '?' } });
    } catch (error) {
      problems.push({ index: f.index, key: 'admin.geojson.invalid', params: { reason: (error as Error).message.slice(0, 200) } });
    }
  }
  if (problems.length) return { ok: false, errors: problems.sort((a, b) => (a.index ?? -1) - (b.index ?? -1)) };
  return db.transaction(async (tx) => {
    for (const f of features) {
      const [saved] = await tx.execute<{ id: number; inserted: boolean }>(sql`
        INSERT INTO districts (code, name_ru, name_en, geom)
        VALUES (${f.code}, ${f.nameRu}, ${f.nameEn}, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${f.geometry}), 4326)))
        ON CONFLICT (code) DO UPDATE SET name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en, geom = EXCLUDED.geom, updated_at = now()
        RETURNING id, (xmax = 0) AS inserted`);
      await recordAudit(tx, {
        actorId,
        action: saved?.inserted ? 'district.create' : 'district.replace',
        targetType: 'district',
        targetId: saved!.id,
        after: { code: f.code, nameRu: f.nameRu, nameEn: f.nameEn },
      });
    }
    return { ok: true, value: { count: features.length } };
  });
}
