import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { createBallot } from '#app/modules/votes/edit-ballot.server';
import { listBallots } from '#app/modules/votes/queries.server';
import { newBallotSchema } from '#app/modules/votes/schemas';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, valueOf } from '#app/components/forms/Field';
import { BallotStatus } from '#app/components/ui/BallotStatus';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.adminBallots', messages: [votesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'votes.manage');
  return { ballots: (await listBallots(['draft', 'scheduled', 'open', 'closed', 'published'])).map(({ chainHead: _c, ...b }) => b) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'votes.manage');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(newBallotSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await createBallot(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/admin/ballots/${result.value.id}`);
}

export default function AdminBallots() {
  const dateTime = useDateTime();
  const { ballots } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const labels = { titleRu: t('votes.titleRu'), titleEn: t('votes.titleEn'), descriptionRu: t('votes.descriptionRu'), descriptionEn: t('votes.descriptionEn') };
  const v = actionData?.values;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('votes.adminBallots')}</h1>
      {ballots.length === 0 ? <p className="empty-state">{t('votes.noBallots')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t('votes.ballot')}</th><th scope="col">{t('votes.statusLabel')}</th><th scope="col">{t('votes.closesAt')}</th></tr>
          </thead>
          <tbody>
            {ballots.map((b) => (
              <tr key={b.id}>
                <td><Link to={`/admin/ballots/${b.id}`}>{locale === 'ru' ? b.titleRu : b.titleEn}</Link></td>
                <td><BallotStatus status={b.status} /></td>
                <td>{b.closesAt ? dateTime(b.closesAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('votes.newBallot')}</h2>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <Field name="titleRu" type="text" label={labels.titleRu} error={actionData?.errors.titleRu} defaultValue={valueOf(v, 'titleRu')} />
        <Field name="titleEn" type="text" label={labels.titleEn} error={actionData?.errors.titleEn} defaultValue={valueOf(v, 'titleEn')} />
        <Field name="descriptionRu" type="text" label={labels.descriptionRu} error={actionData?.errors.descriptionRu} defaultValue={valueOf(v, 'descriptionRu')} />
        <Field name="descriptionEn" type="text" label={labels.descriptionEn} error={actionData?.errors.descriptionEn} defaultValue={valueOf(v, 'descriptionEn')} />
        <button type="submit" className="button">{t('votes.createDraft')}</button>
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
