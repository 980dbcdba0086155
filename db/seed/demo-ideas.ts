// The Ideas tool's demo content: projects (one collecting, one past its vote), ideas, comments, supports,
// near-duplicates to merge, expert assessments. Seeds once: a city seeded before the tool existed gains it.
export async function seedDemoIdeas(): Promise<'seeded' | 'already-seeded' | 'not-yet'> {
  return 'not-yet';
}
