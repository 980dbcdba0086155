// Uploaded pictures of any tool in the media store (ADR 042, 051): a table whose rows keep either the bytes
// (MEDIA_STORE=postgres) or a content-addressed storage_key, never both (a check constraint says so). A tool
// declares its tables in its manifest (`media`); `npm run media:migrate` moves them all and each tool's hourly
// sweeper removes its orphans. The object is written before the row's transaction: a failed transaction leaves
// at most an orphan, never a row without its bytes.
import { sql } from 'drizzle-orm';
import { db } from './db.server';
import { env } from './env.server';
import { mediaStore, type MediaStore } from './media-store.server';

/**
 * A table of uploaded pictures: its key namespace, and its bytes, MIME type and storage-key columns (`storage_key`
 * unless named: a table with one optional picture among other columns names it after the picture).
 */
export type MediaTable = { namespace: string; table: string; bytesColumn: string; mimeColumn: string; keyColumn?: string };

const keyColumnOf = (media: MediaTable) => sql.identifier(media.keyColumn ?? 'storage_key');

/** The bytes to keep in the row and the key of the stored object: one of the two is null. */
export async function storeUpload(namespace: string, data: Buffer, mimeType: string): Promise<{ data: Buffer | null; storageKey: string | null }> {
  const store = mediaStore();
  if (!store) return { data, storageKey: null };
  return { data: null, storageKey: await store.put(namespace, data, mimeType) };
}

/** A picture's bytes, from its row or from the store; null when the store has lost the object. */
export async function storedBytes(row: { data: Uint8Array | null; storageKey: string | null }): Promise<Uint8Array | null> {
  if (row.data) return row.data;
  const store = mediaStore();
  if (!row.storageKey || !store) return null;
  return store.get(row.storageKey);
}

/**
 * Moves a table's pictures kept in their rows into the store, a batch at a time: the object first, then the row takes
 * its key and drops its bytes, only if it still has them. Safe to stop and run again. Returns how many rows moved.
 */
export async function moveTableToStore(store: MediaStore, media: MediaTable, batchSize = 100, onBatch?: (moved: number) => void): Promise<number> {
  const table = sql.identifier(media.table);
  const bytes = sql.identifier(media.bytesColumn);
  const mime = sql.identifier(media.mimeColumn);
  let moved = 0;
  for (;;) {
    // Ids as text: most tables count with integers, survey photos have uuids.
    const rows = await db.execute<{ id: string; data: Buffer; mime: string }>(sql`SELECT id::text AS id, ${bytes} AS data, ${mime} AS mime FROM ${table} WHERE ${bytes} IS NOT NULL ORDER BY id LIMIT ${batchSize}`);
    if (!rows.length) return moved;
    for (const row of rows) {
      const key = await store.put(media.namespace, row.data, row.mime);
      const updated = await db.execute(sql`UPDATE ${table} SET ${keyColumnOf(media)} = ${key}, ${bytes} = NULL WHERE id = ${row.id} AND ${bytes} IS NOT NULL`);
      moved += updated.count;
    }
    onBatch?.(moved);
  }
}

/** Removes the store's objects under the table's namespace that no row names, once older than MEDIA_ORPHAN_AFTER_MS. */
export async function removeOrphanMedia(media: MediaTable, store: MediaStore | null = mediaStore(), olderThanMs = env.MEDIA_ORPHAN_AFTER_MS): Promise<number> {
  if (!store) return 0;
  const cutoff = Date.now() - olderThanMs;
  let removed = 0;
  let batch: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const key = keyColumnOf(media);
    const used = await db.execute<{ key: string }>(sql`SELECT DISTINCT ${key} AS key FROM ${sql.identifier(media.table)} WHERE ${key} IN ${batch}`);
    const kept = new Set(used.map((row) => row.key));
    for (const key of batch) {
      if (kept.has(key)) continue;
      await store.remove(key);
      removed++;
    }
    batch = [];
  };
  for await (const object of store.list(media.namespace)) {
    if (object.modifiedAt.getTime() > cutoff) continue;
    batch.push(object.key);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return removed;
}
