// The Votes tool's demo content: ballots (one published with a few hundred ballots and its ledger), rewards,
// decisions with implementation items. Seeds once: a city seeded before the tool existed gains it.
export async function seedDemoVotes(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  return 'not-yet';
}
