import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { lazy } from 'react';
import { satisfactionByKind } from '#app/modules/feedback/stats.server';
import { centresFigures, satisfactionIndex } from '#app/modules/feedback/satisfaction-index.server';
import { ideasByProject } from '#app/modules/ideas/stats.server';
import { dailyKpis, participationByChannel, statsCountedAt, type DayRow } from '#app/modules/stats/queries.server';
import { participationChannels } from '#db/schema/index';
import { turnoutByDistrict } from '#app/modules/votes/stats.server';
import { Kpi } from '#app/components/ui/Kpi';
import { feedbackSubjects } from '#app/modules/feedback/schemas';
import { useDateTime, useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { statsMessages } from '#app/modules/stats/messages';
import type { PageHandle } from '#app/root';
import { readFromReplica } from '#app/utils/read-replica.server';
import { CentreFiguresTable } from '#app/components/feedback/CentreFiguresTable';

const KpiChart = lazy(() => import('#app/components/ui/KpiChart.client'));

export const handle = { title: 'page.stats', messages: [feedbackMessages, statsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const days = new URL(request.url).searchParams.get('days') === '30' ? 30 : 90;
  const [daily, projects, turnout, countedAt, byKind, byChannel, index, centres] = await readFromReplica(request, () =>
    Promise.all([
      dailyKpis(days),
      ideasByProject(),
      turnoutByDistrict(),
      statsCountedAt(),
      satisfactionByKind(days),
      participationByChannel(),
      satisfactionIndex({ departmentIds: 'all' }, 12),
      centresFigures(days),
    ]),
  );
  return { days, daily, projects, turnout, countedAt, byKind, byChannel, index, centres };
}

function DayTable({ rows, columns }: { rows: DayRow[]; columns: { key: keyof DayRow; label: string }[] }) {
  const { t } = useT();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('stats.day')}</th>
          {columns.map((c) => (
            <th key={String(c.key)} scope="col">{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.day}>
            <th scope="row">{r.day}</th>
            {columns.map((c) => (
              <td key={String(c.key)}>{r[c.key] ?? '—'}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Stats() {
  const dateTime = useDateTime();
  const { days, daily, projects, turnout, countedAt, byKind, byChannel, index, centres } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const onTime = daily.map((d) => ({ day: d.day, onTime: d['reports.answered'] ? Math.round((100 * (d['reports.answered_on_time'] ?? 0)) / d['reports.answered']) : undefined }));
  const reportColumns = [
    { key: 'reports.received' as const, label: t('stats.received') },
    { key: 'reports.solved' as const, label: t('stats.solved') },
    { key: 'reports.answered' as const, label: t('stats.answered') },
    { key: 'reports.answered_on_time' as const, label: t('stats.onTime') },
    { key: 'reports.median_answer_hours' as const, label: t('stats.medianHours') },
  ];
  const projectRows = projects.map((p) => ({ name: locale === 'ru' ? p.titleRu : p.titleEn, proposed: p.proposed, accepted: p.accepted }));
  // One row per week with each kind's average (for the chart) and its ratings (for the table).
  const weeks = [...new Set(byKind.map((r) => r.week))].map((week) => {
    const row: Record<string, string | number> = { week };
    for (const r of byKind.filter((x) => x.week === week)) {
      row[r.kind] = r.average;
      row[`${r.kind}Ratings`] = r.ratings;
    }
    return row;
  });
  // One row per activity with its count on each channel (ADR 048).
  const channelRows = (['reports', 'ideas', 'supports', 'ballots'] as const).map((activity) => {
    const row: Record<string, string | number> = { name: t(`stats.activity.${activity}`) };
    for (const channel of participationChannels) row[channel] = byChannel.find((r) => r.activity === activity && r.channel === channel)?.count ?? 0;
    return row;
  });
  const channelColors = { web: '#0b5cad', app: '#6a3d9a', centre: '#1e6b34', api: '#b35c00' } as const;
  const centreIndex = index.filter((r) => r.unit === 'centre');
  const centreIds = [...new Set(centreIndex.map((r) => r.id))];
  const indexMonths = [...new Set(centreIndex.map((r) => r.month))].map((month) => Object.fromEntries([['month', month], ...centreIndex.filter((r) => r.month === month).map((r) => [`c${r.id}`, r.index])]));
  const centreColors = ['#0b5cad', '#1e6b34', '#b35c00', '#6a3d9a', '#a4262c', '#005a5a'];
  const named = (r: { nameRu: string; nameEn: string }) => (locale === 'ru' ? r.nameRu : r.nameEn);
  const centreRows = centres.map((c) => ({ name: named(c), wait: c.averageWaitMinutes ?? undefined, average: c.average ?? undefined }));
  const kindColors = { report: '#0b5cad', idea: '#1e6b34', ballot: '#6a3d9a', visit: '#a4262c' } as const;
  const ballots = [...new Map(turnout.map((r) => [r.ballotId, locale === 'ru' ? r.titleRu : r.titleEn])).entries()];
  return (
    <>
      <h1>{t('page.stats')}</h1>
      <p className="lead">{t('stats.intro')}</p>
      <p className="muted">
        {countedAt ? t('stats.countedAt', { at: dateTime(countedAt) }) : t('stats.notCounted')} ·{' '}
        {days === 90 ? <Link to="?days=30">{t('stats.last30')}</Link> : <Link to="?days=90">{t('stats.last90')}</Link>} · <Link to="/departments">{t('stats.league')}</Link>
      </p>
      <Kpi
        id="reports"
        title={t('stats.reportsTitle')}
        csv="/stats/reports-daily.csv"
        empty={daily.length === 0}
        chart={<KpiChart kind="line" data={daily} xKey="day" series={[{ key: 'reports.received', label: t('stats.received'), color: '#0b5cad' }, { key: 'reports.solved', label: t('stats.solved'), color: '#1e6b34' }]} />}
        table={<DayTable rows={daily} columns={reportColumns} />}
      />
      <Kpi
        id="on-time"
        title={t('stats.onTimeTitle')}
        csv="/stats/reports-daily.csv"
        empty={onTime.every((d) => d.onTime === undefined)}
        chart={<KpiChart kind="line" data={onTime} xKey="day" unit="%" series={[{ key: 'onTime', label: t('stats.onTimePercent'), color: '#0b5cad' }]} />}
        table={<DayTable rows={daily} columns={reportColumns.slice(2)} />}
      />
      <Kpi
        id="participants"
        title={t('stats.participantsTitle')}
        csv="/stats/participants.csv"
        empty={daily.every((d) => d.participants === undefined)}
        chart={<KpiChart kind="line" data={daily} xKey="day" series={[{ key: 'participants', label: t('stats.participants'), color: '#6a3d9a' }]} />}
        table={<DayTable rows={daily} columns={[{ key: 'participants', label: t('stats.participants') }]} />}
      />
      <Kpi
        id="ideas"
        title={t('stats.ideasTitle')}
        csv="/stats/ideas-by-project.csv"
        empty={projectRows.length === 0}
        chart={<KpiChart kind="bar" data={projectRows} xKey="name" series={[{ key: 'proposed', label: t('stats.proposed'), color: '#0b5cad' }, { key: 'accepted', label: t('stats.accepted'), color: '#1e6b34' }]} />}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stats.project')}</th>
                <th scope="col">{t('stats.proposed')}</th>
                <th scope="col">{t('stats.accepted')}</th>
              </tr>
            </thead>
            <tbody>
              {projectRows.map((p) => (
                <tr key={p.name}>
                  <th scope="row">{p.name}</th>
                  <td>{p.proposed}</td>
                  <td>{p.accepted}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      {ballots.length === 0 ? (
        <Kpi id="turnout" title={t('stats.turnoutTitle')} csv="/stats/turnout.csv" empty chart={null} table={null} />
      ) : (
        ballots.map(([ballotId, title]) => {
          const rows = turnout.filter((r) => r.ballotId === ballotId).map((r) => ({ name: locale === 'ru' ? r.districtRu : r.districtEn, voters: r.voters }));
          return (
            <Kpi
              key={ballotId}
              id={`turnout-${ballotId}`}
              title={t('stats.turnoutOf', { title })}
              csv="/stats/turnout.csv"
              empty={false}
              chart={<KpiChart kind="bar" data={rows} xKey="name" series={[{ key: 'voters', label: t('stats.voters'), color: '#0b5cad' }]} />}
              table={
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('stats.district')}</th>
                      <th scope="col">{t('stats.voters')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.name}>
                        <th scope="row">{r.name}</th>
                        <td>{r.voters}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              }
            />
          );
        })
      )}
      <Kpi
        id="channels"
        title={t('stats.channelsTitle')}
        csv="/stats/participation-by-channel.csv"
        empty={byChannel.length === 0}
        chart={<KpiChart kind="bar" data={channelRows} xKey="name" series={participationChannels.map((c) => ({ key: c, label: t(`stats.channel.${c}`), color: channelColors[c] }))} />}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stats.activity')}</th>
                {participationChannels.map((c) => (
                  <th key={c} scope="col">{t(`stats.channel.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {channelRows.map((r) => (
                <tr key={r.name}>
                  <th scope="row">{r.name}</th>
                  {participationChannels.map((c) => (
                    <td key={c}>{r[c]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Kpi
        id="satisfaction"
        title={t('stats.satisfactionTitle')}
        csv="/stats/satisfaction.csv"
        empty={daily.every((d) => d['satisfaction.average'] === undefined)}
        chart={<KpiChart kind="line" data={daily} xKey="day" yDomain={[1, 5]} series={[{ key: 'satisfaction.average', label: t('stats.satisfactionAverage'), color: '#b35c00' }]} />}
        table={<DayTable rows={daily} columns={[{ key: 'satisfaction.average', label: t('stats.satisfactionAverage') }, { key: 'satisfaction.ratings', label: t('stats.ratings') }]} />}
      />
      <Kpi
        id="satisfaction-by-kind"
        title={t('stats.satisfactionByKindTitle')}
        csv="/stats/satisfaction-by-kind.csv"
        empty={weeks.length === 0}
        chart={<KpiChart kind="line" data={weeks} xKey="week" yDomain={[1, 5]} series={feedbackSubjects.map((k) => ({ key: k, label: t(`stats.kind.${k}`), color: kindColors[k] }))} />}
        table={
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stats.weekOf')}</th>
                {feedbackSubjects.map((k) => (
                  <th key={k} scope="col">{t(`stats.kind.${k}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  {feedbackSubjects.map((k) => (
                    <td key={k}>{w[k] === undefined ? '—' : t('stats.averageOf', { average: w[k]!, n: w[`${k}Ratings`]! })}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Kpi
        id="satisfaction-index"
        title={t('feedback.indexTitle')}
        csv="/stats/satisfaction-index.csv"
        empty={index.length === 0}
        chart={<KpiChart kind="line" data={indexMonths} xKey="month" yDomain={[0, 100]} series={centreIds.map((id, i) => ({ key: `c${id}`, label: named(centreIndex.find((r) => r.id === id)!), color: centreColors[i % centreColors.length]! }))} />}
        table={
          <table>
            <caption>{t('feedback.indexChartIntro')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.col.unit')}</th>
                <th scope="col">{t('feedback.col.month')}</th>
                <th scope="col">{t('feedback.col.ratings')}</th>
                <th scope="col">{t('feedback.col.index')}</th>
              </tr>
            </thead>
            <tbody>
              {index.map((r) => (
                <tr key={`${r.unit}-${r.id}-${r.month}`}>
                  <th scope="row">{`${t(`feedback.unitKind.${r.unit}`)}: ${named(r)}`}</th>
                  <td>{r.month}</td>
                  <td>{r.ratings}</td>
                  <td>{r.index.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <Kpi
        id="centres"
        title={t('feedback.centresTitle', { days })}
        csv="/stats/centres.csv"
        empty={centres.every((c) => c.ticketsServed === 0 && c.ratings === 0)}
        chart={
          <KpiChart
            kind="bar"
            data={centreRows}
            xKey="name"
            series={[
              { key: 'wait', label: t('feedback.col.wait'), color: '#0b5cad' },
              { key: 'average', label: t('feedback.col.average'), color: '#b35c00' },
            ]}
          />
        }
        table={
          <CentreFiguresTable centres={centres} />
        }
      />
    </>
  );
}
