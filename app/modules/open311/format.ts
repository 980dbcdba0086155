import { XMLBuilder } from 'fast-xml-parser';
import { xmlSafe } from '#app/utils/xml';

export type Format = 'json' | 'xml';

// The builder escapes markup (& < > " '); xmlSafe drops what XML 1.0 cannot hold at all.
const builder = new XMLBuilder({ ignoreAttributes: true, format: true, suppressEmptyNode: false });

const headers = { 'Access-Control-Allow-Origin': '*' };

/** An XML document from a plain object tree (arrays repeat their element), always well-formed. */
export function xmlResponse(tree: object, status = 200, extraHeaders: Record<string, string> = {}): Response {
  const body = `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(xmlSafe(tree))}`;
  return new Response(body, { status, headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers, ...extraHeaders } });
}

/** Open311 answers in JSON (arrays) or XML (`<services><service>…`), the same data either way. */
export function open311Response(format: Format, root: string, item: string, items: object[], status = 200, extraHeaders: Record<string, string> = {}): Response {
  if (format === 'json') return Response.json(items, { status, headers: { ...headers, ...extraHeaders } });
  return xmlResponse({ [root]: { [item]: items } }, status, extraHeaders);
}

/** The standard's error list: [{ code, description }]. */
export function open311Error(format: Format, code: 400 | 403 | 404 | 413 | 429, description: string, extraHeaders: Record<string, string> = {}): Response {
  return open311Response(format, 'errors', 'error', [{ code, description }], code, extraHeaders);
}
