import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

const builder = new XMLBuilder({ ignoreAttributes: true, format: true, suppressEmptyNode: false });

/** Open311 answers in JSON (arrays) or XML (`<services><service>…`), the same data either way. */
export function open311Response(format: Format, root: string, item: string, items: object[], status = 200): Response {
  if (format === 'json') return Response.json(items, { status, headers: { 'Access-Control-Allow-Origin': '*' } });
  const clean = items.map((i) => Object.fromEntries(Object.entries(i).map(([k, v]) => [k, v ?? ''])));
  const body = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: { [item]: clean } })}`;
  return new Response(body, { status, headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Access-Control-Allow-Origin': '*' } });
}

/** The standard's error list: [{ code, description }]. */
export function open311Error(format: Format, code: 400 | 403 | 404 | 413, description: string): Response {
  return open311Response(format, 'errors', 'error', [{ code, description }], code);
}
