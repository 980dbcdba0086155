import { data } from '@remix-run/node';
import type { FieldErrors } from './forms';
import { FormBodyRefused, readFormBody, textFormLimits, type BodyLimits } from './form-body.server';
import type { ErrorKeys } from './result';
import type { Translate } from './i18n';
import { verifyCsrf } from './csrf.server';
import { getTranslator } from './locale.server';

/**
 * Reads a form post within the route's limits (a body too large or with too many fields is a 413, a malformed
 * one a 400, never a 500), then the CSRF check and the language.
 */
export async function readForm(request: Request, limits: Partial<BodyLimits> = {}) {
  const formData = await readFormWithoutCsrf(request, { ...textFormLimits, ...limits });
  await verifyCsrf(request, formData);
  return { formData, ...(await getTranslator(request)) };
}

/** What an upload route takes: one file input (`field`), how many files and how large each; text as readForm. */
export type UploadLimits = { field: string; maxFiles: number; maxFileBytes: number; maxFields?: number };

/**
 * Reads a form that may carry files, streaming: the CSRF token must come before the first file (the page puts it
 * first), and reading stops at the first limit. A file too large or too many are answered at once with a 413 and a
 * message at `field` in the reader's language (`tooLarge`). Check the session and the rate limit before calling it.
 */
export async function readUploadForm(request: Request, { field, maxFiles, maxFileBytes, maxFields = textFormLimits.maxFields }: UploadLimits) {
  const limits: BodyLimits = { maxBytes: textFormLimits.maxBytes + maxFiles * maxFileBytes, maxFields, maxFiles, maxFileBytes };
  let formData: FormData;
  try {
    formData = await readFormBody(request, limits, (fields) => verifyCsrf(request, fields));
  } catch (error) {
    if (!(error instanceof FormBodyRefused)) throw error;
    const { refusal } = error;
    const { t } = await getTranslator(request);
    const mb = Math.round(maxFileBytes / 1024 / 1024);
    if (refusal.kind === 'file-too-large') return { tooLarge: refusedAt(field, t('photo.tooLarge', { mb })) } as const;
    if (refusal.kind === 'too-many-files') return { tooLarge: refusedAt(field, t('photo.tooMany', { max: maxFiles })) } as const;
    if (refusal.kind === 'body-too-large') return { tooLarge: refusedAt(field, t('upload.tooLarge', { mb: Math.round(limits.maxBytes / 1024 / 1024) })) } as const;
    throw refusalResponse(refusal.kind);
  }
  await verifyCsrf(request, formData);
  return { tooLarge: null, formData, ...(await getTranslator(request)) };
}

/**
 * An admin's import post (districts, centres, the address registry, the service catalogue): its one file, read as
 * text within `maxFileBytes`, and whether it asks only for a check (any `intent` but "import"). A body refused or a
 * missing or empty file comes back as `refused`, the answer to send.
 */
export async function readImportFile(request: Request, { field = 'file', maxFileBytes }: { field?: string; maxFileBytes: number }) {
  const read = await readUploadForm(request, { field, maxFiles: 1, maxFileBytes });
  if (read.tooLarge) return { refused: read.tooLarge } as const;
  const { formData, t } = read;
  const file = formData.get(field);
  if (!(file instanceof File) || file.size === 0) return { refused: invalid({ [field]: t('errors.file') }) } as const;
  return { refused: null, name: file.name, text: await file.text(), dryRun: formData.get('intent') !== 'import', t } as const;
}

/** The form again, with the message at its file field: nothing typed can be shown, as the rest was never read. */
function refusedAt(field: string, message: string) {
  return data({ errors: { [field]: message } as FieldErrors, values: {} as Record<string, string | string[]> }, { status: 413 });
}

/**
 * Reads a text form post within `limits`, answered as readForm answers (413, 400), without the CSRF check: only for a
 * post whose address is its own authority (a signed link a mail client may post to, with no session).
 */
export async function readFormWithoutCsrf(request: Request, limits: BodyLimits): Promise<FormData> {
  try {
    return await readFormBody(request, { ...limits, maxFiles: 0 });
  } catch (error) {
    if (error instanceof FormBodyRefused) throw refusalResponse(error.refusal.kind);
    throw error;
  }
}

function refusalResponse(kind: FormBodyRefused['refusal']['kind']): Response {
  switch (kind) {
    case 'unreadable':
      return new Response('The form could not be read', { status: 400 });
    case 'too-many-fields':
      return new Response('The form has more fields than this page sends', { status: 413 });
    default:
      return new Response('The form is larger than this page accepts', { status: 413 });
  }
}

/** Translates a use-case's error keys into field messages. */
export function translateErrors(errors: ErrorKeys, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, key] of Object.entries(errors)) if (key) out[field] = t(key);
  return out;
}

/** The 400 answer that re-shows a form with its messages and everything typed. */
export function invalid(errors: FieldErrors, values: Record<string, string | string[]> = {}) {
  return data({ errors, values }, { status: 400 });
}

/**
 * The 429 answer to a burst limit: the form again with everything typed, saying how long to wait. Without values
 * (an upload refused before its body was read) it does not promise that anything typed is kept.
 */
export function tooMany(waitSeconds: number, t: Translate, values?: Record<string, string | string[]>, field = 'form') {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  const message = t(values ? 'errors.tooMany' : 'errors.tooManyUnread', { minutes });
  return data({ errors: { [field]: message } as FieldErrors, values: values ?? {} }, { status: 429, headers: { 'Retry-After': String(waitSeconds) } });
}
