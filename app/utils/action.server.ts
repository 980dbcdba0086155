import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node';
import type { FieldErrors } from './forms';
import type { ErrorKeys } from './result';
import type { Translate } from './i18n';
import { verifyCsrf } from './csrf.server';
import { getTranslator } from './locale.server';

/** Reads a form post: the body (a malformed one is a 400, never a 500), the CSRF check, the language. */
export async function readForm(request: Request, formData?: FormData) {
  let body = formData;
  if (!body) {
    try {
      body = await request.formData();
    } catch {
      throw new Response('The form could not be read', { status: 400 });
    }
  }
  await verifyCsrf(request, body);
  return { formData: body, ...(await getTranslator(request)) };
}

/**
 * Reads a form that may carry files: multipart (each part held in memory, at most `maxBytes`) or a plain form.
 * A part too large is answered at once with a message at `field` in the reader's language (`tooLarge`); a malformed
 * body is a 400; then the CSRF check, as readForm.
 */
export async function readUploadForm(request: Request, { field, maxBytes }: { field: string; maxBytes: number }) {
  let body: FormData;
  try {
    body = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
      ? await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: maxBytes }))
      : await request.formData();
  } catch (error) {
    if (!(error instanceof MaxPartSizeExceededError)) throw new Response('The form could not be read', { status: 400 });
    const { t } = await getTranslator(request);
    return { tooLarge: invalid({ [field]: t('photo.tooLarge', { mb: Math.round(maxBytes / 1024 / 1024) }) }) } as const;
  }
  return { tooLarge: null, ...(await readForm(request, body)) };
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

/** The 429 answer to a burst limit: the form again with everything typed, saying how long to wait. */
export function tooMany(waitSeconds: number, t: Translate, values: Record<string, string | string[]> = {}, field = 'form') {
  const minutes = Math.max(1, Math.ceil(waitSeconds / 60));
  return data({ errors: { [field]: t('errors.tooMany', { minutes }) } as FieldErrors, values }, { status: 429, headers: { 'Retry-After': String(waitSeconds) } });
}
