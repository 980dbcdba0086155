// Registers the service worker (sw/service-worker.js, ADR 049) once the page is hydrated, in the built app only
// (the dev server has none); and tells it when the person signed out, so the copies of their pages go.
import { useEffect } from 'react';

const signedInFlag = 'vmeste-signed-in';

export function useServiceWorker(signedIn: boolean) {
  useEffect(() => {
    if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
    void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
    if (signedIn) localStorage.setItem(signedInFlag, '1');
    else if (localStorage.getItem(signedInFlag)) {
      localStorage.removeItem(signedInFlag);
      navigator.serviceWorker.controller?.postMessage({ type: 'signed-out' });
    }
  }, [signedIn]);
}
