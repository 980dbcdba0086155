import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { getCurrentUser } from '#app/modules/accounts/sessions.server';
import { listRewards, pointsBalance } from '#app/modules/votes/queries.server';
import { rewardSpendSchema } from '#app/modules/votes/schemas';
import { spendPoints } from '#app/modules/votes/spend-points.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { votesMessages } from '#app/modules/votes/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'votes.rewards', messages: [votesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  return { rewards: await listRewards(), balance: user ? await pointsBalance(user.id) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(rewardSpendSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await spendPoints(user.id, parsed.data.rewardId);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/rewards?spent=${parsed.data.rewardId}`);
}

export default function Rewards() {
  const { rewards, balance } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const spent = rewards.find((r) => String(r.id) === params.get('spent'));
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      <h1>{t('votes.rewards')}</h1>
      <p className="lead">{t('votes.rewardsIntro')}</p>
      {spent ? <p className="notice" role="status">{t('votes.spent', { title: locale === 'ru' ? spent.titleRu : spent.titleEn })}</p> : null}
      {balance === null ? (
        <p><Link to="/sign-in?redirectTo=/rewards">{t('votes.signInForPoints')}</Link></p>
      ) : (
        <p>{t('votes.balance')}: <strong data-testid="balance">{balance}</strong> · <Link to="/me/points">{t('votes.history')}</Link></p>
      )}
      {rewards.length === 0 ? <p className="empty-state">{t('votes.noRewards')}</p> : null}
      <ul className="list-plain">
        {rewards.map((r) => (
          <li key={r.id} className="card">
            <h2>{locale === 'ru' ? r.titleRu : r.titleEn}</h2>
            <p>{locale === 'ru' ? r.descriptionRu : r.descriptionEn}</p>
            <p>{t('votes.cost', { n: r.cost })}</p>
            {balance !== null ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="rewardId" value={r.id} />
                <button type="submit" className="button button--secondary" disabled={balance < r.cost}>
                  {t('votes.spend')}<span className="visually-hidden"> {locale === 'ru' ? r.titleRu : r.titleEn}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
