// `npm run media:migrate`: moves report photos, and the pictures of every table a tool declares (`media` in its
// manifest: idea, initiative and implementation photos), kept in Postgres rows into the configured media store
// (MEDIA_STORE folder or s3), a batch at a time. Safe to stop and to run again: it only picks rows that still hold
// bytes (ADR 042, 051).
import { env } from '#app/utils/env.server';
import { mediaStore } from '#app/utils/media-store.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { movePhotosToStore } from '#app/modules/reports/photo-store.server';
import { mediaTables } from '#app/modules/registry.server';
import { moveTableToStore } from '#app/utils/stored-media.server';

const store = mediaStore();
if (!store) {
  console.error('MEDIA_STORE is "postgres": set MEDIA_STORE=folder (and MEDIA_DIR) or MEDIA_STORE=s3 (and S3_*) to say where photos go.');
  process.exit(2);
}
await store.ping();
const moved = await movePhotosToStore(store, 100, (soFar) => console.log(`[media] ${soFar} photos moved so far`));
const where = store.kind === 's3' ? `bucket ${env.S3_BUCKET}` : `folder ${env.MEDIA_DIR}`;
console.log(`[media] ${moved} report photos moved to the ${where}; none left in Postgres`);
for (const media of mediaTables) {
  const movedRows = await moveTableToStore(store, media, 100, (soFar) => console.log(`[media] ${soFar} ${media.namespace} moved so far`));
  console.log(`[media] ${movedRows} ${media.namespace} moved to the ${where}; none left in Postgres`);
}
await closeConnections();
