// A published budget question in the Pabulib .pb format (pabulib.org/format), so participatory-budgeting research
// tools load it as they load any city's: META, PROJECTS and VOTES sections, each a semicolon-separated table with its
// header line, quoted as CSV where a value holds a semicolon or a quote. Voters are the ledger's entries (seq), never people.
import { stringify } from 'csv-stringify/sync';

export type PabulibInstance = {
  description: string;
  country: string;
  unit: string;
  subunit?: string;
  instance: string;
  budget: number;
  currency: string;
  rule: 'greedy' | 'equal-shares';
  /** The most projects a voter could choose, when fewer than all. */
  maxLength?: number;
  minSpend?: number | null;
  dateBegin?: Date | null;
  dateEnd?: Date | null;
  language?: string;
  projects: { id: number; cost: number; name: string; selected: boolean }[];
  /** One approval vote per ledger entry: its seq and the projects in its cart. */
  votes: { voterId: number; projects: number[] }[];
};

const day = (d: Date) => `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;
const table = (rows: (string | number)[][]) => stringify(rows, { delimiter: ';', record_delimiter: '\n' });

export function writePabulib(pb: PabulibInstance): string {
  const votesFor = new Map(pb.projects.map((p) => [p.id, 0]));
  for (const v of pb.votes) for (const p of v.projects) votesFor.set(p, (votesFor.get(p) ?? 0) + 1);
  const meta: [string, string | number][] = [
    ['description', pb.description],
    ['country', pb.country],
    ['unit', pb.unit],
    ...(pb.subunit ? [['subunit', pb.subunit] as [string, string]] : []),
    ['instance', pb.instance],
    ['num_projects', pb.projects.length],
    ['num_votes', pb.votes.length],
    ['budget', pb.budget],
    ['currency', pb.currency],
    ['vote_type', 'approval'],
    // Pabulib names the rule that decided the real outcome.
    ['rule', pb.rule === 'greedy' ? 'greedy' : 'equalshares/add1'],
    ['min_length', 1],
    ...(pb.maxLength ? [['max_length', pb.maxLength] as [string, number]] : []),
    ...(pb.minSpend ? [['min_sum_cost', pb.minSpend] as [string, number]] : []),
    ...(pb.dateBegin ? [['date_begin', day(pb.dateBegin)] as [string, string]] : []),
    ...(pb.dateEnd ? [['date_end', day(pb.dateEnd)] as [string, string]] : []),
    ...(pb.language ? [['language', pb.language] as [string, string]] : []),
  ];
  return [
    'META\n',
    table([['key', 'value'], ...meta]),
    'PROJECTS\n',
    table([['project_id', 'cost', 'votes', 'name', 'selected'], ...pb.projects.map((p) => [p.id, p.cost, votesFor.get(p.id) ?? 0, p.name, p.selected ? 1 : 0])]),
    'VOTES\n',
    table([['voter_id', 'vote'], ...pb.votes.map((v) => [v.voterId, [...v.projects].sort((a, b) => a - b).join(',')])]),
  ].join('');
}
