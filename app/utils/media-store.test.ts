import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderStore } from './media-store.server';

const listAll = async (store: ReturnType<typeof folderStore>, namespace: string) => {
  const keys: string[] = [];
  for await (const object of store.list(namespace)) keys.push(object.key);
  return keys.sort();
};

describe('the folder media store', () => {
  it('keeps bytes under the SHA-256 of their content, once however often they are put', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmeste-media-'));
    const store = folderStore(dir);
    const bytes = Buffer.from('a photo of a pothole');
    const hash = createHash('sha256').update(bytes).digest('hex');
    const key = await store.put('report-photos', bytes, 'image/jpeg');
    expect(key).toBe(`report-photos/${hash.slice(0, 2)}/${hash}`);
    expect(await store.put('report-photos', bytes, 'image/jpeg')).toBe(key);
    expect(readdirSync(join(dir, 'report-photos', hash.slice(0, 2)))).toEqual([hash]);
    expect(Buffer.from((await store.get(key))!).toString()).toBe('a photo of a pothole');
  });

  it('lists one namespace only, and forgets what it removes', async () => {
    const store = folderStore(mkdtempSync(join(tmpdir(), 'vmeste-media-')));
    const a = await store.put('report-photos', Buffer.from('a'), 'image/jpeg');
    const b = await store.put('report-photos', Buffer.from('b'), 'image/jpeg');
    await store.put('idea-photos', Buffer.from('c'), 'image/jpeg');
    expect(await listAll(store, 'report-photos')).toEqual([a, b].sort());
    await store.remove(a);
    expect(await store.get(a)).toBeNull();
    expect(await listAll(store, 'report-photos')).toEqual([b]);
    expect(await listAll(store, 'nothing-here')).toEqual([]);
  });

  it('gives each object its age, for the orphan clean-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vmeste-media-'));
    const store = folderStore(dir);
    const key = await store.put('report-photos', Buffer.from('old'), 'image/jpeg');
    const old = new Date('2025-01-01T00:00:00Z');
    utimesSync(join(dir, key), old, old);
    const objects = [];
    for await (const object of store.list('report-photos')) objects.push(object);
    expect(objects).toEqual([{ key, modifiedAt: old }]);
  });

  it('refuses a key that is not a content address (no path tricks)', async () => {
    const store = folderStore(mkdtempSync(join(tmpdir(), 'vmeste-media-')));
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a media key/);
    await expect(store.remove('report-photos/../x')).rejects.toThrow(/not a media key/);
  });
});
