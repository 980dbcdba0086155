import { inArray } from 'drizzle-orm';
import { centres, services } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { commitOrRehearse } from '#app/utils/rehearsal.server';
import { issuesToErrors } from '#app/utils/forms';
import type { Translate } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { asText, readUploadedRows } from '#app/utils/uploaded-rows.server';
import { centreSchema, type CentreInput } from './schemas';
import { writeCentre } from './save-centre.server';

/** One problem of an import: the row (CSV: its line's number among the data rows, 1 first; GeoJSON: the feature's index), or null for the file. */
export type CentreImportProblem = { row: number | null; field: string | null; message: string };
/** What an import wrote, or a check would write: the codes of the centres it adds and of those it replaces. */
export type CentreImportOutcome = { rows: number; added: string[]; replaced: string[]; dryRun: boolean };

const maxRows = 2000;
/** The columns of a CSV row, and the properties of a GeoJSON feature; the days as on the admin form. */
const dayColumns = { mon: 'hours1', tue: 'hours2', wed: 'hours3', thu: 'hours4', fri: 'hours5', sat: 'hours6', sun: 'hours7', holidays: 'hours0' } as const;
const textColumns = { code: 'code', name_ru: 'nameRu', name_en: 'nameEn', address_ru: 'addressRu', address_en: 'addressEn', windows: 'windows', slot_minutes: 'slotMinutes', accessibility_ru: 'accessibilityRu', accessibility_en: 'accessibilityEn' } as const;

/** A raw row as the admin form would post it: every value as text, the services from their codes. */
function asForm(values: Record<string, unknown>, serviceIdByCode: Map<string, number>): { form: Record<string, unknown>; unknownServices: string[] } {
  const form: Record<string, unknown> = { latitude: asText(values.latitude), longitude: asText(values.longitude) };
  for (const [column, field] of Object.entries({ ...textColumns, ...dayColumns })) form[field] = asText(values[column]);
  const codes = (asText(values.services) ?? '').split(/[\s;,]+/).filter(Boolean);
  const unknownServices = codes.filter((c) => !serviceIdByCode.has(c));
  form.serviceIds = codes.filter((c) => serviceIdByCode.has(c)).map((c) => String(serviceIdByCode.get(c)));
  return { form, unknownServices };
}

/**
 * Imports centres from a CSV (a header row, then one centre a row) or a GeoJSON FeatureCollection of points: all or
 * nothing. Every row is checked with the admin form's own schema and every problem is reported with its row; a
 * centre whose code exists is replaced (its hours and services too). Each centre written is audited. With `dryRun`
 * ("check without importing") every write is done and rolled back, and the answer says what the import would do.
 */
export async function importCentres(actorId: string, fileName: string, content: string, dryRun: boolean, t: Translate): Promise<Result<CentreImportOutcome, CentreImportProblem[]>> {
  const read = readUploadedRows(fileName, content, maxRows, t);
  if (typeof read === 'string') return { ok: false, errors: [{ row: null, field: null, message: read }] };
  // A CSV row is counted among the data rows from 1, a GeoJSON feature by its index.
  const rows = read.rows.map(({ index, values }) => ({ row: read.format === 'csv' ? index + 1 : index, values }));
  if (rows.length === 0) return { ok: false, errors: [{ row: null, field: null, message: t('centres.importEmpty') }] };
  if (rows.length > maxRows) return { ok: false, errors: [{ row: null, field: null, message: t('centres.importTooMany', { max: maxRows }) }] };

  const serviceIdByCode = new Map((await db.select({ id: services.id, code: services.code }).from(services)).map((s) => [s.code, s.id]));
  const problems: CentreImportProblem[] = [];
  const checked: { row: number; input: CentreInput }[] = [];
  const seen = new Map<string, number>();
  for (const { row, values } of rows) {
    const { form, unknownServices } = asForm(values, serviceIdByCode);
    for (const code of unknownServices) problems.push({ row, field: 'services', message: t('centres.unknownService', { code }) });
    const parsed = centreSchema.safeParse(form);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues, t))) problems.push({ row, field, message });
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier !== undefined) problems.push({ row, field: 'code', message: t('centres.importDuplicate', { code: parsed.data.code, row: earlier }) });
    seen.set(parsed.data.code, row);
    checked.push({ row, input: parsed.data });
  }
  if (problems.length) return { ok: false, errors: problems };
  return commitOrRehearse(dryRun, async (tx) => {
    const codes = checked.map(({ input }) => input.code);
    const existing = new Set((await tx.select({ code: centres.code }).from(centres).where(inArray(centres.code, codes))).map((c) => c.code));
    for (const { input } of checked) {
      const written = await writeCentre(tx, actorId, input);
      // The checks above leave nothing writeCentre refuses; a refusal here is a bug, and the throw rolls it all back.
      if (!written.ok) throw new Error(`centre import: ${JSON.stringify(written.errors)}`);
    }
    return { ok: true as const, value: { rows: checked.length, added: codes.filter((c) => !existing.has(c)), replaced: codes.filter((c) => existing.has(c)), dryRun } };
  });
}
