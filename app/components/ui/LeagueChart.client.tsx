import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { name: string; onTime: number; satisfaction: number };

// The axis labels are slanted and end under their bars, so a long first one reaches left of the plot: the chart
// keeps room for it (about 7 px a character at 12 px, times cos 30°) beyond the y axis's 60. Longer names are cut;
// the table below the chart has them whole.
const maxLabel = 24;
const shortName = (name: string) => (name.length > maxLabel ? `${name.slice(0, maxLabel - 1)}…` : name);
const leftRoom = (name: string) => Math.max(0, Math.ceil(shortName(name).length * 7 * 0.87) - 60);

/** On-time and satisfaction percentages per department; the table beside it carries the same numbers. */
export default function LeagueChart({ rows, labels }: { rows: Row[]; labels: { onTime: string; satisfaction: string } }) {
  const left = rows[0] ? leftRoom(rows[0].name) : 0;
  return (
    <BarChart accessibilityLayer={false} width={Math.min(900, 160 + rows.length * 90) + left} height={320} data={rows} margin={{ top: 10, right: 10, bottom: 60, left }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={80} tickFormatter={shortName} tick={{ fontSize: 12, fill: '#1b1f24' }} />
      <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#1b1f24' }} />
      <Tooltip />
      <Legend verticalAlign="top" />
      <Bar dataKey="onTime" name={labels.onTime} fill="#0b5cad" />
      <Bar dataKey="satisfaction" name={labels.satisfaction} fill="#1e6b34" />
    </BarChart>
  );
}
