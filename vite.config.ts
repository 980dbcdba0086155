// Remix v2 is configured here (its Vite plugin), not in remix.config.js.
import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';
import { pageLanguage } from './vite/page-language';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [
    tsconfigPaths(),
    pageLanguage(),
    remix({
      ignoredRouteFiles: ['**/*.test.*'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
  ],
  // The page's text loads before the modules that use it (top-level await: every browser since 2021).
  build: { target: 'es2022' },
  server: { port: Number(process.env.PORT ?? 3000) },
});
