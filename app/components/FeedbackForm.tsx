import { Form } from '@remix-run/react';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field } from '#app/components/forms/Field';
import { useT } from '#app/utils/use-app';

type Props = {
  subject: 'report' | 'idea' | 'ballot';
  subjectId: number;
  /** Where to come back to after rating (the page the form is on). */
  redirectTo: string;
  errors?: Record<string, string>;
  values?: Record<string, string | string[]>;
};

/** "How was it?": 1–5 and an optional comment, after a completed interaction. Never required; once per interaction. */
export function FeedbackForm({ subject, subjectId, redirectTo, errors, values }: Props) {
  const { t } = useT();
  const chosen = typeof values?.score === 'string' ? values.score : '';
  return (
    <section className="card" aria-labelledby="feedback-title" data-testid="feedback-form">
      <h2 id="feedback-title">{t(`feedback.heading.${subject}`)}</h2>
      <p>{t(`feedback.title.${subject}`)}</p>
      <p className="muted">{t('feedback.optional')}</p>
      <Form method="post" action="/feedback" noValidate className="form">
        <CsrfInput />
        <input type="hidden" name="subject" value={subject} />
        <input type="hidden" name="subjectId" value={subjectId} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className={errors?.score ? 'field field--error' : 'field'}>
          <fieldset aria-describedby={errors?.score ? 'field-score-error' : undefined}>
            <legend id="field-score">{t('feedback.score')}</legend>
            {errors?.score ? (
              <span className="field__error" id="field-score-error">
                {errors.score}
              </span>
            ) : null}
            <div className="score-scale">
              {(['1', '2', '3', '4', '5'] as const).map((n) => (
                <label key={n} className="checkbox">
                  <input type="radio" name="score" value={n} defaultChecked={chosen === n} /> {t(`feedback.score${n}`)}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        <Field name="comment" type="text" label={t('feedback.comment')} hint={t('feedback.commentHint')} error={errors?.comment} defaultValue={typeof values?.comment === 'string' ? values.comment : ''} maxLength={1000} />
        <button type="submit" className="button">{t(`feedback.send.${subject}`)}</button>
      </Form>
    </section>
  );
}
