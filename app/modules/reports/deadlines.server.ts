import { holidaySet } from '#app/modules/city/index.server';
import { addWorkingDays } from '#app/modules/city/index.server';
import { env } from '#app/utils/env.server';

type Sla = { answerSla: number; answerSlaUnit: 'working_days' | 'calendar_days' | 'hours' | 'seconds' };

/** When the department's answer is due, counted from `from` by the category's rule. */
export async function answerDueAt(category: Sla, from: Date): Promise<Date> {
  switch (category.answerSlaUnit) {
    case 'working_days':
      return addWorkingDays(from, category.answerSla, await holidaySet(), env.CITY_TIMEZONE);
    case 'calendar_days':
      return new Date(from.getTime() + category.answerSla * 86_400_000);
    case 'hours':
      return new Date(from.getTime() + category.answerSla * 3_600_000);
    case 'seconds':
      return new Date(from.getTime() + category.answerSla * 1000);
  }
}

export function moderationDueAt(category: { moderationSlaSeconds: number }, from: Date): Date {
  return new Date(from.getTime() + category.moderationSlaSeconds * 1000);
}

/** The reminder point: a share of the way from start to due. */
export function reminderAt(start: Date, due: Date): Date {
  return new Date(start.getTime() + (due.getTime() - start.getTime()) * env.REPORTS_REMINDER_AT);
}
