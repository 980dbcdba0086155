import { z } from 'zod';
import { idText, optionalIdText } from '#app/utils/forms';

/** The public REST API's contract: the routes parse with these schemas, and the OpenAPI document is made from them. */
const id = idText();
const optionalId = optionalIdText();

export const cursorQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50).meta({ description: 'Items per page (1–100)' }),
  cursor: z.string().regex(/^\d{1,15}$/, 'cursor must be the next_cursor of a previous page').optional().meta({ description: 'next_cursor from the previous page' }),
};

export const reportsQuerySchema = z
  .object({
    ...cursorQuery,
    status: z.enum(['arbitration', 'assigned', 'answered', 'closed']).optional().meta({ description: 'Only reports in this status' }),
    category: optionalId.meta({ description: 'Category id' }),
    district: optionalId.meta({ description: 'District id' }),
    overdue: z.enum(['true', 'false']).optional().meta({ description: 'Only overdue (true) reports' }),
  })
  .strict()
  .meta({ id: 'ReportsQuery' });

export const idParams = z.object({ id: id.meta({ description: 'Identifier' }) }).meta({ id: 'IdParams' });

const named = z.object({ id: z.number().int(), name_ru: z.string(), name_en: z.string() });

export const reportSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(['arbitration', 'assigned', 'answered', 'closed']),
    overdue: z.boolean(),
    category: named,
    district: named.nullable(),
    department: named.nullable(),
    address: z.string(),
    description: z.string(),
    lat: z.number(),
    lng: z.number(),
    created_at: z.string().meta({ format: 'date-time' }),
    answer_due_at: z.string().nullable().meta({ format: 'date-time' }),
    answered_at: z.string().nullable().meta({ format: 'date-time' }),
    reopen_count: z.number().int(),
  })
  .meta({ id: 'Report', description: 'An approved report (no author identity)' });

export const departmentSchema = z
  .object({
    id: z.number().int(),
    name_ru: z.string(),
    name_en: z.string(),
    kind: z.string(),
    district_ids: z.array(z.number().int()),
    received: z.number().int(),
    on_time_percent: z.number().int().nullable(),
    median_hours: z.number().nullable(),
    overdue_now: z.number().int(),
    satisfaction_percent: z.number().int().nullable(),
  })
  .meta({ id: 'Department' });

export const categorySchema = z
  .object({ id: z.number().int(), code: z.string(), name_ru: z.string(), name_en: z.string(), group_ru: z.string(), group_en: z.string(), department_kind: z.string() })
  .meta({ id: 'Category' });

export const page = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item), next_cursor: z.string().nullable() }).meta({ id: name });
export const list = <T extends z.ZodType>(item: T, name: string) => z.object({ data: z.array(item) }).meta({ id: name });

export const errorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) })
  .meta({ id: 'Error', description: 'Every error has this shape' });
