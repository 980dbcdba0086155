import { env } from './env.server';

/** Where map tiles come from (MAP_TILE_URL), the one image origin besides our own. */
function tileOrigin(): string | null {
  try {
    const url = new URL(env.MAP_TILE_URL.replace(/\{[a-z]\}/g, 'a'));
    return url.origin;
  } catch {
    return null; // a relative template (tests, a local tile server) is same-origin
  }
}

/**
 * The document's Content-Security-Policy: scripts only from us and with this response's nonce (no inline
 * script without it, no eval), no framing, forms only to us. Styles allow inline attributes: Leaflet positions
 * its tiles and markers with them, and a style cannot run code.
 */
export function contentSecurityPolicy(nonce: string): string {
  const tiles = tileOrigin();
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every document answer carries (scripts/serve.mjs adds nosniff and the rest to every response). */
export function documentSecurityHeaders(headers: Headers, nonce: string): void {
  headers.set('Content-Security-Policy', contentSecurityPolicy(nonce));
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set('X-Content-Type-Options', 'nosniff');
}
