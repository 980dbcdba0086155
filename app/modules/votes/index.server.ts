// What other tools may call of Votes (ADR 037): awarding points, a person's ballots, its part of the JSON API.
export { decisionsApiPaths, votesApiPaths } from './api.server';
export { awardPoints } from './award-points.server';
export { ballotsFor, myBallots } from './queries.server';
export { ineligibility, type Audience } from './eligibility';
export { castVote, type CastErrors } from './cast-vote.server';
export { getBallot, hasVoted, listBallots } from './queries.server';
