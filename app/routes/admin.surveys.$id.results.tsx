import type { LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { lazy } from 'react';
import { requireSurveyManager } from '#app/modules/surveys/access.server';
import { netPromoterScore, scaleRange } from '#app/modules/surveys/logic';
import { crossTab, frequentWords, photoAnswers, surveyResults, textAnswers } from '#app/modules/surveys/results.server';
import { choiceKinds, crossTabSchema, type Question } from '#app/modules/surveys/schemas';
import { Kpi } from '#app/components/ui/Kpi';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import { statsMessages } from '#app/modules/stats/messages';
import { surveysMessages } from '#app/modules/surveys/messages';
import type { PageHandle } from '#app/root';

const KpiChart = lazy(() => import('#app/components/ui/KpiChart.client'));

export const handle = { title: 'surveys.admin.results', messages: [surveysMessages, statsMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireSurveyManager(request, idParam(params.id, serialMax));
  const questions = survey.definition.sections.flatMap((s) => s.questions);
  const choice = questions.filter((q) => (choiceKinds as readonly string[]).includes(q.kind));
  const view = crossTabSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const rowsId = view.success && choice.some((q) => q.id === view.data.rows) ? view.data.rows! : choice[0]?.id;
  const columnsId = view.success && choice.some((q) => q.id === view.data.columns) ? view.data.columns! : (choice[1] ?? choice[0])?.id;
  const texts = questions.filter((q) => q.kind === 'short' || q.kind === 'long');
  const photoQuestions = questions.filter((q) => q.kind === 'photo');
  const [results, cross, words, photos] = await Promise.all([
    surveyResults(survey),
    rowsId && columnsId ? crossTab(survey, rowsId, columnsId) : null,
    Promise.all(texts.map(async (q) => ({ id: q.id, words: await frequentWords(survey.id, q.id), some: await textAnswers(survey.id, q.id, 10) }))),
    Promise.all(photoQuestions.map(async (q) => ({ id: q.id, ids: await photoAnswers(survey.id, q.id) }))),
  ]);
  return { survey: { id: survey.id, titleRu: survey.titleRu, titleEn: survey.titleEn, anonymous: survey.anonymous }, questions, results, cross: cross && { rowsId: rowsId!, columnsId: columnsId!, table: cross }, choice: choice.map((q) => ({ id: q.id, text: q.text })), words, photos };
}

export default function SurveyResults() {
  const { survey, questions, results, cross, choice, words, photos } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const text = (l: { ru: string; en: string }) => (locale === 'ru' ? l.ru : l.en);
  const byId = new Map(questions.map((q) => [q.id, q]));
  /** The bars of a question: its options, scale points or ranking points. */
  const bars = (q: Question) => {
    const r = results.questions.find((x) => x.id === q.id)!;
    if (q.kind === 'scale') return scaleRange(q).map((n) => ({ label: String(n), count: r.counts[String(n)] ?? 0 }));
    if (q.kind === 'matrix') return (q.rows ?? []).map((row) => ({ label: text(row.label), count: scaleRange(q).reduce((a, n) => a + n * (r.counts[`${row.id}:${n}`] ?? 0), 0) / Math.max(1, scaleRange(q).reduce((a, n) => a + (r.counts[`${row.id}:${n}`] ?? 0), 0)) }));
    return (q.options ?? []).map((o) => ({ label: text(o.label), count: r.counts[o.id] ?? 0 }));
  };
  const charted = (q: Question) => q.kind === 'single' || q.kind === 'multiple' || q.kind === 'scale' || q.kind === 'ranking' || q.kind === 'matrix';
  return (
    <>
      <p><Link to={`/admin/surveys/${survey.id}`}>{t('surveys.admin.title')}</Link></p>
      <h1>{t('surveys.results.title', { title: text({ ru: survey.titleRu, en: survey.titleEn }) })}</h1>
      <p className="lead" data-testid="responses">{t('surveys.results.total', { n: results.total })}</p>
      <p>
        <a href={`/admin/surveys/${survey.id}/responses/csv`}>{t('surveys.results.csv')}</a> · <a href={`/admin/surveys/${survey.id}/responses/json`}>{t('surveys.results.json')}</a>
      </p>
      {survey.anonymous ? <p className="muted">{t('surveys.results.openData')}</p> : null}
      {questions.map((q) => {
        const r = results.questions.find((x) => x.id === q.id)!;
        const nps = netPromoterScore(q, r);
        const w = words.find((x) => x.id === q.id);
        const shown = photos.find((x) => x.id === q.id)?.ids;
        return (
          <section key={q.id} aria-labelledby={`result-${q.id}`} data-testid={`result-${q.id}`}>
            <h2 id={`result-${q.id}`}>{q.id}. {text(q.text)}</h2>
            <p className="muted">
              {t('surveys.results.answered', { n: r.answered })}
              {r.mean !== null ? <> · {t('surveys.results.mean', { mean: r.mean })}</> : null}
              {nps !== null ? <> · {t('surveys.results.nps', { nps })}</> : null}
              {r.other ? <> · {t('surveys.results.other', { n: r.other })}</> : null}
            </p>
            {charted(q) ? (
              <Kpi
                id={q.id}
                title={t(`surveys.kind.${q.kind}`)}
                csv={`/admin/surveys/${survey.id}/responses/csv`}
                empty={r.answered === 0}
                chart={<KpiChart kind="bar" data={bars(q)} xKey="label" series={[{ key: 'count', label: q.kind === 'ranking' ? t('surveys.results.points') : q.kind === 'matrix' ? t('surveys.results.mean', { mean: '' }) : t('surveys.results.count'), color: '#0b5cad' }]} />}
                table={
                  <table>
                    <thead><tr><th scope="col">{t('surveys.results.option')}</th><th scope="col">{q.kind === 'ranking' ? t('surveys.results.points') : t('surveys.results.count')}</th></tr></thead>
                    <tbody>{bars(q).map((b) => <tr key={b.label}><th scope="row">{b.label}</th><td>{Math.round(b.count * 100) / 100}</td></tr>)}</tbody>
                  </table>
                }
              />
            ) : null}
            {w ? (
              <>
                <h3>{t('surveys.results.words')}</h3>
                {w.words.length === 0 ? <p className="muted">{t('surveys.results.noWords')}</p> : <p data-testid={`words-${q.id}`}>{w.words.map((x) => `${x.word} (${x.answers})`).join(', ')}</p>}
                {w.some.length ? (
                  <>
                    <h3>{t('surveys.results.latest')}</h3>
                    <ul>{w.some.map((s, i) => <li key={i}>{s}</li>)}</ul>
                  </>
                ) : null}
              </>
            ) : null}
            {shown?.length ? (
              <>
                <h3>{t('surveys.results.photos', { n: r.answered })}</h3>
                {shown.length < r.answered ? <p className="muted">{t('surveys.results.photosLatest', { shown: shown.length })}</p> : null}
                <ul className="media-thumbnails" data-testid={`photos-${q.id}`}>
                  {shown.map((id, i) => (
                    <li key={id}>
                      <a href={`/media/survey-photos/${id}`}>
                        <img src={`/media/survey-photos/${id}`} alt={t('surveys.results.photoAlt', { n: i + 1, question: q.id })} width={120} height={90} loading="lazy" />
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}
      {cross ? (
        <section aria-labelledby="cross-title">
          <h2 id="cross-title">{t('surveys.results.cross')}</h2>
          <p className="muted">{t('surveys.results.crossHint')}</p>
          <Form method="get" className="form">
            <label htmlFor="cross-rows">{t('surveys.results.rows')}</label>
            <select id="cross-rows" name="rows" defaultValue={cross.rowsId}>{choice.map((q) => <option key={q.id} value={q.id}>{q.id}. {text(q.text)}</option>)}</select>
            <label htmlFor="cross-columns">{t('surveys.results.columns')}</label>
            <select id="cross-columns" name="columns" defaultValue={cross.columnsId}>{choice.map((q) => <option key={q.id} value={q.id}>{q.id}. {text(q.text)}</option>)}</select>
            <button type="submit" className="button button--secondary">{t('surveys.results.show')}</button>
          </Form>
          <div className="table-wrap">
            <table data-testid="cross-tab">
              <caption>{text(byId.get(cross.rowsId)!.text)} × {text(byId.get(cross.columnsId)!.text)}</caption>
              <thead>
                <tr><td />{(byId.get(cross.columnsId)!.options ?? []).map((o) => <th key={o.id} scope="col">{text(o.label)}</th>)}</tr>
              </thead>
              <tbody>
                {(byId.get(cross.rowsId)!.options ?? []).map((row) => (
                  <tr key={row.id}>
                    <th scope="row">{text(row.label)}</th>
                    {(byId.get(cross.columnsId)!.options ?? []).map((col) => <td key={col.id}>{cross.table[row.id]?.[col.id] ?? 0}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
