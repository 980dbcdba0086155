// The service catalogue's import (issue 17, ADR 063): a CSV or a JSON array, every row checked with the admin form's
// own schema, written all or nothing in one transaction, matched on the service's code so a re-import changes only
// what changed; a dry run does the same writes and rolls them back, so its counts are what the database would do.
import { centres } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { commitOrRehearse } from '#app/utils/rehearsal.server';
import { issuesToErrors } from '#app/utils/forms';
import type { Translate } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { asText, readUploadedRows } from '#app/utils/uploaded-rows.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { serviceFormSchema, type ServiceFormInput } from './schemas';
import { writeService } from './save-service.server';

/** One problem: the CSV line (the header is line 1) or the JSON item (the first is 1), and the column; or null for the file. */
export type ServiceImportProblem = { line: number | null; item?: boolean; column: string | null; message: string };
/** What an import did, or a dry run would do: the codes added and changed, and how many rows were already so. */
export type ServiceImportOutcome = { rows: number; added: string[]; changed: string[]; unchanged: number; dryRun: boolean };

export const maxServiceRows = 1000;

/** The file's columns and the form's fields they fill; `centres` (codes) is optional: without it, the offers are kept. */
export const serviceColumns = {
  code: 'code',
  situation: 'situation',
  name_ru: 'nameRu',
  name_en: 'nameEn',
  description_ru: 'descriptionRu',
  description_en: 'descriptionEn',
  documents_ru: 'documentsRu',
  documents_en: 'documentsEn',
  duration_minutes: 'durationMinutes',
  centres: 'centreIds',
} as const;
const columnOf = Object.fromEntries(Object.entries(serviceColumns).map(([column, field]) => [field, column])) as Record<string, string>;

/** A list cell: a JSON array as it is, else the text split on `|` or line breaks (documents) or on spaces, commas and semicolons (codes). */
function listCell(value: unknown, separator: RegExp): string[] | undefined {
  if (Array.isArray(value)) return value.map((v) => asText(v) ?? '');
  const text = asText(value);
  return text === undefined ? undefined : text.split(separator).map((v) => v.trim()).filter(Boolean);
}

/** A row as the admin form would post it: the documents one a line, the centres from their codes. */
function asForm(values: Record<string, unknown>, centreIdByCode: Map<string, number>) {
  const form: Record<string, unknown> = {};
  for (const column of ['code', 'situation', 'name_ru', 'name_en', 'description_ru', 'description_en', 'duration_minutes'] as const) form[serviceColumns[column]] = asText(values[column]);
  for (const column of ['documents_ru', 'documents_en'] as const) form[serviceColumns[column]] = listCell(values[column], /\r?\n|\|/)?.join('\n');
  const codes = listCell(values.centres, /[\s;,]+/);
  const unknownCentres = (codes ?? []).filter((c) => !centreIdByCode.has(c));
  form.centreIds = (codes ?? []).filter((c) => centreIdByCode.has(c)).map((c) => String(centreIdByCode.get(c)));
  return { form, keepCentres: codes === undefined, unknownCentres };
}

/** A row the database refused after the checks (another admin took its code meanwhile): everything is rolled back. */
class RowRefused extends Error {
  constructor(readonly problem: ServiceImportProblem) {
    super('row refused');
  }
}

/**
 * Checks every row of the file and reports every problem with its line and column; when there is none, writes them
 * all in one transaction (a service whose code exists is updated, one already so is left alone), each service written
 * audited as the form's save is and the import once with its counts; or — with `dryRun` — reports what it would do.
 * A withdrawn service stays withdrawn: the import sets what the catalogue says, not whether it is listed.
 */
export async function importServices(actorId: string, fileName: string, content: string, dryRun: boolean, t: Translate): Promise<Result<ServiceImportOutcome, ServiceImportProblem[]>> {
  const fileProblem = (message: string) => ({ ok: false as const, errors: [{ line: null, column: null, message }] });
  // A JSON object (a GeoJSON collection, a wrapper) is not the catalogue's array: said in the catalogue's words.
  if (content.trimStart().startsWith('{')) return fileProblem(t('services.importNotRows'));
  const read = readUploadedRows(fileName, content, maxServiceRows, t, { jsonRows: true });
  if (typeof read === 'string') return fileProblem(read);
  if (read.format === 'geojson') return fileProblem(t('services.importNotRows'));
  const item = read.format === 'json';
  const rows = read.rows.map(({ index, line, values }) => ({ line: line ?? index + 1, values }));
  if (rows.length === 0) return fileProblem(t('services.importEmpty'));
  if (rows.length > maxServiceRows) return fileProblem(t('services.importTooMany', { max: maxServiceRows }));

  const centreIdByCode = new Map((await db.select({ id: centres.id, code: centres.code }).from(centres)).map((c) => [c.code, c.id]));
  const problems: ServiceImportProblem[] = [];
  const checked: { line: number; input: ServiceFormInput; keepCentres: boolean }[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of rows) {
    const { form, keepCentres, unknownCentres } = asForm(values, centreIdByCode);
    for (const code of unknownCentres) problems.push({ line, item, column: 'centres', message: t('services.unknownCentre', { code }) });
    const parsed = serviceFormSchema.safeParse(form);
    if (!parsed.success) {
      for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues, t))) problems.push({ line, item, column: columnOf[field] ?? field, message });
      continue;
    }
    const earlier = seen.get(parsed.data.code);
    if (earlier !== undefined) problems.push({ line, item, column: 'code', message: t('services.importDuplicate', { code: parsed.data.code, line: earlier }) });
    seen.set(parsed.data.code, line);
    checked.push({ line, input: parsed.data, keepCentres });
  }
  if (problems.length) return { ok: false, errors: problems };

  try {
    return await commitOrRehearse(dryRun, async (tx) => {
      const outcome: ServiceImportOutcome = { rows: checked.length, added: [], changed: [], unchanged: 0, dryRun };
      for (const { line, input, keepCentres } of checked) {
        const { centreIds, ...fields } = input;
        const written = await writeService(tx, actorId, keepCentres ? fields : { ...fields, centreIds });
        if (!written.ok) {
          const [field, key] = Object.entries(written.errors)[0] ?? ['form', 'errors.invalid'];
          throw new RowRefused({ line, item, column: columnOf[field] ?? null, message: t(key ?? 'errors.invalid') });
        }
        if (written.value.outcome === 'created') outcome.added.push(input.code);
        else if (written.value.outcome === 'updated') outcome.changed.push(input.code);
        else outcome.unchanged += 1;
      }
      if (!dryRun) await recordAudit(tx, { actorId, action: 'service.import', targetType: 'service-catalogue', targetId: fileName.slice(0, 200) || 'upload', after: outcome });
      return { ok: true as const, value: outcome };
    });
  } catch (error) {
    if (error instanceof RowRefused) return { ok: false, errors: [error.problem] };
    throw error;
  }
}
