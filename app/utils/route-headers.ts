import type { HeadersFunction } from '@remix-run/node';

/** A form route's document headers: a 429 answer from its action keeps its Retry-After on the page. */
export const formRouteHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders }) => {
  const headers = new Headers(loaderHeaders);
  const retryAfter = actionHeaders.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return headers;
};
