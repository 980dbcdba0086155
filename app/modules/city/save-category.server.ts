import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { categories } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import type { categorySchema } from './schemas';

/** Creates or updates a report category with its deadlines; a code used by another category is refused. */
export async function saveCategory(actorId: string, input: z.output<typeof categorySchema>): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const { id: existingId, ...values } = input;
    const [clash] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.code, input.code));
    if (clash && clash.id !== existingId) return { ok: false, errors: { code: 'errors.invalid' } };
    if (existingId) {
      const [before] = await tx.select().from(categories).where(eq(categories.id, existingId)).for('update');
      if (!before) return { ok: false, errors: { form: 'errors.invalid' } };
      await tx.update(categories).set({ ...values, updatedAt: new Date() }).where(eq(categories.id, existingId));
      await recordAudit(tx, { actorId, action: 'category.update', targetType: 'category', targetId: existingId, before, after: values });
      return { ok: true, value: { id: existingId } };
    }
    const [created] = await tx.insert(categories).values(values).returning({ id: categories.id });
    await recordAudit(tx, { actorId, action: 'category.create', targetType: 'category', targetId: created!.id, after: values });
    return { ok: true, value: { id: created!.id } };
  });
}
