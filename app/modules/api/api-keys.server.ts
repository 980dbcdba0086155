import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiKeys } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { headerText } from '#app/utils/forms';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';

// A key as presented in a header, query or form: one line, bounded (ours are 51 characters).
const apiKeyText = headerText(200);
const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** An admin issues a key: returned once, stored only as a hash. */
export async function issueApiKey(actorId: string, name: string): Promise<Result<{ id: number; key: string }>> {
  const key = `vk_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(apiKeys).values({ name, keyHash: hashKey(key), keyPrefix: key.slice(0, 8), createdBy: actorId }).returning({ id: apiKeys.id });
    await recordAudit(tx, { actorId, action: 'api-key.issue', targetType: 'api-key', targetId: row!.id, after: { name, prefix: key.slice(0, 8) } });
    return { ok: true, value: { id: row!.id, key } };
  });
}

export async function revokeApiKey(actorId: string, id: number): Promise<Result<null>> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning();
    if (!row) return { ok: false, errors: { id: 'errors.invalid' } };
    await recordAudit(tx, { actorId, action: 'api-key.revoke', targetType: 'api-key', targetId: id, before: { name: row.name, prefix: row.keyPrefix } });
    return { ok: true, value: null };
  });
}

/** The active key matching a presented secret, or null; marks it used. */
export async function verifyApiKey(key: string | null | undefined): Promise<{ id: number; name: string } | null> {
  if (!key || !apiKeyText.safeParse(key).success) return null;
  const [row] = await db
    .update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name });
  return row ?? null;
}

export async function listApiKeys() {
  return db.select({ id: apiKeys.id, name: apiKeys.name, keyPrefix: apiKeys.keyPrefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt }).from(apiKeys).orderBy(desc(apiKeys.id));
}
