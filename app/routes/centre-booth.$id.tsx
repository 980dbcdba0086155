import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { castInBooth, centreOfBooth, openBoothSession } from '#app/modules/centres/booth.server';
import { getBallot } from '#app/modules/votes/index.server';
import { centresMessages } from '#app/modules/centres/messages';
import { votesMessages } from '#app/modules/votes/messages';
import { QuestionFields } from '#app/components/ballots/QuestionFields';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formEntries } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.booth', messages: [centresMessages, votesMessages] } satisfies PageHandle;

/** The session's centre, after checking the id's shape; a session nobody can name is a 404. */
async function boothCentre(id: string | undefined): Promise<number> {
  const centreId = id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? await centreOfBooth(id) : null;
  if (!centreId) throw new Response('Not found', { status: 404 });
  return centreId;
}

/** The centre's terminal (signed in as the centre's staff) shows the ballot of an open session, and nothing else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const centreId = await boothCentre(params.id);
  await requirePermission(request, 'centres.serve', { centreId });
  const session = await openBoothSession(params.id!, centreId);
  const ballot = session ? await getBallot(session.ballotId) : null;
  return data(
    { open: !!session && !!ballot, expiresAt: session?.expiresAt ?? null, ballot: ballot ? { titleRu: ballot.titleRu, titleEn: ballot.titleEn, questions: ballot.questions } : null },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const centreId = await boothCentre(params.id);
  await requirePermission(request, 'centres.serve', { centreId });
  const { formData, t } = await readForm(request, { maxFields: 1000 });
  const raw: Record<string, string[]> = {};
  for (const [key, all] of formEntries(formData)) {
    if (!key.startsWith('_')) raw[key] = all.filter((v): v is string => typeof v === 'string');
  }
  const result = await castInBooth(params.id!, centreId, raw);
  if (!result.ok) return invalid(translateErrors(result.errors, t), raw);
  // The receipt is shown once, here, to the resident at the terminal; it is stored only as its hash.
  return data({ receipt: result.value.receipt, errors: undefined, values: undefined }, { headers: { 'Cache-Control': 'no-store' } });
}

export default function Booth() {
  const { open, expiresAt, ballot } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const dateTime = useDateTime();
  const receipt = actionData && 'receipt' in actionData ? actionData.receipt : null;
  const typed = actionData?.values ?? undefined;
  const labels = Object.fromEntries((ballot?.questions ?? []).map((q) => [`q${q.id}`, locale === 'ru' ? q.textRu : q.textEn]));
  if (receipt) {
    return (
      <>
        <h1>{t('page.booth')}</h1>
        <p className="notice" role="status">
          {t('assist.boothReceipt')}
        </p>
        <p className="code-slip">
          <strong data-testid="booth-receipt">{receipt}</strong>
        </p>
        <p>{t('assist.boothDone')}</p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.booth')}</h1>
      {open && ballot ? (
        <>
          <h2>{locale === 'ru' ? ballot.titleRu : ballot.titleEn}</h2>
          <p>{t('assist.boothIntro')}</p>
          {expiresAt ? <p className="muted">{t('assist.boothEnds', { time: dateTime(expiresAt) })}</p> : null}
          <Form method="post" noValidate className="form">
            <CsrfInput />
            {ballot.questions.map((q) => (
              <QuestionFields key={q.id} q={q} error={actionData?.errors?.[`q${q.id}`]} typed={typed} />
            ))}
            <p className="muted">{t('votes.final')}</p>
            <button type="submit" className="button">
              {t('votes.cast')}
            </button>
          </Form>
        </>
      ) : (
        <p className="notice" role="status">
          {t('assist.boothEnded')}
        </p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
