import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { moderateInitiative } from '#app/modules/initiatives/moderate-initiative.server';
import { moderationQueue } from '#app/modules/initiatives/queries.server';
import { moderationSchema } from '#app/modules/initiatives/schemas';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field } from '#app/components/forms/Field';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.initiativesModeration', messages: [initiativesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'initiatives.moderate');
  return { queue: await moderationQueue() };
}

export async function action({ request }: ActionFunctionArgs) {
  const moderator = await requirePermission(request, 'initiatives.moderate');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(moderationSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await moderateInitiative(moderator.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/moderation/initiatives?done=${parsed.data.intent}`);
}

export default function InitiativesModeration() {
  const { queue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const dateTime = useDateTime();
  // One form per initiative: the summary says what is wrong in words (the reason field is named in it).
  const labels = { reason: t('initiatives.rejectReason') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ reason: null }} />
      <h1>{t('page.initiativesModeration')}</h1>
      {params.get('done') ? <p className="notice" role="status">{t('initiatives.moderationDone')}</p> : null}
      <h2>{t('initiatives.queue', { n: queue.length })}</h2>
      {queue.length === 0 ? <p className="empty-state">{t('initiatives.queueEmpty')}</p> : null}
      {queue.map((i) => (
        <article key={i.id} className="card" aria-labelledby={`initiative-${i.id}-title`}>
          <h3 id={`initiative-${i.id}-title`}><Link to={`/initiatives/${i.id}`}>{i.title}</Link></h3>
          <p className="muted">
            {i.authorName ?? t('initiatives.formerResident')} · {dateTime(i.createdAt)} · {i.districtRu ? (locale === 'ru' ? i.districtRu : i.districtEn) : t('initiatives.wholeCity')}
          </p>
          <p>{t('initiatives.dueBy', { date: dateTime(i.dueAt) })} {i.overdue ? <Badge tone="danger">{t('initiatives.overdue')}</Badge> : null}</p>
          <p className="report-text">{i.body}</p>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="initiativeId" value={i.id} />
              <button type="submit" name="intent" value="approve" className="button">{t('initiatives.approve')}<span className="visually-hidden"> {i.title}</span></button>
            </Form>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="initiativeId" value={i.id} />
              <Field id={`reject-reason-${i.id}`} name="reason" type="text" label={t('initiatives.rejectReason')} hint={t('initiatives.rejectReasonHint')} />
              <button type="submit" name="intent" value="reject" className="button button--danger">{t('initiatives.reject')}<span className="visually-hidden"> {i.title}</span></button>
            </Form>
          </div>
        </article>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
