// Server rendering, as Remix's default does it, plus a fresh CSP nonce per response for our own scripts.
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { PageOutcomeContext, serverOutcome } from '#app/utils/page-outcome';
import { NonceContext } from '#app/utils/nonce';
import { documentSecurityHeaders } from '#app/utils/security-headers.server';
import { noteUnavailable } from '#app/utils/unavailable.server';

// The server build's entry module is what scripts/serve.mjs can read of the app: the queues its dashboard shows.
export { queueNames } from '#app/modules/registry.server';
// …and the request scope each request runs in, so its action and loaders share what one of them read (ADR 064).
export { runInRequestScope } from '#app/utils/request-scope.server';

const abortDelay = 5_000;

export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = randomBytes(16).toString('base64');
  // Vite's development client injects its own scripts; the policy applies to the built app.
  const enforce = process.env.NODE_ENV !== 'development';
  if (status === 500 && loadContext?.databaseUnavailable) {
    status = 503;
    headers.set('Retry-After', '10');
  }
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    // Every page is rendered whole before it is sent (no deferred data), so the status can still change on error.
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={enforce ? nonce : ''}>
        <PageOutcomeContext.Provider value={serverOutcome(request.method, status)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={abortDelay} nonce={enforce ? nonce : undefined} />
        </PageOutcomeContext.Provider>
      </NonceContext.Provider>,
      {
        nonce: enforce ? nonce : undefined,
        onAllReady() {
          const body = new PassThrough();
          headers.set('Content-Type', 'text/html; charset=utf-8');
          keepPrivate(headers);
          if (enforce) documentSecurityHeaders(headers, nonce);
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status: failed ? 500 : status }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          failed = true;
          console.error(error);
        },
      },
    );
    setTimeout(abort, abortDelay + 1000);
  });
}

/**
 * Every page carries this browser's CSRF token and, signed in, the person's own data (admin pages more): no shared
 * cache may keep it, nor the browser on disk. A route that chose its own Cache-Control keeps it.
 */
function keepPrivate(headers: Headers) {
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store');
}

/** The same for a page's data fetched on client-side navigation (the .data requests). */
export function handleDataRequest(response: Response): Response {
  keepPrivate(response.headers);
  return response;
}

/**
 * Logs real failures only: a page nobody has (404) or a request the browser gave up on is not an error.
 * A database that is down or read-only is noted on the request, so the server answers 503 rather than 500.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (error instanceof Error && error.message.startsWith('No route matches URL')) return;
  if (noteUnavailable(error, context)) {
    console.error(`[web] database unavailable: ${(error as Error).message}`);
    return;
  }
  console.error(error);
};
