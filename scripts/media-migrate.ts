// `npm run media:migrate`: moves report photos kept in Postgres rows into the configured media store (MEDIA_STORE
// folder or s3), a batch at a time. Safe to stop and to run again: it only picks rows that still hold bytes (ADR 042).
import { env } from '#app/utils/env.server';
import { mediaStore } from '#app/utils/media-store.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { movePhotosToStore } from '#app/modules/reports/photo-store.server';

const store = mediaStore();
if (!store) {
  console.error('MEDIA_STORE is "postgres": set MEDIA_STORE=folder (and MEDIA_DIR) or MEDIA_STORE=s3 (and S3_*) to say where photos go.');
  process.exit(2);
}
await store.ping();
const moved = await movePhotosToStore(store, 100, (soFar) => console.log(`[media] ${soFar} photos moved so far`));
console.log(`[media] ${moved} report photos moved to the ${store.kind === 's3' ? `bucket ${env.S3_BUCKET}` : `folder ${env.MEDIA_DIR}`}; none left in Postgres`);
await closeConnections();
