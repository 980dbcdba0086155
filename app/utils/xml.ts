// Shared by every XML writer (Open311, the reports' Atom feeds): what XML 1.0 cannot hold is dropped, not escaped.

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
