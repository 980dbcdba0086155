import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { departmentScopes, requirePermission } from '#app/modules/accounts/permissions.server';
import { complaintWords, satisfactionByGroup, satisfactionByWeek, type FeedbackScope } from '#app/modules/feedback/queries.server';
import { useT } from '#app/utils/use-app';

export const handle = { title: 'page.adminFeedback' };

/** How residents rate their interactions, per department, category, project and ballot; what low ratings say. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'feedback.read');
  // Officers who hold no city-wide role see their own departments' report ratings only.
  const cityWide = user.roles.some((g) => g.role === 'admin' || g.role === 'moderator' || g.role === 'arbiter');
  const scope: FeedbackScope = { departmentIds: cityWide ? 'all' : departmentScopes(user) };
  const days = new URL(request.url).searchParams.get('days') === '365' ? 365 : 90;
  const [groups, weeks, words] = await Promise.all([satisfactionByGroup(scope, days), satisfactionByWeek(scope, days), complaintWords(scope, days)]);
  return { groups, weeks, words, days, cityWide };
}

export default function AdminFeedback() {
  const { groups, weeks, words, days, cityWide } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const kinds = ['department', 'category', 'project', 'ballot'] as const;
  return (
    <>
      <h1>{t('page.adminFeedback')}</h1>
      <p className="lead">{cityWide ? t('feedback.staffIntro', { days }) : t('feedback.staffIntroDepartment', { days })}</p>
      <p>
        <a href="?days=90">{t('feedback.last90')}</a> · <a href="?days=365">{t('feedback.last365')}</a>
      </p>
      {groups.length === 0 ? <p className="empty-state">{t('feedback.none')}</p> : null}
      {kinds.map((kind) => {
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
                      <th scope="row">{locale === 'ru' ? r.nameRu : r.nameEn}</th>
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
      <h2>{t('feedback.words')}</h2>
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
