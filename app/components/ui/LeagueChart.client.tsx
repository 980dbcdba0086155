import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';

type Row = { name: string; onTime: number; satisfaction: number };

/** On-time and satisfaction percentages per department; the table beside it carries the same numbers. */
export default function LeagueChart({ rows, labels }: { rows: Row[]; labels: { onTime: string; satisfaction: string } }) {
  return (
    <BarChart accessibilityLayer={false} width={Math.min(900, 160 + rows.length * 90)} height={320} data={rows} margin={{ top: 10, right: 10, bottom: 60, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="name" angle={-30} textAnchor="end" interval={0} height={80} tick={{ fontSize: 12, fill: '#1b1f24' }} />
      <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#1b1f24' }} />
      <Tooltip />
      <Legend verticalAlign="top" />
      <Bar dataKey="onTime" name={labels.onTime} fill="#0b5cad" />
      <Bar dataKey="satisfaction" name={labels.satisfaction} fill="#1e6b34" />
    </BarChart>
  );
}
