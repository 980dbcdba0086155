import type { CurrentUser } from '#app/modules/accounts/sessions.server';
import { cabinetSections } from '#app/modules/registry.server';

/** What the cabinet's first screen shows; each part comes from the tool that declares it (its manifest's `cabinet`). */
export type CabinetSummary = {
  reports: { id: number; status: string; overdue: boolean; answerDueAt: string | null; categoryRu: string; categoryEn: string }[];
  ideas: { id: number; title: string; status: string; supports: number; comments: number }[];
  counts: { reports: number; ideas: number; comments: number; supports: number; ballotsVoted: number; unread: number };
  points: number;
  openBallots: { id: number; titleRu: string; titleEn: string; closesAt: string }[];
  votedBallots: { id: number; titleRu: string; titleEn: string; status: string }[];
};

/** The cabinet's first screen: the person's latest reports and ideas, what they can still vote in, their points. */
export async function cabinetSummary(user: CurrentUser): Promise<CabinetSummary> {
  const sections = await Promise.all(cabinetSections.map((section) => section(user)));
  const counts = Object.assign({}, ...sections.map((section) => section.counts));
  return Object.assign({}, ...sections, { counts }) as CabinetSummary;
}
