import type { HeadersFunction } from '@remix-run/node';

/**
 * A form route's document headers: a 429 answer from its action keeps its Retry-After on the page, and an answer
 * that must not be cached (a vote receipt) keeps its Cache-Control.
 */
export const formRouteHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  const cacheControl = actionHeaders.get('Cache-Control');
  if (cacheControl) headers.set('Cache-Control', cacheControl);
  return headers;
};
