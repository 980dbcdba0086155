// After `remix vite:build`: the app's icons (from public/favicon.svg, by sharp), and its service worker
// (sw/service-worker.js bundled by Vite, then Workbox's injectManifest writes the precache list into it), ADR 049.
// The precache holds the shell, the report form's route and the offline page — each with its revision, so a deploy
// replaces them whole; other built files are cached as pages use them.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { build } from 'vite';
import { injectManifest } from 'workbox-build';

const root = join(import.meta.dirname, '..');
const client = join(root, 'build/client');

async function icons() {
  const svg = readFileSync(join(root, 'public/favicon.svg'));
  mkdirSync(join(client, 'icons'), { recursive: true });
  for (const size of [192, 512]) await sharp(svg, { density: 1200 }).resize(size, size).png().toFile(join(client, `icons/icon-${size}.png`));
  // Maskable: the mark inside the safe zone (80 %) on the brand colour, as launchers crop it to any shape.
  const inner = await sharp(svg, { density: 1200 }).resize(400, 400).png().toBuffer();
  await sharp({ create: { width: 512, height: 512, channels: 4, background: '#1d4ed8' } }).composite([{ input: inner, top: 56, left: 56 }]).png().toFile(join(client, 'icons/icon-maskable-512.png'));
}

/** The built files of the shell (entry, root) and the report form, read from Remix's browser manifest. */
function shellFiles() {
  const file = readdirSync(join(client, 'assets')).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error('no Remix browser manifest in build/client/assets');
  const text = readFileSync(join(client, 'assets', file), 'utf8');
  const manifest = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
  const parts = [manifest.entry, manifest.routes.root, manifest.routes['routes/reports.new']];
  const urls = new Set([`/assets/${file}`]);
  for (const part of parts) for (const url of [part.module, ...(part.imports ?? []), ...(part.css ?? [])]) urls.add(url);
  // The names carry their content's hash: the URL is the revision.
  return [...urls].map((url) => ({ url, revision: null }));
}

async function serviceWorker() {
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '#app': join(root, 'app') } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: client,
      emptyOutDir: false,
      target: 'es2022',
      lib: { entry: join(root, 'sw/service-worker.js'), formats: ['iife'], name: 'vmesteServiceWorker', fileName: () => 'sw.js' },
    },
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: join(client, 'sw.js'),
    swDest: join(client, 'sw.js'),
    globDirectory: client,
    globPatterns: ['offline.html', 'manifest.webmanifest', 'favicon.svg', 'icons/*.png', 'assets/*.css'],
    additionalManifestEntries: shellFiles(),
  });
  for (const warning of warnings) console.warn(`[sw] ${warning}`);
  console.log(`[sw] build/client/sw.js precaches ${count} files (${Math.round(size / 1024)} KiB)`);
}

await icons();
await serviceWorker();
