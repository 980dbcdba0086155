// Vmeste's service worker (ADR 049), bundled by scripts/build-sw.mjs after `remix vite:build`; Workbox injects the
// precache list (the shell, the report form and the offline page, each with its revision) into self.__WB_MANIFEST.
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { sendDrafts, draftsSyncTag } from '../app/utils/report-drafts.client';

precacheAndRoute(self.__WB_MANIFEST);
// A new deploy's worker drops the last one's precache: no page is ever put together from two builds.
cleanupOutdatedCaches();

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// Built files carry their content's hash in their name: once fetched they never change.
registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname.startsWith('/assets/') && request.method === 'GET',
  new CacheFirst({ cacheName: 'vmeste-assets', plugins: [new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 30 * 24 * 3600 })] }),
);

// Pages and their data: always the network first (never a stale page while online); the last copy when offline.
const pages = new NetworkFirst({
  cacheName: 'vmeste-pages',
  networkTimeoutSeconds: 6,
  plugins: [
    new ExpirationPlugin({ maxEntries: 80, maxAgeSeconds: 7 * 24 * 3600 }),
    // Only whole answers are kept: never a redirect (a signed-out copy) or an error page.
    { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
  ],
});
registerRoute(({ request, url }) => request.method === 'GET' && url.origin === self.location.origin && (request.mode === 'navigate' || url.pathname.endsWith('.data')) && !url.pathname.startsWith('/admin/queues'), pages);

// A page never visited, offline: the offline page, in the language of the browser.
setCatchHandler(async ({ request }) => {
  if (request.mode !== 'navigate') return Response.error();
  return (await matchPrecache('/offline.html')) ?? Response.error();
});

// Signing out empties the copies of pages, which may show the person's own data.
self.addEventListener('message', (event) => {
  if (event.data?.type === 'signed-out') event.waitUntil(caches.delete('vmeste-pages'));
});

// Reports drafted offline go when the connection returns, even if no page of the site is open (Background Sync).
self.addEventListener('sync', (event) => {
  if (event.tag === draftsSyncTag) event.waitUntil(sendDrafts(self.location.origin).then(tellPages));
});

async function tellPages() {
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: 'drafts-changed' });
}

// Web Push: the message the server encrypted for this browser, shown as a notification that opens its page.
self.addEventListener('push', (event) => {
  let message = { title: 'Vmeste', body: '', url: '/me/notifications', tag: undefined };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A message that is not ours: shown with the default title.
  }
  event.waitUntil(self.registration.showNotification(message.title, { body: message.body, tag: message.tag, icon: '/icons/icon-192.png', badge: '/icons/icon-192.png', data: { url: message.url } }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(event.notification.data?.url ?? '/', self.location.origin);
  // Only our own pages are opened from a notification.
  const url = target.origin === self.location.origin ? target.href : self.location.origin;
  event.waitUntil(
    (async () => {
      for (const client of await self.clients.matchAll({ type: 'window' })) {
        if (client.url === url && 'focus' in client) return client.focus();
      }
      return self.clients.openWindow(url);
    })(),
  );
});
