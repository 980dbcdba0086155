import { useSyncExternalStore, type ReactNode } from 'react';

const noSubscription = () => () => {};

/** Renders its children only in the browser (Leaflet needs `window`); the server and the first paint show the fallback. */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  return <>{inBrowser ? children() : fallback}</>;
}
