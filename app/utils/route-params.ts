/** The largest id a `serial` column holds: a larger number in a URL cannot name a row of one. */
export const serialMax = 2_147_483_647;

/** A numeric id from the URL (digits only, positive, at most `max`), or a 404: never a database error. */
export function idParam(param: string | undefined, max = Number.MAX_SAFE_INTEGER): number {
  const id = Number(param);
  if (!param || !/^\d{1,16}$/.test(param) || !Number.isSafeInteger(id) || id <= 0 || id > max) throw new Response('Not found', { status: 404 });
  return id;
}
