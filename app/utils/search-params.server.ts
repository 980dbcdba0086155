import type { z } from 'zod';
import { issuesToErrors, type FieldErrors } from './forms';
import { getTranslator } from './locale.server';

/**
 * A page's query string against its schema (built from the primitives in forms.ts). A bad value is a 400 whose
 * data names each parameter with a message in the reader's language (the error page lists them): never a 500
 * from a value the database cannot take.
 */
export async function searchParamsOf<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const result = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (result.success) return result.data;
  const { t } = await getTranslator(request);
  const fields: FieldErrors = issuesToErrors(result.error.issues, t);
  throw Response.json({ fields }, { status: 400 });
}
