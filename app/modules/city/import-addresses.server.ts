// The address registry's import (issue 17, ADR 057): a CSV or a GeoJSON FeatureCollection of points, checked row by
// row with one zod schema, written all or nothing in one statement and one transaction, upserted on the registry's
// own key (`ref`) so a re-import changes only what changed; a dry run does the same writes and rolls them back.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '#app/utils/db.server';
import { commitOrRehearse } from '#app/utils/rehearsal.server';
import { issuesToErrors, msg, plainText } from '#app/utils/forms';
import type { Translate } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { asText, readUploadedRows } from '#app/utils/uploaded-rows.server';
import { recordAudit } from '#app/modules/audit/index.server';

/** One problem: the CSV line (the header is line 1) or the GeoJSON feature (the first is 1), and the column; or null for the file. */
export type AddressImportProblem = { line: number | null; feature?: boolean; field: string | null; message: string };
export type AddressImportOutcome = { rows: number; added: number; changed: number; unchanged: number; dryRun: boolean };

export const maxAddressRows = 20_000;

const coordinate = (max: number) =>
  z
    .string({ error: msg('errors.required') })
    .trim()
    .min(1, msg('errors.required'))
    .regex(/^-?\d{1,3}(\.\d{1,15})?$/, msg('errors.number'))
    .transform(Number)
    .pipe(z.number().min(-max, msg('errors.range', { min: -max, max })).max(max, msg('errors.range', { min: -max, max })));

/** One address as the file gives it, every value as text; the full forms are built from the street and house when left out. */
const addressColumns = ['ref', 'street_ru', 'street_en', 'house', 'full_ru', 'full_en', 'latitude', 'longitude', 'district'] as const;
export const addressRowSchema = z
  .object({
    ref: z.string({ error: msg('errors.required') }).trim().regex(/^[\p{L}\p{N}._:/-]{1,100}$/u, msg('city.addressRefFormat')),
    street_ru: plainText(1, 200),
    street_en: plainText(1, 200),
    house: plainText(1, 30),
    full_ru: plainText(0, 300).optional(),
    full_en: plainText(0, 300).optional(),
    latitude: coordinate(90),
    longitude: coordinate(180),
    district: z.string().trim().max(40).optional(),
  })
  .transform((v) => ({ ...v, full_ru: v.full_ru || `${v.street_ru}, ${v.house}`, full_en: v.full_en || `${v.house} ${v.street_en}`, district: v.district || null }));
export type AddressRow = z.output<typeof addressRowSchema>;

/**
 * Checks every row of the file and reports every problem with its line; when there is none, upserts them all in
 * one transaction (nothing half-imported), audited as one import, or — with `dryRun` — reports what it would do.
 */
export async function importAddresses(actorId: string, fileName: string, content: string, dryRun: boolean, t: Translate): Promise<Result<AddressImportOutcome, AddressImportProblem[]>> {
  const fileProblem = (message: string) => ({ ok: false as const, errors: [{ line: null, field: null, message }] });
  const read = readUploadedRows(fileName, content, maxAddressRows, t);
  if (typeof read === 'string') return fileProblem(read);
  // A CSV row by its line in the file, a GeoJSON feature by its number (the first is 1).
  const feature = read.format === 'geojson';
  const rows = read.rows.map(({ index, line, values }) => ({ line: line ?? index + 1, values }));
  if (rows.length === 0) return fileProblem(t('city.addressesEmpty'));
  if (rows.length > maxAddressRows) return fileProblem(t('city.addressesTooMany', { max: maxAddressRows }));

  const districtCodes = new Set((await db.execute<{ code: string }>(sql`SELECT code FROM districts`)).map((d) => d.code));
  const problems: AddressImportProblem[] = [];
  const checked: AddressRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const form = Object.fromEntries(addressColumns.map((k) => [k, asText(values[k])]));
    const parsed = addressRowSchema.safeParse(form);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues, t))) problems.push({ line, feature, field, message });
      continue;
    }
    const { ref, district } = parsed.data;
    if (district !== null && !districtCodes.has(district)) problems.push({ line, feature, field: 'district', message: t('city.unknownDistrict', { code: district }) });
    const earlier = seen.get(ref);
    if (earlier !== undefined) problems.push({ line, feature, field: 'ref', message: t('city.addressDuplicate', { ref, line: earlier }) });
    seen.set(ref, line);
    checked.push(parsed.data);
  }
  if (problems.length) return { ok: false, errors: problems };

  return commitOrRehearse(dryRun, async (tx) => {
    // One statement: a district named by its code, else the one whose outline holds the point (the smallest first).
    const written = await tx.execute<{ inserted: boolean }>(sql`
      INSERT INTO addresses AS a (ref, street_ru, street_en, house, full_ru, full_en, location, district_id)
      SELECT v.ref, v.street_ru, v.street_en, v.house, v.full_ru, v.full_en, p.point,
        coalesce((SELECT d.id FROM districts d WHERE d.code = v.district),
          (SELECT d.id FROM districts d WHERE ST_Contains(d.geom, p.point) ORDER BY d.parent_id NULLS LAST LIMIT 1))
      FROM jsonb_to_recordset(${JSON.stringify(checked)}::jsonb)
        AS v(ref text, street_ru text, street_en text, house text, full_ru text, full_en text, latitude float8, longitude float8, district text),
        LATERAL (SELECT ST_SetSRID(ST_MakePoint(v.longitude, v.latitude), 4326) AS point) p
      ON CONFLICT (ref) DO UPDATE SET street_ru = EXCLUDED.street_ru, street_en = EXCLUDED.street_en, house = EXCLUDED.house,
        full_ru = EXCLUDED.full_ru, full_en = EXCLUDED.full_en, location = EXCLUDED.location, district_id = EXCLUDED.district_id, updated_at = now()
      WHERE (a.street_ru, a.street_en, a.house, a.full_ru, a.full_en, a.district_id) IS DISTINCT FROM (EXCLUDED.street_ru, EXCLUDED.street_en, EXCLUDED.house, EXCLUDED.full_ru, EXCLUDED.full_en, EXCLUDED.district_id)
        OR NOT ST_Equals(a.location, EXCLUDED.location)
      RETURNING (xmax = 0) AS inserted`);
    const added = written.filter((r) => r.inserted).length;
    const outcome: AddressImportOutcome = { rows: checked.length, added, changed: written.length - added, unchanged: checked.length - written.length, dryRun };
    if (!dryRun) await recordAudit(tx, { actorId, action: 'address.import', targetType: 'address-registry', targetId: fileName.slice(0, 200) || 'upload', after: outcome });
    return { ok: true as const, value: outcome };
  });
}
