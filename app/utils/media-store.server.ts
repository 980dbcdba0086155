// Uploaded files outside Postgres (ADR 042): one interface, a local folder or an S3-compatible bucket behind it.
// Keys are content-addressed (the SHA-256 of the bytes under the owner's namespace), so a put is idempotent and a
// re-run of `npm run media:migrate` or a retried upload writes the same object again rather than a second one.
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, NoSuchKey, paginateListObjectsV2, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { env } from './env.server';

export type StoredObject = { key: string; modifiedAt: Date };

export interface MediaStore {
  readonly kind: 'folder' | 's3';
  /** Stores the bytes under `namespace/` and returns their key. */
  put(namespace: string, data: Uint8Array, mimeType: string): Promise<string>;
  /** The bytes, or null when no object has that key. */
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
  /** Every object under `namespace/`, page by page. */
  list(namespace: string): AsyncIterable<StoredObject>;
  /** Throws when the store cannot be reached (health checks). */
  ping(): Promise<void>;
}

/** The content-addressed key of some bytes: `namespace/ab/abcdef…` (two hex digits fan a folder out). */
export function mediaKey(namespace: string, data: Uint8Array): string {
  const hash = createHash('sha256').update(data).digest('hex');
  return `${namespace}/${hash.slice(0, 2)}/${hash}`;
}

const safeKey = /^[a-z0-9-]+\/[0-9a-f]{2}\/[0-9a-f]{64}$/;
function checkedKey(key: string): string {
  if (!safeKey.test(key)) throw new Error(`not a media key: ${key}`);
  return key;
}

/** A folder on this machine (one web process, or a shared mount): each object a file, written whole then renamed. */
export function folderStore(dir: string): MediaStore {
  const root = resolve(dir);
  const pathOf = (key: string) => join(root, checkedKey(key));
  return {
    kind: 'folder',
    async put(namespace, data) {
      const key = mediaKey(namespace, data);
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const partial = `${path}.${randomUUID()}.partial`;
      await writeFile(partial, data);
      await rename(partial, path);
      return key;
    },
    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    async *list(namespace) {
      const base = join(root, namespace);
      let entries;
      try {
        entries = await readdir(base, { recursive: true, withFileTypes: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const key = relative(root, join(entry.parentPath, entry.name)).split('\\').join('/');
        if (!safeKey.test(key)) continue;
        yield { key, modifiedAt: (await stat(join(entry.parentPath, entry.name))).mtime };
      }
    },
    async ping() {
      await mkdir(root, { recursive: true });
    },
  };
}

/** An S3-compatible bucket, through the AWS SDK as it is (AWS, or a city's own MinIO, Ceph, SeaweedFS…). */
export function s3Store(options: { endpoint?: string; region: string; bucket: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean }): MediaStore {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    // Checksums only where S3 requires them: many S3-compatible servers do not take the SDK's default trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
  const Bucket = options.bucket;
  return {
    kind: 's3',
    async put(namespace, data, mimeType) {
      const Key = mediaKey(namespace, data);
      await client.send(new PutObjectCommand({ Bucket, Key, Body: data, ContentType: mimeType, ContentLength: data.byteLength }));
      return Key;
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: checkedKey(key) }));
        return object.Body ? await object.Body.transformToByteArray() : null;
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: checkedKey(key) }));
    },
    async *list(namespace) {
      for await (const page of paginateListObjectsV2({ client, pageSize: 1000 }, { Bucket, Prefix: `${namespace}/` })) {
        for (const object of page.Contents ?? []) if (object.Key && safeKey.test(object.Key)) yield { key: object.Key, modifiedAt: object.LastModified ?? new Date() };
      }
    },
    async ping() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}

declare global {
  var __vmesteMediaStore: MediaStore | null | undefined;
}

/** The configured store, or null when photos stay in their Postgres rows (MEDIA_STORE=postgres). */
export function mediaStore(): MediaStore | null {
  if (globalThis.__vmesteMediaStore !== undefined) return globalThis.__vmesteMediaStore;
  const store =
    env.MEDIA_STORE === 'folder'
      ? folderStore(env.MEDIA_DIR)
      : env.MEDIA_STORE === 's3'
        ? s3Store({ endpoint: env.S3_ENDPOINT, region: env.S3_REGION, bucket: env.S3_BUCKET!, accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY, forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true' })
        : null;
  globalThis.__vmesteMediaStore = store;
  return store;
}
