import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { FeedbackForm } from '#app/components/FeedbackForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { giveFeedback } from '#app/modules/feedback/give-feedback.server';
import { feedbackDimensions, feedbackSchema, feedbackStages, ratedSubjects } from '#app/modules/feedback/schemas';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { safeRedirectPath } from '#app/utils/redirect';
import { useT } from '#app/utils/use-app';
import { feedbackMessages } from '#app/modules/feedback/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.feedback', messages: [feedbackMessages] } satisfies PageHandle;

// No loader: the page exists to re-show a rating form with its errors (the forms live on other pages).

/** A rating from any page's feedback form; with an error, the form is shown here again with what was typed. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const values = { ...formValues(formData) };
  const parsed = parseForm(feedbackSchema, formData, t);
  if (!parsed.ok) {
    // The subject is hidden in the form: a bad one is not for the person to fix, only to be told.
    const { subject, subjectId, stage, ...fields } = parsed.errors;
    return invalid(subject || subjectId || stage ? { form: t('feedback.nothingToRate'), ...fields } : fields, values);
  }
  const result = await giveFeedback(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), values);
  const back = safeRedirectPath(formData.get('redirectTo'), '/me');
  return redirect(`${back}${back.includes('?') ? '&' : '?'}feedback=thanks`);
}

export default function Feedback() {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const dimensionLabels = Object.fromEntries(feedbackDimensions.map((d) => [d, t(`feedback.dimension.${d}`)]));
  const values = actionData?.values ?? {};
  const subject = ratedSubjects.find((s) => s === values.subject) ?? 'report';
  const stage = feedbackStages.find((s) => s === values.stage);
  const subjectId = Number(values.subjectId);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{ score: t('feedback.score'), comment: t('feedback.comment'), subject: t('feedback.score'), subjectId: t('feedback.score'), ...dimensionLabels }} />
      <h1>{t('page.feedback')}</h1>
      {Number.isSafeInteger(subjectId) && subjectId > 0 ? (
        <FeedbackForm subject={subject} subjectId={subjectId} stage={stage} redirectTo={typeof values.redirectTo === 'string' ? values.redirectTo : '/me'} errors={actionData?.errors} values={values} />
      ) : (
        <p>{t('feedback.nothingToRate')}</p>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
