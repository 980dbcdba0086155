import { can } from '#app/modules/accounts/index.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';
import { isPublicReport } from './map-schema';

/** Staff who work on this report: moderators, the control desk, and officers of its department. */
export function isReportStaff(user: CurrentUser | null, report: { departmentId: number | null }): boolean {
  if (!user) return false;
  return can(user, 'reports.moderate') || can(user, 'reports.arbitrate') || (report.departmentId !== null && can(user, 'reports.answer', { departmentId: report.departmentId }));
}

export { isPublicReport };

/** Before approval, and after rejection, a report (and its photos) is seen only by its author and staff. */
export function canSeeReport(user: CurrentUser | null, report: { status: string; authorId: string | null; departmentId: number | null }): boolean {
  if (isPublicReport(report)) return true;
  return (!!user && report.authorId === user.id) || isReportStaff(user, report);
}
