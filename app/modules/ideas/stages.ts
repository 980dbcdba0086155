// What each stage of a project allows. Pure, so the pages (to show or hide a form) and the use-cases (the final
// word, inside their transaction) read the same rules.
export const stages = ['collecting', 'reviewing', 'voting', 'results', 'implementing', 'done'] as const;
export type Stage = (typeof stages)[number];

export type IdeaAction = 'propose' | 'support' | 'comment' | 'assess' | 'shortlist' | 'merge' | 'send-to-vote';

const allowedIn: Record<IdeaAction, readonly Stage[]> = {
  propose: ['collecting'],
  // Supports count until the experts have finished: none after reviewing.
  support: ['collecting', 'reviewing'],
  comment: ['collecting', 'reviewing', 'voting'],
  assess: ['reviewing'],
  shortlist: ['reviewing'],
  // A ballot's options point at ideas, so the list stops changing shape once the vote is prepared.
  merge: ['collecting', 'reviewing'],
  'send-to-vote': ['reviewing'],
};

export function stageAllows(stage: Stage, action: IdeaAction): boolean {
  return allowedIn[action].includes(stage);
}

/** A project moves one stage forward at a time. */
export function nextStage(stage: Stage): Stage | null {
  return stages[stages.indexOf(stage) + 1] ?? null;
}

/** The idea statuses the public lists show (hidden ones keep a stub on their own page; merged ones redirect). */
export const listedStatuses = ['published', 'shortlisted', 'accepted', 'rejected'] as const;
