import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writePabulib } from './pabulib';

/** Reads a .pb file as pabulib.org/format describes it: a title line, a header line, then semicolon-separated rows. */
function readPb(text: string) {
  const sections: Record<string, Record<string, string>[]> = {};
  let current = '';
  let block: string[] = [];
  const flush = () => {
    if (current) sections[current] = parse(block.join('\n'), { delimiter: ';', columns: true }) as Record<string, string>[];
  };
  for (const line of text.split('\n')) {
    if (['META', 'PROJECTS', 'VOTES'].includes(line.trim())) {
      flush();
      current = line.trim();
      block = [];
    } else if (line) block.push(line);
  }
  flush();
  return sections;
}

describe('the Pabulib writer', () => {
  it('writes the three sections with their header lines, the obligatory META keys, each project and each vote', () => {
    const text = writePabulib({
      description: 'Budget; "Sadovy" 2026',
      country: 'Russia',
      unit: 'Demo city',
      subunit: 'Sadovy',
      instance: '2026',
      budget: 2500,
      currency: 'RUB',
      rule: 'equal-shares',
      dateBegin: new Date('2026-09-16T00:00:00Z'),
      dateEnd: new Date('2026-10-04T00:00:00Z'),
      projects: [
        { id: 1, cost: 600, name: 'Benches', selected: true },
        { id: 4, cost: 1400, name: 'A playground; "big"', selected: true },
        { id: 5, cost: 1000, name: 'Trees', selected: false },
      ],
      votes: [
        { voterId: 1, projects: [4, 1] },
        { voterId: 2, projects: [5] },
        { voterId: 3, projects: [1, 4, 5] },
      ],
    });
    expect(text.split('\n')[0]).toBe('META');
    expect(text.split('\n')[1]).toBe('key;value');
    const pb = readPb(text);
    const meta = Object.fromEntries(pb.META!.map((r) => [r.key, r.value]));
    for (const key of ['description', 'country', 'unit', 'instance', 'num_projects', 'num_votes', 'budget', 'vote_type']) expect(meta).toHaveProperty(key);
    expect(meta).toMatchObject({ description: 'Budget; "Sadovy" 2026', num_projects: '3', num_votes: '3', budget: '2500', vote_type: 'approval', subunit: 'Sadovy', date_begin: '16.09.2026', date_end: '04.10.2026' });
    expect(pb.PROJECTS).toEqual([
      { project_id: '1', cost: '600', votes: '2', name: 'Benches', selected: '1' },
      { project_id: '4', cost: '1400', votes: '2', name: 'A playground; "big"', selected: '1' },
      { project_id: '5', cost: '1000', votes: '2', name: 'Trees', selected: '0' },
    ]);
    expect(pb.VOTES).toEqual([
      { voter_id: '1', vote: '1,4' },
      { voter_id: '2', vote: '5' },
      { voter_id: '3', vote: '1,4,5' },
    ]);
    // A value with a semicolon or a quote is quoted, quotes doubled, as the format page asks.
    expect(text).toContain('4;1400;2;"A playground; ""big""";1');
  });
});
