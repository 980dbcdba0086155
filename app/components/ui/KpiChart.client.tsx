import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Series = { key: string; label: string; color: string };

/**
 * One KPI chart (recharts): lines over days, or bars per group. The table next to it carries the same numbers.
 * `yDomain` fixes the scale (a 1–5 rating), else it follows the data.
 */
export default function KpiChart({ kind, data, xKey, series, unit, yDomain }: { kind: 'line' | 'bar'; data: Record<string, unknown>[]; xKey: string; series: Series[]; unit?: string; yDomain?: [number, number] }) {
  const axis = { tick: { fontSize: 12, fill: '#1b1f24' } };
  return (
    <ResponsiveContainer width="100%" height={280}>
      {kind === 'line' ? (
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={xKey} {...axis} minTickGap={24} />
          <YAxis {...axis} unit={unit} domain={yDomain} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Line key={s.key} type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={false} strokeWidth={2} connectNulls />
          ))}
        </LineChart>
      ) : (
        <BarChart accessibilityLayer={false} data={data} margin={{ top: 10, right: 16, bottom: 10, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={xKey} {...axis} interval={0} />
          <YAxis {...axis} unit={unit} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={s.color} />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
