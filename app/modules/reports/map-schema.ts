import { z } from 'zod';
import { optionalIdText } from '#app/utils/forms';

/** Statuses the public sees (after moderation approved it). */
export const publicStatuses = ['arbitration', 'assigned', 'answered', 'closed'] as const;

const num = (min: number, max: number) => z.coerce.number().min(min).max(max);
const optionalId = optionalIdText();

/** The public map's query: a viewport and the list's filters. Shared by the JSON endpoint and the page. */
export const mapQuerySchema = z
  .object({
    west: num(-180, 180),
    south: num(-90, 90),
    east: num(-180, 180),
    north: num(-90, 90),
    zoom: z.coerce.number().int().min(0).max(22).default(12),
    category: optionalId,
    district: optionalId,
    status: z.enum(publicStatuses).optional().or(z.literal('').transform(() => undefined)),
    overdue: z.enum(['1', 'true', 'on']).optional().transform((v) => (v ? true : undefined)),
  })
  .refine((q) => q.east > q.west && q.north > q.south, { message: 'east must exceed west and north exceed south', path: ['east'] });

/** Public: past moderation and not rejected. Before that, and after rejection, only its author and staff see it. */
export const isPublicReport = (report: { status: string }) => report.status !== 'submitted' && report.status !== 'rejected';
