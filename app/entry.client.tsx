// The browser's start: hydrates the server's HTML. React recovers from a render the browser disagrees with by
// rendering on the client; it is logged with console.error in development and production alike, so it is seen
// (the e2e suite fails on console errors) instead of flickering by unnoticed.
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

/**
 * Remix decodes the page's data (sent as a stream with single fetch) when RemixBrowser first renders, and suspends
 * that render until it is decoded. A key pressed or a click in that moment makes React hydrate at once, a render that
 * suspends then is an error, and React 18 gives up on the whole document (error #345), leaving the page without
 * JavaScript (tests/e2e/hydration-race.test.ts). So the decoding is started, and awaited, before React hydrates:
 * RemixBrowser called as a plain function starts it and throws its promise, before it calls any hook.
 */
async function serverDataDecoded() {
  const context = (window as unknown as { __remixContext?: { future?: { v3_singleFetch?: boolean }; stream?: unknown } }).__remixContext;
  if (!context?.future?.v3_singleFetch || !context.stream) return;
  try {
    RemixBrowser({});
  } catch (thrown) {
    // A failed decoding is thrown again when React renders RemixBrowser, and shown as the error page.
    if (thrown instanceof Promise) await thrown.catch(() => {});
  }
}

await serverDataDecoded();
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
    {
      onRecoverableError(error, info) {
        console.error('React re-rendered a part of the page the server rendered differently:', error, info.componentStack ?? '');
      },
    },
  );
});
