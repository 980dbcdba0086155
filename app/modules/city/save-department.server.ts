import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { departmentDistricts, departments, districts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import type { Result } from '#app/utils/result';
import type { departmentSchema } from './schemas';

/** Creates or updates a department and the districts it covers; audited with before and after. */
export async function saveDepartment(actorId: string, input: z.output<typeof departmentSchema>): Promise<Result<{ id: number }>> {
  return db.transaction(async (tx) => {
    const districtIds = [...new Set(input.districtIds)];
    if (districtIds.length) {
      const found = await tx.select({ id: districts.id }).from(districts).where(inArray(districts.id, districtIds));
      if (found.length !== districtIds.length) return { ok: false, errors: { districtIds: 'admin.unknownDistrict' } };
    }
    const values = { nameRu: input.nameRu, nameEn: input.nameEn, kind: input.kind, email: input.email };
    let id: number;
    let before: unknown = null;
    if (input.id) {
      const [existing] = await tx.select().from(departments).where(eq(departments.id, input.id)).for('update');
      if (!existing) return { ok: false, errors: { form: 'errors.invalid' } };
      const covered = await tx.select({ id: departmentDistricts.districtId }).from(departmentDistricts).where(eq(departmentDistricts.departmentId, input.id));
      before = { ...values, nameRu: existing.nameRu, nameEn: existing.nameEn, kind: existing.kind, email: existing.email, districtIds: covered.map((c) => c.id).sort((a, b) => a - b) };
      await tx.update(departments).set({ ...values, updatedAt: new Date() }).where(eq(departments.id, input.id));
      await tx.delete(departmentDistricts).where(eq(departmentDistricts.departmentId, input.id));
      id = input.id;
    } else {
      const [created] = await tx.insert(departments).values(values).returning({ id: departments.id });
      id = created!.id;
    }
    if (districtIds.length) await tx.insert(departmentDistricts).values(districtIds.map((districtId) => ({ departmentId: id, districtId })));
    await recordAudit(tx, {
      actorId,
      action: input.id ? 'department.update' : 'department.create',
      targetType: 'department',
      targetId: id,
      before,
      after: { ...values, districtIds: districtIds.sort((a, b) => a - b) },
    });
    return { ok: true, value: { id } };
  });
}
