// Where report photos' bytes live (ADR 042): in their rows (MEDIA_STORE=postgres) or in the media store, under a
// content-addressed key the row keeps. The store's object is written before the row's transaction, so a failed
// transaction leaves at most an orphan, which removeOrphanPhotos takes away later; never a row without its bytes.
import { inArray, sql } from 'drizzle-orm';
import { reportPhotos } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { mediaStore, type MediaStore } from '#app/utils/media-store.server';
import type { ProcessedPhoto } from './photos.server';

export const photoNamespace = 'report-photos';

export type PhotoRow = Omit<ProcessedPhoto, 'data'> & { data: Buffer | null; storageKey: string | null };

/** Puts the photos in the media store when there is one; the rows to insert then carry keys instead of bytes. */
export async function storePhotos(photos: ProcessedPhoto[]): Promise<PhotoRow[]> {
  const store = mediaStore();
  if (!store) return photos.map((photo) => ({ ...photo, storageKey: null }));
  return Promise.all(photos.map(async ({ data, ...photo }) => ({ ...photo, data: null, storageKey: await store.put(photoNamespace, data, photo.mimeType) })));
}

/** A photo's bytes, from its row or from the store; null when the store has lost the object. */
export async function photoBytes(row: { data: Buffer | null; storage_key: string | null }): Promise<Uint8Array | null> {
  if (row.data) return row.data;
  const store = mediaStore();
  if (!row.storage_key || !store) return null;
  return store.get(row.storage_key);
}

/**
 * Removes the store's photos no row points at, once older than MEDIA_ORPHAN_AFTER_MS (a photo stored by a
 * transaction still running is young, so it is left alone). Run by the reports sweeper.
 */
export async function removeOrphanPhotos(store: MediaStore | null = mediaStore(), olderThanMs = env.MEDIA_ORPHAN_AFTER_MS): Promise<number> {
  if (!store) return 0;
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const used = await db.selectDistinct({ key: reportPhotos.storageKey }).from(reportPhotos).where(inArray(reportPhotos.storageKey, batch));
    const kept = new Set(used.map((row) => row.key));
    for (const key of batch) {
      if (kept.has(key)) continue;
      await store.remove(key);
      removed++;
    }
    batch = [];
  };
  for await (const object of store.list(photoNamespace)) {
    if (object.modifiedAt.getTime() > cutoff) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return removed;
}

/**
 * Moves photos kept in their rows into the store, a batch at a time: the object first, then the row takes its key
 * and drops its bytes, only if it still has them. Stopping half-way and running again is safe (keys are content
 * addresses, a moved row is not picked again). Returns how many rows moved.
 */
export async function movePhotosToStore(store: MediaStore, batchSize = 100, onBatch?: (moved: number) => void): Promise<number> {
  let moved = 0;
  for (;;) {
    const rows = await db.execute<{ id: number; data: Buffer; mime_type: string }>(sql`SELECT id::int AS id, data, mime_type FROM report_photos WHERE data IS NOT NULL ORDER BY id LIMIT ${batchSize}`);
    if (!rows.length) return moved;
    for (const row of rows) {
      const key = await store.put(photoNamespace, row.data, row.mime_type);
      const updated = await db.execute(sql`UPDATE report_photos SET storage_key = ${key}, data = NULL WHERE id = ${row.id} AND data IS NOT NULL`);
      moved += updated.count;
    }
    onBatch?.(moved);
  }
}
