// The browser's start: hydrates the server's HTML. React recovers from a render the browser disagrees with by
// rendering on the client; it is logged with console.error in development and production alike, so it is seen
// (the e2e suite fails on console errors) instead of flickering by unnoticed.
import { RemixBrowser } from '@remix-run/react';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';

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
