/** A numeric id from the URL, or a 404. */
export function routeId(param: string | undefined): number {
  const id = Number(param);
  if (!/^\d{1,10}$/.test(param ?? '') || !Number.isSafeInteger(id) || id <= 0 || id > 2_000_000_000) throw new Response('Not found', { status: 404 });
  return id;
}
