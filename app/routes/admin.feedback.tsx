import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { lazy } from 'react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { centreIdsOf, complaintWords, feedbackScopeOf, feedbackViewOf, groupsInScope, isCityWide, satisfactionByGroup, satisfactionByWeek, satisfactionOverTime, seesCentres as scopeSeesCentres } from '#app/modules/feedback/queries.server';
import { centresFigures, dimensionScores, painPoints, ratingsOfStaff, satisfactionIndex } from '#app/modules/feedback/satisfaction-index.server';
import { feedbackDimensions, feedbackGroups, type FeedbackGroup } from '#app/modules/feedback/schemas';
import { Kpi } from '#app/components/ui/Kpi';
import { useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import { statsMessages } from '#app/modules/stats/messages';
import type { PageHandle } from '#app/root';
import { CentreFiguresTable } from '#app/components/feedback/CentreFiguresTable';

const KpiChart = lazy(() => import('#app/components/ui/KpiChart.client'));

export const handle = { title: 'page.adminFeedback', messages: [feedbackMessages, statsMessages] } satisfies PageHandle;

/** Distinct lines for up to five groups, each with AA contrast on white. */
const seriesColors = ['#0b5cad', '#1e6b34', '#b35c00', '#6a3d9a', '#a4262c'];

/**
 * How residents rate their interactions, per department, category, project, ballot, centre and service, and over time
 * per group of the chosen kind (`?by=`); what low ratings say, for everything or one group (`?group=`). Each unit's
 * staff see their own unit only (ADR 057): an officer their departments' reports, a consultant their centres' visits
 * and the ratings of the visits they served themselves.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'feedback.read', 'some');
  const scope = feedbackScopeOf(user);
  const view = feedbackViewOf(scope, new URL(request.url).searchParams);
  const { days, by } = view;
  // Another unit's page is not there for this viewer (ADR 057): asked for by its id, it is a 404, never its data.
  if (view.foreignGroup) throw new Response('Not Found', { status: 404, statusText: 'Not Found' });
  const cityWide = isCityWide(scope);
  const seesCentres = scopeSeesCentres(scope);
  const [groups, weeks, series, pains, index, centres, dimensions, own] = await Promise.all([
    satisfactionByGroup(scope, days),
    satisfactionByWeek(scope, days),
    satisfactionOverTime(scope, by, days),
    painPoints(scope, days),
    satisfactionIndex(scope, days > 90 ? 12 : 3),
    seesCentres ? centresFigures(days, centreIdsOf(scope)) : [],
    dimensionScores(scope, days),
    // A centre's staff see the ratings of the visits they served; a city-wide viewer has no desk of their own here.
    !cityWide && seesCentres ? ratingsOfStaff(user.id, days) : null,
  ]);
  // Words of one group only when that group is one the viewer sees.
  const chosen = groups.find((g) => g.group === by && g.id === view.group) ?? null;
  const words = await complaintWords(scope, days, 15, chosen ? { group: by, id: chosen.id } : undefined);
  const intro = cityWide ? 'feedback.staffIntro' : seesCentres && scope.departmentIds.length === 0 ? 'feedback.staffIntroCentre' : 'feedback.staffIntroDepartment';
  return { groups, weeks, series, words, days, by, kinds: groupsInScope(scope), chosen, intro, seesCentres, pains, index, centres, dimensions, own } as const;
}

export default function AdminFeedback() {
  const { groups, weeks, series, words, days, by, kinds, chosen, intro, seesCentres, pains, index, centres, dimensions, own } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const name = (g: { nameRu: string; nameEn: string }) => (locale === 'ru' ? g.nameRu : g.nameEn);
  const view = (params: { days?: number; by?: FeedbackGroup; group?: number }) => {
    const q = new URLSearchParams({ days: String(params.days ?? days), by: params.by ?? by });
    if (params.group) q.set('group', String(params.group));
    return `?${q}`;
  };
  // One row per week, one column per group: what the chart draws and the table lists.
  const weekRows = [...new Set(series.weeks.map((w) => w.week))].map((week) => {
    const row: Record<string, string | number> = { week };
    for (const w of series.weeks) if (w.week === week) row[`g${w.groupId}`] = w.average;
    return row;
  });
  const cell = (week: string, groupId: number) => series.weeks.find((w) => w.week === week && w.groupId === groupId);
  return (
    <>
      <h1>{t('page.adminFeedback')}</h1>
      <p className="lead">{t(intro, { days })}</p>
      <p>
        <a href={view({ days: 90 })}>{t('feedback.last90')}</a> · <a href={view({ days: 365 })}>{t('feedback.last365')}</a>
      </p>
      {groups.length === 0 ? <p className="empty-state">{t('feedback.none')}</p> : null}
      {feedbackGroups.map((kind) => {
        const rows = groups.filter((g) => g.group === kind);
        if (rows.length === 0) return null;
        return (
          <section key={kind}>
            <h2>{t(`feedback.by.${kind}`)}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t(`feedback.col.${kind}`)}</th>
                    <th scope="col">{t('feedback.col.ratings')}</th>
                    <th scope="col">{t('feedback.col.average')}</th>
                    <th scope="col">{t('feedback.col.low')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={`${kind}-${r.id}`}>
                      <th scope="row">
                        <a href={`${view({ by: kind, group: r.id })}#words`}>{name(r)}</a>
                      </th>
                      <td>{r.ratings}</td>
                      <td>{r.average.toFixed(2)}</td>
                      <td>{r.low}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <h2 id="pains">{t('feedback.pains')}</h2>
      {pains.length === 0 ? (
        <p className="muted">{t('feedback.noPains')}</p>
      ) : (
        <>
          <p className="muted">{t('feedback.painsIntro', { min: 5 })}</p>
          <div className="table-wrap">
            <table data-testid="pains">
              <thead>
                <tr>
                  <th scope="col">{t('feedback.col.stage')}</th>
                  <th scope="col">{t('feedback.col.dimension')}</th>
                  <th scope="col">{t('feedback.col.ratings')}</th>
                  <th scope="col">{t('feedback.col.average')}</th>
                </tr>
              </thead>
              <tbody>
                {pains.map((p) => (
                  <tr key={`${p.subject}-${p.stage}-${p.dimension}`}>
                    <th scope="row">{t(`feedback.stage.${p.subject}.${p.stage}` as 'feedback.stage.report.filed')}</th>
                    <td>{p.dimension === 'score' ? t('feedback.overall') : t(`feedback.dimension.${p.dimension}`)}</td>
                    <td>{p.ratings}</td>
                    <td>{p.average.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2 id="index">{t('feedback.index')}</h2>
      <p className="muted">{t('feedback.indexIntro')}</p>
      {index.length === 0 ? (
        <p className="muted">{t('feedback.none')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="satisfaction-index">
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
                  <th scope="row">{`${t(`feedback.unitKind.${r.unit}`)}: ${name(r)}`}</th>
                  <td>{r.month}</td>
                  <td>{r.ratings}</td>
                  <td>{r.index.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="dimensions">{t('feedback.dimensionScores')}</h2>
      {dimensions.length === 0 ? (
        <p className="muted">{t('feedback.none')}</p>
      ) : (
        <>
          <p className="muted">{t('feedback.dimensionsIntro')}</p>
          <div className="table-wrap">
            <table data-testid="dimension-scores">
              <thead>
                <tr>
                  <th scope="col">{t('feedback.col.unit')}</th>
                  <th scope="col">{t('feedback.col.ratings')}</th>
                  <th scope="col">{t('feedback.overall')}</th>
                  {feedbackDimensions.map((d) => (
                    <th key={d} scope="col">{t(`feedback.dimension.${d}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dimensions.map((r) => (
                  <tr key={`${r.unit}-${r.id}`}>
                    <th scope="row">{`${t(`feedback.unitKind.${r.unit}`)}: ${name(r)}`}</th>
                    <td>{r.ratings}</td>
                    <td>{r.score.toFixed(2)}</td>
                    {feedbackDimensions.map((d) => (
                      <td key={d}>{r[d] === null ? '—' : r[d].toFixed(2)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {own ? (
        <>
          <h2 id="own">{t('feedback.own')}</h2>
          <p data-testid="own-ratings">{own.ratings === 0 || own.average === null ? t('feedback.ownNone') : t('feedback.ownSummary', { n: own.ratings, average: own.average.toFixed(2) })}</p>
        </>
      ) : null}
      {seesCentres ? (
        <>
          <h2 id="centres">{t('feedback.centres')}</h2>
          <p className="muted">{t('feedback.centresIntro')}</p>
          <div className="table-wrap">
            <CentreFiguresTable centres={centres} testId="centre-figures" />
          </div>
        </>
      ) : null}
      <p id="over-time">
        {t('feedback.groupBy')}{' '}
        {kinds.map((kind, i) => (
          <span key={kind}>
            {i > 0 ? ' · ' : null}
            <a href={`${view({ by: kind })}#over-time`} aria-current={kind === by ? 'true' : undefined}>
              {t(`feedback.col.${kind}`)}
            </a>
          </span>
        ))}
      </p>
      <Kpi
        id="by-group"
        title={t(`feedback.series.${by}`)}
        csv={`/admin/feedback.csv${view({})}`}
        empty={series.groups.length === 0}
        chart={<KpiChart kind="line" data={weekRows} xKey="week" yDomain={[1, 5]} series={series.groups.map((g, i) => ({ key: `g${g.id}`, label: name(g), color: seriesColors[i % seriesColors.length]! }))} />}
        table={
          <table>
            <caption>{t('feedback.seriesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.col.week')}</th>
                {series.groups.map((g) => (
                  <th key={g.id} scope="col">{name(g)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weekRows.map((row) => (
                <tr key={row.week}>
                  <th scope="row">{row.week}</th>
                  {series.groups.map((g) => {
                    const w = cell(String(row.week), g.id);
                    return <td key={g.id}>{w ? `${w.average.toFixed(2)} (${w.ratings})` : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      {series.groups.length > 0 ? <p className="muted">{t('feedback.seriesIntro', { n: series.groups.length })}</p> : null}
      <h2>{t('feedback.overTime')}</h2>
      {weeks.length === 0 ? (
        <p className="muted">{t('feedback.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('feedback.col.week')}</th>
                <th scope="col">{t('feedback.col.kind')}</th>
                <th scope="col">{t('feedback.col.ratings')}</th>
                <th scope="col">{t('feedback.col.average')}</th>
              </tr>
            </thead>
            <tbody>
              {weeks.map((w) => (
                <tr key={`${w.week}-${w.subject}`}>
                  <td>{w.week}</td>
                  <td>{t(`feedback.kind.${w.subject as 'report'}`)}</td>
                  <td>{w.ratings}</td>
                  <td>{w.average.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="words">{chosen ? t('feedback.wordsOf', { name: name(chosen) }) : t('feedback.words')}</h2>
      {chosen ? (
        <p>
          <a href={`${view({})}#words`}>{t('feedback.allWords')}</a>
        </p>
      ) : null}
      {words.length === 0 ? (
        <p className="muted">{t('feedback.noWords')}</p>
      ) : (
        <ol className="word-list">
          {words.map((w) => (
            <li key={w.word}>
              <strong>{w.word}</strong> — {t('feedback.inComments', { n: w.comments })}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
