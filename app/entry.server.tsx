// Server rendering, as Remix's default does it, plus a fresh CSP nonce per response for our own scripts.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
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
          headers.set('Content-Type', 'text/html; charset=utf-8');
          keepPrivate(headers);
          if (enforce) documentSecurityHeaders(headers, nonce);
          // The page is whole by now: it goes out in one write, not React's ~2 KB chunks each passed through a stream to
          // its own socket write (13 % of a page answer's web time went to socket writes; ADR 071).
          const chunks: Buffer[] = [];
          const page = new Writable({
            write(chunk: Buffer, _encoding, done) {
              chunks.push(chunk);
              done();
            },
            final(done) {
              const body = Buffer.concat(chunks);
              headers.set('Content-Length', String(body.byteLength));
              resolve(new Response(body, { headers, status: failed ? 500 : status }));
              done();
            },
          });
          page.on('error', reject);
          pipe(page);
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

/**
 * The same for a page's data fetched on client-side navigation or answering a form (the .data requests), sent in one
 * write as pages are: their data is whole when they answer (no deferred data), and the encoder's many small chunks
 * were each a socket write of their own (ADR 071).
 */
export async function handleDataRequest(response: Response): Promise<Response> {
  keepPrivate(response.headers);
  if (!response.body || [101, 204, 205, 304].includes(response.status)) return response;
  const body = await response.arrayBuffer();
  response.headers.set('Content-Length', String(body.byteLength));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
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
