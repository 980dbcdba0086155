import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

// The builder escapes markup (& < > " '); xmlSafe drops what XML 1.0 cannot hold at all.
const builder = new XMLBuilder({ ignoreAttributes: true, format: true, suppressEmptyNode: false });

// Everything outside XML 1.0's Char production: C0 controls but tab and line breaks, lone surrogates, U+FFFE/U+FFFF.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A value as XML 1.0 can carry it: characters it forbids are dropped (no escape exists for them), so one stored
 * report with a control character cannot make the whole feed unreadable for every client.
 */
export function xmlSafe(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(notXmlChar, '');
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlSafe(v)]));
  return value ?? '';
}

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
