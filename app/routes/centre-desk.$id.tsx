import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { cityDays } from '#app/modules/centres/hours';
import { markVisit } from '#app/modules/centres/mark-visit.server';
import { centreById, centreFigures, deskDay } from '#app/modules/centres/queries.server';
import { markVisitSchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge, type Tone } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { env } from '#app/utils/env.server';
import { parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useDateTime, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.centreDesk', messages: [centresMessages] } satisfies PageHandle;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.serve');
  const id = idParam(params.id, serialMax);
  const centre = await centreById(id);
  if (!centre) throw new Response('Not found', { status: 404 });
  const [today] = cityDays(new Date(), env.CITY_TIMEZONE, 1);
  const [visits, figures] = await Promise.all([deskDay(id, today!), centreFigures(id)]);
  const now = Date.now();
  return { centre: { id, nameRu: centre.nameRu, nameEn: centre.nameEn }, visits: visits.map((v) => ({ ...v, markable: v.status === 'booked' && v.startsAt.getTime() <= now + 3600_000 })), figures };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.serve');
  const id = idParam(params.id, serialMax);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(markVisitSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors);
  const result = await markVisit(user.id, id, parsed.data.visitId, parsed.data.outcome);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/centre-desk/${id}?marked=1`);
}

const tones: Record<string, Tone> = { booked: 'info', served: 'success', cancelled: 'neutral', no_show: 'warning' };

export default function CentreDesk() {
  const { centre, visits, figures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const dateTime = useDateTime();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      <h1>{t('centres.deskTitle', { centre: ru ? centre.nameRu : centre.nameEn })}</h1>
      <p>
        <Link to={`/centres/${centre.id}`}>{t('centres.publicPage')}</Link>
      </p>
      <h2>{t('centres.week')}</h2>
      <dl className="figures">
        <dt>{t('centres.figBooked')}</dt>
        <dd>{figures.booked}</dd>
        <dt>{t('centres.figServed')}</dt>
        <dd>{figures.served}</dd>
        <dt>{t('centres.figNoShow')}</dt>
        <dd>{figures.noShow}</dd>
        <dt>{t('centres.figCancelled')}</dt>
        <dd>{figures.cancelled}</dd>
      </dl>
      <h2>{t('centres.today')}</h2>
      {visits.length === 0 ? <p className="empty-state">{t('centres.noVisitsToday')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('centres.slot')}</th>
              <th scope="col">{t('centres.window')}</th>
              <th scope="col">{t('centres.service')}</th>
              <th scope="col">{t('centres.person')}</th>
              <th scope="col">{t('centres.status')}</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((v) => (
              <tr key={v.id}>
                <td>{dateTime(v.startsAt)}</td>
                <td>{v.window}</td>
                <td>{ru ? v.serviceRu : v.serviceEn}</td>
                <td>{v.person}</td>
                <td>
                  <Badge tone={tones[v.status]}>{t(`centres.status.${v.status}`)}</Badge>
                  {v.markable ? (
                    <>
                      {' '}
                      <InlineAction label={t('centres.markServed')} about={v.person} fields={{ visitId: v.id, outcome: 'served' }} />{' '}
                      <InlineAction label={t('centres.markNoShow')} about={v.person} fields={{ visitId: v.id, outcome: 'no_show' }} />
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
